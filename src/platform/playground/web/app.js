// The local playground page: a small Microsoft Teams workspace in the browser. It talks only to its own
// server (/playground/api/*, /playground/events), renders the bot's Adaptive Cards with the official
// adaptivecards 3.0.6 bundle (global AdaptiveCards, loaded before this module) and never builds HTML from
// server strings except through markdown.js, which escapes everything first.
// This module starts the page, and switches the person it acts as and its language.

import { API, api, listOf, query } from './api.js';
import { setupAdaptiveCards } from './cards.js';
import { bindComposer, setComposerError } from './composer.js';
import { open } from './conversations.js';
import { els, h } from './dom.js';
import { connect } from './live.js';
import { resetMessages } from './messages.js';
import { STORE, stored, writeUrl } from './preferences.js';
import { CHAT, LANGS, state } from './state.js';
import { applyStaticTexts, clearFormatters, t } from './texts.js';
import { refreshTickets } from './tickets.js';
import { openConversation, pickConversation, pickPerson } from './workspace.js';

async function loadSetup(lang) {
  const setup = await api(`${API}/setup?${query({ lang })}`);
  state.lang = LANGS.includes(setup.lang) ? setup.lang : lang;
  state.texts = setup.texts && typeof setup.texts === 'object' ? setup.texts : {};
  state.people = listOf(setup.people);
  state.channels = listOf(setup.channels);
  clearFormatters();
  state.dividers.clear();
}

function renderIdentity() {
  els.identity.replaceChildren(
    ...state.people.map((p) =>
      h('option', {
        value: p.id,
        text: p.roleLabels?.length ? `${p.name} — ${p.roleLabels.join(', ')}` : p.name,
      }),
    ),
  );
  if (state.me) els.identity.value = state.me.id;
  const roles = state.me?.roleLabels?.join(', ') ?? '';
  const detail = [state.me?.designation, state.me?.unit].filter(Boolean).join(' · ');
  els.identityDetail.replaceChildren(
    roles ? h('span', { class: 'identity-roles', text: roles }) : '',
    detail ? h('span', { class: 'identity-unit', text: detail }) : '',
  );
  els.identityDetail.hidden = !roles && !detail;
}

/** The page in the language just loaded, acting as `id` (or the first person). */
function showAs(id) {
  state.me = pickPerson(id);
  applyStaticTexts();
  renderIdentity();
  writeUrl();
}

/** Views differ per person and language, so every card is asked for again; a chat stays the person's chat. */
function reopen(wasChat) {
  resetMessages(t('playground.loading'));
  open(pickConversation(wasChat ? CHAT : state.open), { focus: false });
}

function becomePerson(id) {
  const wasChat = openConversation()?.purpose === CHAT;
  state.me = pickPerson(id);
  writeUrl();
  renderIdentity();
  reopen(wasChat);
}

async function switchLanguage(lang) {
  if (lang === state.lang || !LANGS.includes(lang)) return;
  const wasChat = openConversation()?.purpose === CHAT;
  try {
    await loadSetup(lang);
  } catch (error) {
    setComposerError(error.message);
    return;
  }
  showAs(state.me?.id);
  reopen(wasChat);
  refreshTickets();
}

function bindControls() {
  els.identity.addEventListener('change', () => becomePerson(els.identity.value));
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => switchLanguage(button.dataset.lang));
  }
  bindComposer();
  els.fatalRetry.addEventListener('click', () => location.reload());
}

function fail(detail) {
  els.app.hidden = true;
  els.fatal.hidden = false;
  els.fatalDetail.textContent = detail;
}

async function start() {
  const params = new URLSearchParams(location.search);
  const urlLang = params.get('lang');
  const storedLang = stored(STORE.lang);
  const lang = LANGS.includes(urlLang) ? urlLang : LANGS.includes(storedLang) ? storedLang : 'ms';
  bindControls();
  if (typeof AdaptiveCards === 'undefined') {
    fail('adaptivecards.js did not load');
    return;
  }
  setupAdaptiveCards();
  try {
    await loadSetup(lang);
  } catch (error) {
    fail(error.message);
    return;
  }
  showAs(params.get('as') ?? stored(STORE.as));
  els.app.removeAttribute('aria-busy');
  if (!state.me) {
    fail(t('playground.error.unknown_person', { person: params.get('as') ?? '' }));
    return;
  }
  open(pickConversation(stored(STORE.open) ?? CHAT), { focus: false });
  refreshTickets();
  connect();
}

start();
