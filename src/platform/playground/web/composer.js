// The box at the foot of the conversation: what the person types is sent as a message from them, as Teams
// would; the bot's answer arrives on the event stream like any other message.

import { API, api } from './api.js';
import { els } from './dom.js';
import { refreshMessages } from './messages.js';
import { state } from './state.js';

export function setComposerError(message) {
  els.composerError.textContent = message;
  els.composerError.hidden = !message;
  els.composer.setAttribute('aria-invalid', String(Boolean(message)));
}

async function send(event) {
  event.preventDefault();
  if (!state.me || !state.open || els.send.disabled) return;
  const text = els.composer.value;
  els.send.disabled = true;
  try {
    await api(`${API}/send`, { as: state.me.id, conversation: state.open, text, lang: state.lang });
    els.composer.value = '';
    setComposerError('');
    refreshMessages(true);
  } catch (error) {
    setComposerError(error.message);
  } finally {
    els.send.disabled = false;
    els.composer.focus();
  }
}

export function bindComposer() {
  els.form.addEventListener('submit', send);
  els.composer.addEventListener('input', () => {
    if (!els.composerError.hidden) setComposerError('');
  });
  for (const chip of document.querySelectorAll('[data-command]')) {
    chip.addEventListener('click', () => {
      // A chip with no command of its own types the word it shows, in the page's language (`tiket`, `tickets`).
      els.composer.value = `${chip.dataset.command || chip.textContent} `;
      els.composer.focus();
    });
  }
}
