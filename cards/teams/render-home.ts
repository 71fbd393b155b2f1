import { createFitter, type Fitter } from '../fit-text.ts';
import { type HomeModel, type HomeTicket, statusLine } from '../home-model.ts';
import { SLASH_COMMANDS } from '../ids.ts';
import type { Texts } from '../texts.ts';
import { type AdaptiveCard, adaptiveCard, type CardElement, textBlock } from './adaptive-card.ts';
import { jsonBytes, TEAMS_LIMITS as L } from './limits.ts';
import { TEAMS_VERBS } from './verbs.ts';

// The home card (the Teams counterpart of Slack's App Home, cards/slack/render-home.ts): my open tickets,
// what waits for my action, what closed recently; each ticket with an "Open" button (verb 'open') that
// posts its card. The whole home is one card within Teams' payload limit (limits.ts), so each list shows
// its first tickets, as many as fit in its third of the card, and says how many more there are.

const PER_LIST = 10;
/** Each list's share of the card, after the title and headings; "waiting for me" never goes without. */
const LIST_BYTES = Math.floor((L.cardBytes - 1500) / 3);
/** A ticket's title line: enough to recognise it; the card has the rest. */
const LINE_MAX = 200;

function ticketElement(ticket: HomeTicket, texts: Texts, fit: Fitter, withActions: boolean): CardElement {
  const items: CardElement[] = [
    textBlock(fit.plain(`${ticket.number} · ${ticket.title}`, LINE_MAX), { weight: 'bolder' }),
    textBlock(fit.plain(statusLine(ticket, texts), LINE_MAX), { isSubtle: true, spacing: 'none' }),
  ];
  if (withActions && ticket.actions.length > 0) {
    const actions = ticket.actions.map((a) => texts.t(`action.${a}`)).join(', ');
    items.push(textBlock(texts.t('home.actions', { actions }), { isSubtle: true, spacing: 'none' }));
  }
  items.push({
    type: 'ActionSet',
    actions: [
      {
        type: 'Action.Execute',
        verb: TEAMS_VERBS.open,
        title: texts.t('home.open'),
        data: { ticketId: ticket.ticketId },
      },
    ],
  });
  return { type: 'Container', separator: true, items };
}

function list(
  heading: string,
  tickets: readonly HomeTicket[],
  texts: Texts,
  fit: Fitter,
  withActions = false,
): CardElement[] {
  const elements: CardElement[] = [
    textBlock(heading, { size: 'medium', weight: 'bolder', spacing: 'large' }),
  ];
  if (tickets.length === 0) return [...elements, textBlock(texts.t('home.none'), { isSubtle: true })];
  let left = LIST_BYTES;
  let shown = 0;
  for (const ticket of tickets.slice(0, PER_LIST)) {
    const element = ticketElement(ticket, texts, fit, withActions);
    left -= jsonBytes(element) + 1;
    if (left < 0) break;
    elements.push(element);
    shown++;
  }
  if (tickets.length > shown) {
    elements.push(textBlock(texts.t('common.more', { count: tickets.length - shown }), { isSubtle: true }));
  }
  return elements;
}

export function renderTeamsHome(home: HomeModel, texts: Texts): AdaptiveCard {
  const fit = createFitter(texts, { inertLinks: true });
  const title = textBlock(texts.t('home.title'), { style: 'heading', size: 'large', weight: 'bolder' });
  if (!home.known) return adaptiveCard([title, textBlock(texts.t('home.unknown_person'))]);
  const empty = home.myOpen.length + home.waitingForMe.length + home.recentlyClosed.length === 0;
  if (empty) {
    // cards/ids.ts names Slack's commands only; Teams shows them until it has its own (a bot command menu).
    const commands = { changeRequest: SLASH_COMMANDS.changeRequest, complaint: SLASH_COMMANDS.complaint };
    return adaptiveCard([title, textBlock(texts.t('home.empty', commands))]);
  }
  return adaptiveCard([
    title,
    ...list(texts.t('home.my_open'), home.myOpen, texts, fit),
    ...list(texts.t('home.waiting_for_me'), home.waitingForMe, texts, fit, true),
    ...list(texts.t('home.recently_closed'), home.recentlyClosed, texts, fit),
  ]);
}
