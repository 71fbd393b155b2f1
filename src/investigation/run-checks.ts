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
}

/** stored: findings are on the run, record it; retry: tried again later; lost: another claim owns the job. */
export type CheckOutcome = 'stored' | 'retry' | 'lost';

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
      onFindings: (f) => {
        sofar = f;
      },
    });
    const findings = [...own, ...found];
    return await store(findings, 'done', await recheck(findings));
  } catch (error) {
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
