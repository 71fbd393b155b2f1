// The ticket timeline beside the conversation: every ticket with its state, what happens next, and its
// audit events, as the server words them in the page's language.

import { API, api, listOf, oneAtATime, query } from './api.js';
import { els, h } from './dom.js';
import { state } from './state.js';
import { formatter, t } from './texts.js';

function pillClass(ticket) {
  if (!ticket.closed) return 'pill-waiting';
  return ticket.state === 'closed' ? 'pill-closed' : 'pill-ended';
}

function ticketElement(ticket, index) {
  const events = listOf(ticket.events);
  const isOpen = state.ticketOpen.has(ticket.number) ? state.ticketOpen.get(ticket.number) : index === 0;
  const details = h(
    'details',
    { class: 'ticket-events', open: isOpen },
    h('summary', { text: t('playground.timeline.events', { count: events.length }) }),
    h(
      'ol',
      { class: 'events' },
      ...events.map((e) =>
        h(
          'li',
          { class: 'event' },
          h('time', { datetime: e.at, text: e.atLabel }),
          h(
            'span',
            { class: 'event-line' },
            h('span', { class: 'event-actor', text: e.actor }),
            ` · ${e.label}`,
          ),
        ),
      ),
    ),
  );
  details.addEventListener('toggle', () => state.ticketOpen.set(ticket.number, details.open));
  return h(
    'article',
    {
      class: `ticket${ticket.closed ? ' is-closed' : ''}`,
      'data-testid': 'ticket',
      'data-number': ticket.number,
      'data-state': ticket.state,
      'aria-label': `${ticket.number} ${ticket.title ?? ''}`,
    },
    h(
      'header',
      { class: 'ticket-head' },
      h('span', { class: 'ticket-number', text: ticket.number }),
      h('span', { class: 'ticket-kind', text: ticket.kindLabel }),
    ),
    h('p', { class: 'ticket-title', text: ticket.title }),
    h('span', { class: `pill ${pillClass(ticket)}`, text: ticket.stateLabel }),
    ticket.next ? h('p', { class: 'ticket-next', text: ticket.next }) : null,
    events.length > 0 ? details : null,
  );
}

function renderTickets(tickets) {
  if (tickets.length === 0) {
    els.tickets.replaceChildren(h('p', { class: 'tickets-empty', text: t('playground.timeline.empty') }));
  } else {
    els.tickets.replaceChildren(...tickets.map(ticketElement));
  }
  els.ticketsUpdated.textContent = t('playground.timeline.updated', {
    time: formatter('time').format(new Date()),
  });
}

/** One request at a time; a refresh asked for meanwhile runs once after it, in the then-chosen language. */
export const refreshTickets = oneAtATime(async () => {
  const lang = state.lang;
  try {
    const result = await api(`${API}/tickets?${query({ lang })}`);
    if (lang === state.lang) renderTickets(listOf(result.tickets));
  } catch (error) {
    if (lang === state.lang) {
      els.tickets.replaceChildren(h('p', { class: 'tickets-error', role: 'alert', text: error.message }));
    }
  }
});
