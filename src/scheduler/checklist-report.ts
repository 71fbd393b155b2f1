import { z } from 'zod';
import type { MailtestView } from '../../cards/mailtest-view.ts';
import type { Db } from '../db/types.ts';
import { type ChecklistDomain, checklistView } from '../mail/checklist-view.ts';
import type { Finding } from '../mail/types.ts';
import type { ReportPost } from '../outbox/payload.ts';
import type { OutboxTarget } from '../tickets/outbox-writer.ts';
import { checklistTicketKey } from './checklist-tickets.ts';
import { type FireFence, holdFire } from './coordinator.ts';

// The daily checklist's summary through the outbox (circular 4(c), 4(h)): queued once per fire for SOC, and
// built from the stored runs when it is delivered, so it shows the complaint numbers as they are then and
// reads in each reader's language. A summary that cannot be delivered at 07:30 is retried like any message.

const storedFindings = z.array(
  z.object({
    check: z.string(),
    verdict: z.enum(['pass', 'warn', 'fail', 'untested']),
    requirement: z.string(),
    subject: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
);

/**
 * A failed run's reference is its id's first eight characters: the log line that reports the error
 * carries it, so the card can name it without storing it twice.
 */
export const runReference = (runId: string) => runId.slice(0, 8);

/** The domains of one checklist fire as the summary shows them, in the order the runs were queued. */
export async function loadChecklistDomains(
  db: Db,
  runIds: readonly string[],
  at: Date,
): Promise<ChecklistDomain[]> {
  const runs = await db.mailtestRun.findMany({
    where: { id: { in: [...runIds] } },
    select: { id: true, domain: true, status: true, findings: true, ticket: { select: { number: true } } },
  });
  const keys = runs.map((r) => checklistTicketKey(at, r.domain));
  const handled = await db.handledAction.findMany({
    where: { key: { in: keys } },
    select: { key: true, action: true },
  });
  const opened = new Set(handled.filter((h) => h.action === 'report_failed_check').map((h) => h.key));
  const byId = new Map(runs.map((r) => [r.id, r]));
  return runIds.flatMap((id): ChecklistDomain[] => {
    const run = byId.get(id);
    if (!run) return [];
    if (run.status !== 'done') return [{ domain: run.domain, ran: false, reference: runReference(run.id) }];
    const ticket = run.ticket
      ? { number: run.ticket.number, opened: opened.has(checklistTicketKey(at, run.domain)) }
      : null;
    const findings = storedFindings.parse(run.findings) as Finding[];
    return [{ domain: run.domain, ran: true, findings, ticket }];
  });
}

export async function buildChecklistReport(db: Db, report: ReportPost): Promise<MailtestView> {
  const at = new Date(report.at);
  const domains = await loadChecklistDomains(db, report.runIds, at);
  return checklistView({
    at,
    ...(report.ranAt ? { ranAt: new Date(report.ranAt), retried: report.retried === true } : {}),
    locale: report.locale,
    domains,
  });
}

/**
 * Queues the summary for the SOC role on every platform (its channel, or each SOC person when no channel is
 * configured: src/directory). Under a lock on the fire, a summary already queued for it is not queued again;
 * so that a replica that lost the fire cannot queue it in place of its successor's, nothing is queued (and
 * FireLost thrown) unless `fence` still holds the fire.
 */
export async function enqueueChecklistSummary(
  db: Db,
  target: OutboxTarget,
  summary: { fire: string; at: Date; ranAt?: Date; retried?: boolean; runIds: readonly string[] },
  now: Date,
  fence: FireFence,
): Promise<number> {
  return db.$transaction(async (tx) => {
    await holdFire(tx, fence);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`report:${summary.fire}`}))`;
    const queued = await tx.outboxMessage.count({
      where: { kind: 'report.post', payload: { path: ['fire'], equals: summary.fire } },
    });
    if (queued > 0) return 0;
    const rows = target.platforms.flatMap((platform) => {
      const recipients = target.directory.resolve(platform, { role: 'soc' });
      if (recipients.length === 0)
        target.logger.warn('nobody to show the checklist summary to', { platform, fire: summary.fire });
      return recipients.map((r) => ({
        platform,
        kind: 'report.post',
        payload: {
          kind: 'report.post',
          report: 'checklist',
          runIds: [...summary.runIds],
          at: summary.at.toISOString(),
          ...(summary.ranAt ? { ranAt: summary.ranAt.toISOString() } : {}),
          ...(summary.retried ? { retried: true as const } : {}),
          fire: summary.fire,
          to: r.destination,
          locale: r.locale,
        } satisfies ReportPost,
        nextAttemptAt: now,
        createdAt: now,
      }));
    });
    if (rows.length > 0) await tx.outboxMessage.createMany({ data: rows });
    return rows.length;
  });
}
