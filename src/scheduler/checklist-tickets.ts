import { LIMITS } from '../../flows/form-fields.ts';
import { type ComplaintState, SYSTEM_ACTOR } from '../../flows/types.ts';
import type { Db, Tx } from '../db/types.ts';
import { createTranslator, type Locale } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import { checklistTime } from '../mail/checklist-view.ts';
import { describeFinding } from '../mail/describe.ts';
import { withinDomain } from '../mail/resolver.ts';
import type { Finding } from '../mail/types.ts';
import type { ActResult, createTicketService } from '../tickets/ticket-service.ts';
import { type FireFence, holdFire } from './coordinator.ts';

// A failing domain of the daily checklist becomes an SOP 4.2 complaint, reported by the service itself
// (step 1 on the agency's behalf, step 2 opens the ticket): or, while one is still open for the domain, the
// run is recorded in it (step 3, the investigation). The flow's own notifications ping SOC and the desk.
// Each of these writes is made only while the fire is still this replica's (holdFire): one that lost it
// without knowing yet would otherwise open a complaint its successor's probes may not bear out.

export type TicketActs = Pick<ReturnType<typeof createTicketService>, 'act'>;

export interface ReportedTicket {
  readonly id: string;
  readonly number: string;
  /** Opened now, rather than added to the complaint already open. */
  readonly opened: boolean;
}

/** Complaint states in which SOC is still working on the domain: a new failure belongs there. */
const OPEN: readonly ComplaintState[] = ['investigating', 'escalated_to_vendor', 'awaiting_confirmation'];

/** One decision per fire and domain, however often the fire's work is repeated. */
export const checklistTicketKey = (fireAt: Date, domain: string) =>
  `checklist:${fireAt.toISOString()}:${domain}`;

/**
 * The SOP's direction from the delivery probes that failed (src/mail/probe/delivery-findings.ts): a probe
 * to an agency mailbox (outside → agency, circular 4(c)) and the size probes, inbound too, mean mail cannot
 * be received; a probe from one means it cannot be sent. Domain checks alone do not say which way mail is
 * lost, so they report both.
 */
function directionOf(domain: string, failed: readonly Finding[]): 'cannot_send' | 'cannot_receive' | 'both' {
  const agency = (address: unknown) => {
    const host = typeof address === 'string' ? (address.split('@').at(-1) ?? '').toLowerCase() : '';
    return withinDomain(host, domain);
  };
  const probes = failed.filter((f) => f.check.startsWith('delivery.'));
  const receive = probes.some((f) => f.check.startsWith('delivery.size_') || agency(f.params.to));
  const send = probes.some((f) => agency(f.params.from) && !agency(f.params.to));
  if (send === receive) return 'both';
  return send ? 'cannot_send' : 'cannot_receive';
}

/** The complaint's description: what failed, in the service's language, within the form's limit. */
function describe(domain: string, failed: readonly Finding[], at: Date, locale: Locale): string {
  const t = createTranslator(locale);
  const lines = [
    t('checklist.complaint.description', { at: checklistTime(at), count: failed.length, domain }),
    ...failed.map((f) => {
      const d = describeFinding(f, locale);
      return `- ${d.title}${f.subject ? ` (${f.subject})` : ''}: ${d.text}`;
    }),
  ];
  const text = lines.join('\n');
  return text.length <= LIMITS.long ? text : `${text.slice(0, LIMITS.long - 1)}…`;
}

type ReportDeps = { db: Db; tickets: TicketActs; logger: Logger; locale: Locale; fence: FireFence };

/**
 * Opens the complaint, or records the run in the one open; the run is attached to it either way. Throws
 * FireLost, having written nothing, once the fire is another replica's.
 */
export async function reportFailedDomain(
  deps: ReportDeps,
  run: { id: string; domain: string; startedAt: Date; findings: readonly Finding[]; fireAt: Date },
): Promise<ReportedTicket | null> {
  const key = checklistTicketKey(run.fireAt, run.domain);
  const fenced = { guard: (tx: Tx) => holdFire(tx, deps.fence) };
  const open = await deps.db.ticket.findFirst({
    where: { kind: 'complaint', state: { in: [...OPEN] }, complaint: { domain: run.domain } },
    orderBy: { createdAt: 'asc' },
    select: { number: true },
  });
  if (open) {
    const added = await deps.tickets.act(
      open.number,
      { type: 'record_investigation', runId: run.id, purpose: 'checklist' },
      SYSTEM_ACTOR,
      key,
      fenced,
    );
    const ticket = await settled(deps, added, run);
    // Refused: the complaint moved on (closed, withdrawn) since it was found, so a new one is opened.
    if (ticket) return ticket;
  }
  const failed = run.findings.filter((f) => f.verdict === 'fail');
  const complaint = {
    domain: run.domain,
    direction: directionOf(run.domain, failed),
    startedAt: run.startedAt.toISOString(),
    description: describe(run.domain, failed, run.fireAt, deps.locale),
  };
  const opened = await deps.tickets.act(
    null,
    { type: 'report_failed_check', complaint, runId: run.id },
    SYSTEM_ACTOR,
    key,
    fenced,
  );
  return settled(deps, opened, run);
}

async function settled(
  deps: ReportDeps,
  result: ActResult,
  run: { id: string; domain: string },
): Promise<ReportedTicket | null> {
  // The decision attached the run in its own transaction (flows/complaint-checks.ts).
  if (result.status === 'applied') {
    const { id, number } = result.ticket;
    return { id, number, opened: result.decision.from === null };
  }
  if (result.status === 'already_done') {
    // An earlier attempt at this fire decided: this attempt's run belongs to the same complaint.
    const ticket = await deps.db.$transaction(async (tx) => {
      await holdFire(tx, deps.fence);
      const found = await tx.ticket.findUniqueOrThrow({
        where: { number: result.ticketNumber },
        select: { id: true, number: true },
      });
      await tx.mailtestRun.update({ where: { id: run.id }, data: { ticketId: found.id } });
      return found;
    });
    return { ...ticket, opened: result.by.action === 'report_failed_check' };
  }
  deps.logger.warn('checklist could not report a failing domain', {
    domain: run.domain,
    status: result.status,
    ...(result.status === 'refused' ? { refusal: result.refusal.code, reason: result.refusal.reason } : {}),
  });
  return null;
}
