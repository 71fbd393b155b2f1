import { randomUUID } from 'node:crypto';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import type { DomainChecks } from '../mail/domain-checks.ts';
import type { Finding } from '../mail/types.ts';
import type { Clock } from '../time.ts';
import type { ClaimedJob } from './claim.ts';
import { compareRuns } from './compare.ts';
import { bounceFinding, checksStoppedFinding, serviceDomainFindings } from './complaint-findings.ts';
import { BASELINE_PURPOSES, type RunSummary, readFindings, summaryJson } from './stored-run.ts';

// Runs SOP 4.2 step 3's checks for one claimed job and stores what they found on its run: the mail checks
// with the delivery probes in both directions (src/mail/domain-checks.ts), whether the complaint's domains
// are the service's, and, on the first investigation, the bounce the requester pasted. A re-check is
// compared with the investigation before it as it is stored, so the flows and cards read the outcome.

export interface CheckDeps {
  readonly db: Db;
  readonly checks: DomainChecks;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly retryDelayMs: number;
  /** The worker is stopping (worker.ts): the probes end early and the job is handed back, not stored. */
  readonly stopping: AbortSignal;
}

/**
 * stored: findings are on the run, record it; retry: tried again later; lost: another claim owns the job;
 * released: mailops stopped mid-run and the job is due again at once, for another replica or the next start.
 */
export type CheckOutcome = 'stored' | 'retry' | 'lost' | 'released';

/** The latest finished investigation of the ticket before this re-check: what "before" means. */
async function compareWithBaseline(db: Db, job: ClaimedJob, findings: readonly Finding[]) {
  const baseline = await db.mailtestRun.findFirst({
    where: {
      ticketId: job.ticketId,
      purpose: { in: [...BASELINE_PURPOSES] },
      status: 'done',
      startedAt: { lte: job.startedAt },
    },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, findings: true },
  });
  // Without one (its run was lost), "resolved" means the re-check finds nothing failing.
  const { comparison } = compareRuns(readFindings(baseline?.findings), findings);
  return { baselineRunId: baseline?.id ?? '', ...comparison };
}

export async function runChecks(deps: CheckDeps, job: ClaimedJob): Promise<CheckOutcome> {
  const { db, clock, logger } = deps;
  const fence = { id: job.id, attempts: job.attempts, status: 'running' };
  const store = async (
    findings: readonly Finding[],
    status: 'done' | 'failed',
    compared: RunSummary['compared'],
  ) => {
    const stored = await db.mailtestRun.updateMany({
      where: fence,
      data: {
        status,
        finishedAt: clock.now(),
        findings: findings as unknown as object[],
        summary: summaryJson(findings, compared),
      },
    });
    return stored.count === 1 ? 'stored' : 'lost';
  };
  const complaint = await db.complaintDetails.findUnique({ where: { ticketId: job.ticketId } });
  const own = complaint
    ? [
        ...serviceDomainFindings(complaint, (d) => deps.checks.inService(d)),
        // The pasted bounce is the complaint's evidence, read once; a re-check cannot change what it says.
        ...(job.purpose === 'investigation' ? [bounceFinding(complaint.bounceText)] : []),
      ]
    : [];
  const recheck = async (findings: readonly Finding[]) =>
    job.purpose === 'recheck' ? await compareWithBaseline(db, job, findings) : null;

  if (job.attempts > deps.maxAttempts) {
    // Every claim so far ended without storing a result (the replica stopped mid-run): stop trying.
    const reference = randomUUID().slice(0, 8);
    logger.error('investigation checks given up', { reference, runId: job.id, attempts: job.attempts - 1 });
    const findings = [...own, checksStoppedFinding(reference)];
    return store(findings, 'failed', await recheck(findings));
  }

  const renew = setInterval(() => {
    db.mailtestRun
      .updateMany({ where: fence, data: { leaseUntil: new Date(clock.now().getTime() + deps.leaseMs) } })
      .catch((error: unknown) => logger.warn('investigation lease not renewed', { runId: job.id, error }));
  }, deps.leaseMs / 3);
  renew.unref();
  let sofar: readonly Finding[] = [];
  try {
    const found = await deps.checks.run({
      domain: job.domain,
      delivery: true,
      signal: deps.stopping,
      onFindings: (f) => {
        sofar = f;
      },
    });
    if (deps.stopping.aborted) return await release(deps, job);
    const findings = [...own, ...found];
    return await store(findings, 'done', await recheck(findings));
  } catch (error) {
    if (deps.stopping.aborted) return await release(deps, job);
    const reference = randomUUID().slice(0, 8);
    const final = job.attempts >= deps.maxAttempts;
    logger.error('investigation checks failed', {
      reference,
      runId: job.id,
      ticketId: job.ticketId,
      attempt: job.attempts,
      final,
      error,
    });
    if (final) {
      const findings = [...own, ...sofar, checksStoppedFinding(reference)];
      return await store(findings, 'failed', await recheck(findings));
    }
    const retryAt = new Date(clock.now().getTime() + deps.retryDelayMs);
    const queued = await db.mailtestRun.updateMany({
      where: fence,
      data: { status: 'pending', leaseUntil: retryAt },
    });
    return queued.count === 1 ? 'retry' : 'lost';
  } finally {
    clearInterval(renew);
  }
}

/**
 * Hands a job cut short by a stop back: due at once, and the claim not counted as an attempt, so restarts
 * (an upgrade, a node drain) never use up the tries meant for checks that break. Probes it sent and did not
 * read are removed by a later run (src/mail/probe/leftovers.ts). Going back to pending also fences this
 * claim off: its lease renewal and any late write need `running`.
 */
async function release(deps: CheckDeps, job: ClaimedJob): Promise<CheckOutcome> {
  const released = await deps.db.mailtestRun.updateMany({
    where: { id: job.id, attempts: job.attempts, status: 'running' },
    data: { status: 'pending', leaseUntil: deps.clock.now(), attempts: { decrement: 1 } },
  });
  deps.logger.info('investigation checks stopped with mailops; the job is due again', {
    runId: job.id,
    ticketId: job.ticketId,
  });
  return released.count === 1 ? 'released' : 'lost';
}
