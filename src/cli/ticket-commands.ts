import { CHANGE_REQUEST_STATES, COMPLAINT_STATES } from '../../flows/types.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { formatMyt, type Locale, renderMessage } from '../i18n/index.ts';
import { getTicketDetail, listTickets, type TicketDetail } from '../tickets/queries.ts';
import type { CliCommand } from './commands.ts';
import { cliLogger, configOrThrow, table, withDatabase } from './context.ts';

const KINDS = {
  cr: 'change_request',
  change_request: 'change_request',
  ad: 'complaint',
  complaint: 'complaint',
} as const;
const STATES = new Set<string>([...CHANGE_REQUEST_STATES, ...COMPLAINT_STATES]);

export const ticketsCommand: CliCommand = {
  name: 'tickets',
  usage: 'tickets [--state S] [--kind cr|ad]',
  summary: 'list tickets, newest first',
  options: { state: { type: 'string' }, kind: { type: 'string' } },
  async run(args, io) {
    const state = args.values.state as string | undefined;
    const kindArg = args.values.kind as string | undefined;
    if (state && !STATES.has(state)) {
      throw new MailopsError(
        ERROR_CODES.CLI_USAGE,
        `unknown state "${state}"; one of: ${[...STATES].join(', ')}`,
      );
    }
    const kind = kindArg ? KINDS[kindArg as keyof typeof KINDS] : undefined;
    if (kindArg && !kind)
      throw new MailopsError(ERROR_CODES.CLI_USAGE, `unknown kind "${kindArg}"; use cr or ad`);
    const { config } = configOrThrow(io);
    const locale = config.runtime.defaultLocale;
    const rows = await withDatabase(config, cliLogger(config), (db) =>
      listTickets(db.prisma, { state, kind }),
    );
    if (rows.length === 0) {
      io.out('No tickets.');
      return 0;
    }
    io.out(
      table(
        ['Ticket', 'State', 'Requester', 'Opened', 'SLA due', 'Title'],
        rows.map((t) => [
          t.number,
          renderMessage({ key: `state.${t.state}` }, locale),
          t.requesterName,
          formatMyt(t.createdAt, locale),
          t.slaDueAt ? formatMyt(t.slaDueAt, locale) : '-',
          t.title.slice(0, 60),
        ]),
      ),
    );
    return 0;
  },
};

export const ticketCommand: CliCommand = {
  name: 'ticket',
  usage: 'ticket <number>',
  summary: "one ticket's form sections and timeline",
  async run(args, io) {
    const number = args.positionals[0];
    if (!number || args.positionals.length > 1) {
      throw new MailopsError(
        ERROR_CODES.CLI_USAGE,
        'ticket needs one ticket number, e.g. `mailops ticket CR-2026-000001`',
      );
    }
    const { config } = configOrThrow(io);
    const detail = await withDatabase(config, cliLogger(config), (db) => getTicketDetail(db.prisma, number));
    if (!detail) throw new MailopsError(ERROR_CODES.TICKET_NOT_FOUND, `no ticket ${number.toUpperCase()}`);
    io.out(describeTicket(detail, config.runtime.defaultLocale));
    return 0;
  },
};

/** Continuation lines of a multi-line answer stay under their label. */
const indent = (text: string) => text.replace(/\n/g, '\n    ');

function describeTicket(t: TicketDetail, locale: Locale): string {
  const at = (d: Date) => formatMyt(d, locale);
  const opt = (group: string, v: string) => renderMessage({ key: `option.${group}.${v}` }, locale);
  const out = [
    `${t.number}  ${renderMessage({ key: `state.${t.state}` }, locale)}  (version ${t.version})`,
    `${t.title}`,
    `Requester: ${t.requesterName}   Opened: ${at(t.createdAt)}${t.slaDueAt ? `   SLA due: ${at(t.slaDueAt)}` : ''}`,
  ];
  const a = t.sectionA;
  if (a) {
    out.push('', 'Section A — Change Request');
    out.push(`  Name: ${a.requesterName}, ${a.requesterUnit}, ${a.requesterPhone}, ${a.requesterEmail}`);
    if (a.managerName) {
      const endorsed = a.endorsedAt ? ` — endorsed ${at(a.endorsedAt)}` : '';
      out.push(
        `  Manager: ${a.managerName}, ${a.managerDesignation ?? ''}, ${a.managerCompany ?? ''}${endorsed}`,
      );
    }
    out.push(
      `  Type: ${a.requestTypeOther ?? opt('request_type', a.requestType)}   Requested for: ${at(a.requestedFor)}`,
    );
    out.push(
      `  Description: ${indent(a.description)}`,
      `  Impact if not implemented: ${indent(a.impactIfNotImplemented)}`,
    );
  }
  for (const b of t.sectionsB) {
    out.push('', `Section B — Change Detail (round ${b.round})`);
    out.push(`  Implementer: ${b.implementerName}${b.designation ? `, ${b.designation}` : ''}`);
    out.push(
      `  ${opt('change_type', b.changeType)} · ${opt('risk', b.risk)} · ${opt('urgency', b.urgency)} · ${opt('impact', b.impact)}`,
    );
    out.push(`  Planned: ${at(b.plannedStart)} – ${at(b.plannedEnd)}`);
    out.push(`  Activities: ${indent(b.activities)}`, `  Fallback plan: ${indent(b.fallbackPlan)}`);
  }
  if (t.sectionC) {
    const c = t.sectionC;
    out.push('', 'Section C — Approver');
    out.push(
      `  ${c.approverName}: ${c.approved ? 'Yes' : 'No'} at ${at(c.decidedAt)}${c.comments ? ` — ${c.comments}` : ''}`,
    );
  }
  for (const d of t.sectionsD) {
    out.push('', `Section D — Post Implementation (round ${d.round})`);
    out.push(
      `  ${at(d.actualStart)} – ${at(d.actualEnd)}: ${opt('status', d.successful ? 'successful' : 'unsuccessful')}`,
    );
    if (d.postImplementationReview)
      out.push(`  Post-implementation review: ${indent(d.postImplementationReview)}`);
  }
  if (t.complaint) {
    const c = t.complaint;
    out.push('', 'Complaint');
    out.push(`  ${c.domain}: ${opt('direction', c.direction)} since ${at(c.startedAt)}`);
    if (c.exampleSender || c.exampleRecipient)
      out.push(`  Example: ${c.exampleSender ?? '?'} → ${c.exampleRecipient ?? '?'}`);
    if (c.bounceText) out.push(`  Bounce: ${c.bounceText.split('\n')[0]}`);
  }
  if (t.notes.length > 0) out.push('', 'Notes');
  for (const n of t.notes) out.push(`  [${n.kind}] ${at(n.at)}: ${indent(n.body)}`);
  out.push('', 'Timeline');
  for (const e of t.events) {
    const data = e.data as { actorName?: string; step?: string };
    const label = renderMessage({ key: `event.${e.type}` }, locale);
    out.push(
      `  #${e.seq} ${at(e.at)}  ${label}  — ${data.actorName ?? e.actorId}${data.step ? ` (SOP ${data.step})` : ''}`,
    );
  }
  return out.join('\n');
}
