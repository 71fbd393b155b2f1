import { CHANGE_REQUEST_STATES, COMPLAINT_STATES } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import { directoryFromConfig } from '../directory/from-config.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { formatMyt, type Translate } from '../i18n/index.ts';
import { nameOfPerson } from '../tickets/card-source.ts';
import { getTicketDetail, listTickets } from '../tickets/queries.ts';
import { waitingLineOf } from '../tickets/waiting-line.ts';
import { systemClock } from '../time.ts';
import type { CliArgs, CliCommand } from './commands.ts';
import { cliLogger, configOrThrow, table, withDatabase } from './context.ts';
import { describeTicket } from './describe-ticket.ts';
import { cliText } from './locale.ts';

const KINDS = {
  cr: 'change_request',
  change_request: 'change_request',
  ad: 'complaint',
  complaint: 'complaint',
} as const;
const STATES = new Set<string>([...CHANGE_REQUEST_STATES, ...COMPLAINT_STATES]);

/** Checked before the configuration is loaded, so worded in MAILOPS_DEFAULT_LOCALE's language (locale.ts). */
function filterOf(
  args: CliArgs,
  t: Translate,
): { state?: string; kind?: (typeof KINDS)[keyof typeof KINDS] } {
  const state = args.values.state as string | undefined;
  const kindArg = args.values.kind as string | undefined;
  if (state && !STATES.has(state)) {
    const valid = [...STATES].join(', ');
    throw new MailopsError(ERROR_CODES.CLI_USAGE, t('cli.tickets.unknown_state', { value: state, valid }));
  }
  if (!kindArg) return { state };
  if (!Object.hasOwn(KINDS, kindArg)) {
    const valid = Object.keys(KINDS).join(', ');
    throw new MailopsError(ERROR_CODES.CLI_USAGE, t('cli.tickets.unknown_kind', { value: kindArg, valid }));
  }
  return { state, kind: KINDS[kindArg as keyof typeof KINDS] };
}

export const ticketsCommand: CliCommand = {
  name: 'tickets',
  args: { key: 'cli.args.tickets' },
  unexpectedWords: { key: 'cli.tickets.unexpected' },
  summary: { key: 'cli.summary.tickets' },
  options: { state: { type: 'string' }, kind: { type: 'string' } },
  async run(args, io) {
    const filter = filterOf(args, cliText(io.env).t);
    const { config, text } = configOrThrow(io);
    const { locale, t } = text;
    const rows = await withDatabase(config, cliLogger(config), (db) => listTickets(db.prisma, filter));
    if (rows.length === 0) {
      io.out(t('cli.tickets.none'));
      return 0;
    }
    const directory = directoryFromConfig(config);
    // The person by name, as the cards name them, else the role.
    const who = (r: (typeof rows)[number]) =>
      r.next === null
        ? '-'
        : 'role' in r.next
          ? t(`role.${r.next.role}`)
          : (nameOfPerson(directory, r.next.person, { id: r.requesterId, name: r.requesterName }) ??
            t('common.unknown'));
    const headers = [
      t('cli.tickets.number'),
      t('cli.tickets.state'),
      t('cli.tickets.next'),
      t('cli.tickets.requester'),
      t('cli.tickets.opened'),
      t('cli.tickets.sla_due'),
      t('cli.tickets.title'),
    ];
    io.out(
      table(
        headers,
        rows.map((r) => [
          r.number,
          t(`state.${r.state}`),
          who(r),
          r.requesterName,
          formatMyt(r.createdAt, locale),
          r.slaDueAt ? formatMyt(r.slaDueAt, locale) : '-',
          r.title.slice(0, 60),
        ]),
      ),
    );
    return 0;
  },
};

export const ticketCommand: CliCommand = {
  name: 'ticket',
  args: { key: 'cli.args.ticket' },
  takesWords: true,
  summary: { key: 'cli.summary.ticket' },
  async run(args, io) {
    const number = args.positionals[0];
    if (!number || args.positionals.length > 1) {
      throw new MailopsError(ERROR_CODES.CLI_USAGE, cliText(io.env).t('cli.ticket.needs_number'));
    }
    const { config, text } = configOrThrow(io);
    // Who must act next, and by when, as the ticket's cards say it (SOP 4.1.1 and 4.2.1 name who acts).
    const source = (db: Db) => ({ db, directory: directoryFromConfig(config), clock: systemClock });
    const reader = { locale: text.locale, person: undefined };
    const found = await withDatabase(config, cliLogger(config), async (db) => {
      const detail = await getTicketDetail(db.prisma, number);
      return detail && { detail, waiting: await waitingLineOf(source(db.prisma), detail.id, reader) };
    });
    if (!found) {
      const message = text.t('cli.ticket.not_found', { number: number.toUpperCase() });
      throw new MailopsError(ERROR_CODES.TICKET_NOT_FOUND, message);
    }
    io.out(describeTicket(found.detail, text, found.waiting));
    return 0;
  },
};
