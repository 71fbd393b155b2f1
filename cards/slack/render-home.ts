import { createFitter, type Fitter } from '../fit-text.ts';
import { type HomeModel, type HomeTicket, statusLine } from '../home-model.ts';
import { OPEN_TICKET_ACTION_ID, SLASH_COMMANDS } from '../ids.ts';
import type { Texts } from '../texts.ts';
import type { Block, HomeView } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';

// App Home (views.publish): my open tickets, what waits for my action, what closed recently; each ticket
// with an "Open" button that posts its card. A Home tab holds at most 100 blocks, so each list shows its
// first PER_LIST tickets and says how many more there are.

/** 1 title + 3 × (heading + PER_LIST tickets + "and N more") + 2 dividers stays within 100 blocks. */
const PER_LIST = 25;
/** Each line of a ticket: well within a section's 3000 characters, so four lines always fit. */
const LINE_MAX = 500;

function ticketBlock(ticket: HomeTicket, texts: Texts, fit: Fitter, withActions: boolean): Block {
  const lines = [`*${fit.md(ticket.number, LINE_MAX)}* · ${fit.md(ticket.title, LINE_MAX)}`];
  lines.push(fit.md(statusLine(ticket, texts), LINE_MAX));
  if (withActions && ticket.actions.length > 0) {
    const actions = ticket.actions.map((a) => texts.t(`action.${a}`)).join(', ');
    lines.push(fit.md(texts.t('home.actions', { actions }), LINE_MAX));
  }
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: lines.join('\n') },
    accessory: {
      type: 'button',
      action_id: OPEN_TICKET_ACTION_ID,
      text: { type: 'plain_text', text: fit.plain(texts.t('home.open'), L.buttonText) },
      value: ticket.ticketId,
    },
  };
}

function list(
  heading: string,
  tickets: readonly HomeTicket[],
  texts: Texts,
  fit: Fitter,
  withActions = false,
): Block[] {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: fit.plain(heading, L.headerText) } },
  ];
  if (tickets.length === 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: texts.t('home.none') }] });
    return blocks;
  }
  blocks.push(...tickets.slice(0, PER_LIST).map((t) => ticketBlock(t, texts, fit, withActions)));
  if (tickets.length > PER_LIST) {
    const more = texts.t('common.more', { count: tickets.length - PER_LIST });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: more }] });
  }
  return blocks;
}

function text(line: string, fit: Fitter): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: fit.md(line, L.sectionText) } };
}

export function renderSlackHome(home: HomeModel, texts: Texts): HomeView {
  const fit = createFitter(texts);
  const title: Block = {
    type: 'header',
    text: { type: 'plain_text', text: fit.plain(texts.t('home.title'), L.headerText) },
  };
  if (!home.known) return { type: 'home', blocks: [title, text(texts.t('home.unknown_person'), fit)] };
  const empty = home.myOpen.length + home.waitingForMe.length + home.recentlyClosed.length === 0;
  if (empty) {
    const commands = { changeRequest: SLASH_COMMANDS.changeRequest, complaint: SLASH_COMMANDS.complaint };
    return { type: 'home', blocks: [title, text(texts.t('home.empty', commands), fit)] };
  }
  return {
    type: 'home',
    blocks: [
      title,
      ...list(texts.t('home.my_open'), home.myOpen, texts, fit),
      { type: 'divider' },
      ...list(texts.t('home.waiting_for_me'), home.waitingForMe, texts, fit, true),
      { type: 'divider' },
      ...list(texts.t('home.recently_closed'), home.recentlyClosed, texts, fit),
    ],
  };
}
