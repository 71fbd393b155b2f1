// The conversations in the sidebar and the one on screen: opening one shows its name and its messages.

import { setComposerError } from './composer.js';
import { els, h } from './dom.js';
import { refreshMessages, resetMessages } from './messages.js';
import { STORE, store } from './preferences.js';
import { CHAT, state } from './state.js';
import { t } from './texts.js';
import { conversations, openConversation } from './workspace.js';

function conversationEntry(c) {
  const current = c.id === state.open;
  const unread = !current && state.unread.has(c.id);
  const icon =
    c.purpose === CHAT
      ? h('span', { class: 'conv-icon conv-icon-bot', 'aria-hidden': 'true', text: 'm' })
      : h('span', { class: 'conv-icon', 'aria-hidden': 'true', text: '#' });
  const button = h(
    'button',
    {
      type: 'button',
      class: `conv${current ? ' is-current' : ''}${unread ? ' is-unread' : ''}`,
      'data-testid': 'conversation',
      'data-conversation': c.id,
      'data-purpose': c.purpose,
      'aria-current': current ? 'page' : null,
    },
    icon,
    h('span', { class: 'conv-name', text: c.name }),
    unread ? h('span', { class: 'unread-dot', 'data-testid': 'unread', 'aria-hidden': 'true' }) : null,
    unread ? h('span', { class: 'visually-hidden', text: `, ${t('playground.unread')}` }) : null,
  );
  button.addEventListener('click', () => open(c.id));
  return h('li', {}, button);
}

export function renderSidebar() {
  const all = conversations();
  els.channels.replaceChildren(...all.filter((c) => c.purpose !== CHAT).map(conversationEntry));
  els.chats.replaceChildren(...all.filter((c) => c.purpose === CHAT).map(conversationEntry));
}

function renderHeader() {
  const c = openConversation();
  if (!c) return;
  els.name.replaceChildren(
    c.purpose === CHAT ? '' : h('span', { class: 'hash', 'aria-hidden': 'true', text: '# ' }),
    c.name,
  );
  els.hint.textContent = t(`playground.hint.${c.purpose}`);
  els.composerLabel.textContent = t('playground.composer.label', { conversation: c.name });
}

export function open(conversationId, { focus = true } = {}) {
  const changed = conversationId !== state.open;
  state.open = conversationId;
  state.unread.delete(conversationId);
  const c = openConversation();
  store(STORE.open, c?.purpose === CHAT ? CHAT : conversationId);
  renderSidebar();
  renderHeader();
  if (changed) {
    resetMessages(t('playground.loading'));
    setComposerError('');
  }
  refreshMessages(true);
  if (focus && changed) els.composer.focus();
}
