// Live updates from the server's event stream (/playground/events): a message in the open conversation
// refreshes it, one elsewhere marks its conversation unread, a ticket change refreshes the timeline.

import { renderSidebar } from './conversations.js';
import { els } from './dom.js';
import { refreshMessages } from './messages.js';
import { state } from './state.js';
import { refreshTickets } from './tickets.js';
import { conversations } from './workspace.js';

let events = null;
let lostConnection = false;

export function connect() {
  events?.close();
  events = new EventSource('/playground/events');
  events.addEventListener('open', () => {
    els.connection.hidden = true;
    if (lostConnection) {
      lostConnection = false;
      refreshMessages();
      refreshTickets();
    }
  });
  events.addEventListener('error', () => {
    lostConnection = true;
    els.connection.hidden = false;
    // EventSource retries by itself unless the server refused the stream outright.
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
  });
  events.addEventListener('message', (event) => {
    let payload;
    try {
      payload = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof payload?.conversation !== 'string') return;
    if (payload.conversation === state.open) {
      refreshMessages();
    } else if (conversations().some((c) => c.id === payload.conversation)) {
      state.unread.add(payload.conversation);
      renderSidebar();
    } else {
      // Another person's chat: remembered for when the identity switches to them.
      state.unread.add(payload.conversation);
    }
  });
  events.addEventListener('ticket', () => refreshTickets());
}
