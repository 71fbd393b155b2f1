// The open conversation's messages: fetched one request at a time, brought in line with the screen without
// redrawing what has not changed, and the actions their cards send to the bot.

import { clearAnswer, drawAnswer, showAnswer } from './answers.js';
import { API, api, listOf, oneAtATime, query } from './api.js';
import { renderCard, setCardBusy } from './cards.js';
import { els, h } from './dom.js';
import { dividerFor, messageElement } from './message-element.js';
import { CHAT, state } from './state.js';
import { dayKeyOf, t } from './texts.js';
import { openConversation } from './workspace.js';

/**
 * A message's identity for redrawing: the same content whatever order its keys come in. The server stores
 * cards as PostgreSQL jsonb, which reorders keys, so a card answered to an action and the same card listed
 * later must compare equal, or the redraw would wipe what the person is typing into its form.
 */
function signatureOf(value) {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

function nearBottom() {
  const m = els.messages;
  return m.scrollHeight - m.scrollTop - m.clientHeight < 80;
}

function scrollToBottom() {
  els.messages.scrollTop = els.messages.scrollHeight;
}

export function resetMessages(status) {
  state.rendered.clear();
  state.answers.clear();
  state.dividers.clear();
  els.messages.replaceChildren(status ? h('p', { class: 'messages-status', text: status }) : '');
}

/** Brings the list in line with `list`, reusing the elements of unchanged messages so typed inputs survive. */
function renderMessages(list, { forceBottom = false, began = Number.POSITIVE_INFINITY } = {}) {
  const stick = forceBottom || nearBottom();
  const nodes = [];
  const keep = new Map();
  let lastDay = null;
  for (const m of list) {
    if (!m || typeof m.id !== 'string') continue;
    const at = new Date(m.at);
    if (!Number.isNaN(at.getTime())) {
      const day = dayKeyOf(at);
      if (day !== lastDay) {
        nodes.push(dividerFor(at));
        lastDay = day;
      }
    }
    const sig = signatureOf(m);
    const before = state.rendered.get(m.id);
    let entry = before;
    const stale = (state.actedAt.get(m.id) ?? 0) > began;
    if (!before || (before.sig !== sig && !state.inflight.has(m.id) && !stale)) {
      entry = { sig, data: m, el: messageElement(m) };
      const answer = state.answers.get(m.id);
      if (answer) drawAnswer(entry.el, answer.text, answer.kind);
    } else if (before.sig !== sig) {
      // Fetched before an action on this card finished: fetch again once nothing is in flight.
      state.deferredRefresh = true;
    }
    keep.set(m.id, entry);
    nodes.push(entry.el);
  }
  state.rendered = keep;

  if (nodes.length === 0) {
    const c = openConversation();
    const empty = h(
      'div',
      { class: 'messages-empty' },
      h('p', { class: 'messages-empty-title', text: t('playground.messages.empty') }),
      c?.purpose === CHAT
        ? h('p', { class: 'messages-empty-hint', text: t('playground.messages.empty_chat') })
        : null,
    );
    els.messages.replaceChildren(empty);
    return;
  }

  const container = els.messages;
  let cursor = container.firstChild;
  for (const node of nodes) {
    if (node === cursor) {
      cursor = cursor.nextSibling;
      continue;
    }
    container.insertBefore(node, cursor);
  }
  while (cursor) {
    const next = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
  for (const host of container.querySelectorAll('.card-host[data-pending]')) {
    delete host.dataset.pending;
    const el = host.closest('[data-testid="message"]');
    const entry = state.rendered.get(el.dataset.messageId);
    drawCard(host, entry.data.card, entry.data.id);
  }
  if (stick) scrollToBottom();
}

/** True once a fetch held back for an action (renderMessages) may run: no action is in flight any more. */
function takeDeferredRefresh() {
  if (!state.deferredRefresh || state.inflight.size > 0) return false;
  state.deferredRefresh = false;
  return true;
}

const drawCard = (host, json, messageId) =>
  renderCard(host, json, (action) => sendCardAction(action, messageId, host));

async function sendCardAction(action, messageId, host) {
  if (state.inflight.has(messageId)) return;
  const messageEl = host.closest('[data-testid="message"]');
  const conversation = state.open;
  const me = state.me;
  // The answer belongs to this person in this conversation; after a switch it is nobody's to see.
  const stillShown = () => state.open === conversation && state.me === me;
  // adaptivecards 3.0.6 has already merged the card's input values into action.data (prepareForExecution).
  const data = action.data && typeof action.data === 'object' ? action.data : {};
  state.inflight.add(messageId);
  setCardBusy(host, true);
  clearAnswer(messageId, messageEl);
  try {
    const result = await api(`${API}/action`, {
      as: me.id,
      conversation,
      messageId,
      verb: action.verb ?? '',
      data,
      lang: state.lang,
    });
    if (result.card && typeof result.card === 'object' && host.isConnected) {
      const entry = state.rendered.get(messageId);
      if (entry) {
        entry.data = { ...entry.data, card: result.card };
        entry.sig = signatureOf(entry.data);
      }
      drawCard(host, result.card, messageId);
    }
    if (typeof result.text === 'string' && result.text && stillShown()) {
      showAnswer(messageId, result.text, 'info');
    }
  } catch (error) {
    if (stillShown()) showAnswer(messageId, error.message, 'error');
  } finally {
    state.actedAt.set(messageId, performance.now());
    state.inflight.delete(messageId);
    setCardBusy(host, false);
    if (takeDeferredRefresh()) refreshMessages();
  }
}

// What a fetch was for: its answer is dropped once the page shows another conversation, person or
// language.
const viewKey = () => `${state.open}|${state.me?.id}|${state.lang}`;

async function loadMessagesOnce(forceBottom) {
  const key = viewKey();
  const conversation = state.open;
  const began = performance.now();
  try {
    const result = await api(`${API}/messages?${query({ conversation, as: state.me.id, lang: state.lang })}`);
    if (key !== viewKey()) return;
    renderMessages(listOf(result.messages), { forceBottom, began });
    if (takeDeferredRefresh()) refreshMessages();
  } catch (error) {
    if (key !== viewKey()) return;
    resetMessages();
    els.messages.replaceChildren(h('p', { class: 'messages-error', role: 'alert', text: error.message }));
  }
}

let bottomWanted = false;
// Screen readers (and the end-to-end test) can tell a conversation that is still being fetched.
const loadMessages = oneAtATime(
  () => {
    const bottom = bottomWanted;
    bottomWanted = false;
    return loadMessagesOnce(bottom);
  },
  (busy) => els.messages.setAttribute('aria-busy', String(busy)),
);

/** One request at a time; a refresh asked for meanwhile runs once after it, for the then-open view. */
export function refreshMessages(forceBottom = false) {
  bottomWanted ||= forceBottom;
  return loadMessages();
}
