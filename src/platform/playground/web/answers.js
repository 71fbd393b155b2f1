// The bot's answer to a person's action on a card ("already decided by …"), shown under that card.

import { h } from './dom.js';
import { state } from './state.js';
import { t } from './texts.js';

/** Shown under the message's card as it is on screen now, and again each time the card is redrawn. */
export function showAnswer(messageId, text, kind) {
  state.answers.set(messageId, { text, kind });
  const messageEl = state.rendered.get(messageId)?.el;
  if (messageEl?.isConnected) drawAnswer(messageEl, text, kind);
}

export function drawAnswer(messageEl, text, kind) {
  const body = messageEl.querySelector('.message-body');
  body.querySelector('.action-answer')?.remove();
  const dismiss = h('button', {
    type: 'button',
    class: 'action-answer-close',
    'aria-label': t('playground.action.dismiss'),
    title: t('playground.action.dismiss'),
    text: '×',
  });
  const answer = h(
    'div',
    {
      class: `action-answer is-${kind}`,
      'data-testid': 'action-answer',
      role: kind === 'error' ? 'alert' : 'status',
    },
    h('span', { class: 'action-answer-icon', 'aria-hidden': 'true', text: kind === 'error' ? '!' : 'i' }),
    h('span', { class: 'action-answer-text', text }),
    dismiss,
  );
  dismiss.addEventListener('click', () => clearAnswer(messageEl.dataset.messageId, messageEl));
  const host = body.querySelector('[data-testid="card"]');
  if (host) host.after(answer);
  else body.append(answer);
}

/** Forgets the answer under the card, as the person acts on it again. */
export function clearAnswer(messageId, messageEl) {
  state.answers.delete(messageId);
  messageEl?.querySelector('.action-answer')?.remove();
}
