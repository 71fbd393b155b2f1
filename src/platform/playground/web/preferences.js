// The person, language and conversation the page shows, remembered for the next visit: the address carries
// the person and the language (a link opens the same view), local storage all three.

import { state } from './state.js';

export const STORE = {
  as: 'mailops.playground.as',
  lang: 'mailops.playground.lang',
  open: 'mailops.playground.open',
};

export function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function store(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private windows may refuse storage; the URL still carries the choice.
  }
}

export function writeUrl() {
  const url = new URL(location.href);
  if (state.me) url.searchParams.set('as', state.me.id);
  url.searchParams.set('lang', state.lang);
  history.replaceState(null, '', url);
  if (state.me) store(STORE.as, state.me.id);
  store(STORE.lang, state.lang);
}
