// The page's words and dates in the chosen language: every text comes from /playground/api/setup
// (state.texts), dates and times are shown in Malaysia's time zone.

import { els } from './dom.js';
import { state } from './state.js';

const MYT = 'Asia/Kuala_Lumpur';

export function t(key, params = {}) {
  const text = Object.hasOwn(state.texts, key) ? state.texts[key] : key;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The texts of index.html's own elements, marked data-text and data-aria-label. */
export function applyStaticTexts() {
  document.documentElement.lang = state.lang;
  document.title = t('playground.title');
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = t(el.dataset.text);
  for (const el of document.querySelectorAll('[data-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.ariaLabel));
  }
  els.composer.placeholder = t('playground.composer.placeholder');
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  }
}

const formatters = new Map();

export function formatter(kind) {
  const key = `${state.lang}:${kind}`;
  if (!formatters.has(key)) {
    const options = {
      time: { hour: 'numeric', minute: '2-digit' },
      full: { dateStyle: 'medium', timeStyle: 'short' },
      day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
      dayKey: { year: 'numeric', month: '2-digit', day: '2-digit' },
    }[kind];
    const locale = kind === 'dayKey' ? 'en-CA' : state.lang === 'ms' ? 'ms-MY' : 'en-MY';
    formatters.set(key, new Intl.DateTimeFormat(locale, { timeZone: MYT, ...options }));
  }
  return formatters.get(key);
}

export const clearFormatters = () => formatters.clear();

export const dayKeyOf = (date) => formatter('dayKey').format(date);

export function dayLabel(date) {
  const key = dayKeyOf(date);
  const now = new Date();
  if (key === dayKeyOf(now)) return t('playground.day.today');
  if (key === dayKeyOf(new Date(now.getTime() - 86_400_000))) return t('playground.day.yesterday');
  return formatter('day').format(date);
}
