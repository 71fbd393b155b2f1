import { randomUUID } from 'node:crypto';
import type { Db } from '../db/types.ts';
import type { Locale } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import type { DomainChecks } from '../mail/domain-checks.ts';
import type { Clock } from '../time.ts';
import { type ClaimedJob, claimJobs } from './claim.ts';
import { type RecordDeps, recordRun } from './record-run.ts';
import { runChecks } from './run-checks.ts';

// The automated investigation of complaints (SOP 4.2 step 3, issue 6), as a durable job runner. The jobs
// are check runs the ticket service queued with the decision that asked for them (jobs.ts); any replica
// claims them (claim.ts), runs the checks, stores the findings on the run, records the run on the ticket
// under the key `investigation:<runId>` and releases the job. Nothing is lost or done twice:
//   - a stop (a restart, an upgrade) ends the probes still waiting and hands the job back, due at once and
//     not counted as an attempt (stop());
//   - a crash mid-run leaves the job claimed until its lease ends; then it is claimed again, the checks run
//     again (at most `maxAttempts` times; then the run is recorded as failed, so the requester is still
//     asked to confirm), and a late write of the first claim is fenced off by the attempt count;
//   - a crash between storing and recording leaves a finished run whose lease ends: it is only recorded;
//   - a record that keeps failing (not the database being down: then nothing is claimed) is given up after
//     `maxRecordClaims` claims, with a reference in the log, so the ticket's later re-checks are not held back;
//   - two replicas never hold one job, and recording it twice finds the key: `already_done`.
// `src/app.ts` starts and stops it like the outbox dispatcher; wake it when a decision queued checks.

export interface InvestigationWorkerOptions {
  readonly db: Db;
  readonly tickets: RecordDeps['tickets'];
  readonly checks: DomainChecks;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long a claim holds a job before another replica may take it over; renewed while checks run. */
  readonly leaseMs?: number;
  /** Runs of the checks before the run is stored as failed (a crash of the checks, or of the replica). */
  readonly maxAttempts?: number;
  /**
   * Claims of a run after which a record on its ticket that keeps failing is given up (a lease apart each, so
   * about three hours by default): a run never recorded would hold back the ticket's later re-checks for good.
   */
  readonly maxRecordClaims?: number;
  /** After the checks themselves failed, how long before they are tried again. */
  readonly retryDelayMs?: number;
  /** Jobs one replica works on at once (the delivery probes wait minutes for mail). */
  readonly concurrency?: number;
  /** The language of what the bot writes on a ticket it opened itself; the service's default. */
  readonly locale?: Locale;
}

export interface WorkResult {
  /** Jobs claimed. */
  claimed: number;
  /** Runs whose checks ran and are stored. */
  checked: number;
  /** Runs recorded on their ticket (or found recorded already). */
  recorded: number;
  /** Checks that failed and wait for another try. */
  retried: number;
  /** Jobs another claim took over, or that broke and wait for their lease to end. */
  lost: number;
  /** Jobs cut short by stop() and handed back, due again at once. */
  released: number;
}

export function createInvestigationWorker(options: InvestigationWorkerOptions) {
  const { db, clock, logger } = options;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const concurrency = options.concurrency ?? 4;
  let stopping = new AbortController();
  const checkDeps = {
    get stopping() {
      return stopping.signal;
    },
    db,
    checks: options.checks,
    clock,
    logger,
    leaseMs,
    maxAttempts: options.maxAttempts ?? 3,
    retryDelayMs: options.retryDelayMs ?? 60_000,
  };
  const recordDeps: RecordDeps = { db, tickets: options.tickets, logger, locale: options.locale ?? 'ms' };
  const inFlight = new Set<Promise<void>>();
  const maxRecordClaims = options.maxRecordClaims ?? 20;

  /** Releases a run whose record keeps failing, so the ticket's later checks can run; SOC still has the ticket. */
  async function giveUpRecording(job: ClaimedJob, error: unknown): Promise<void> {
    await db.mailtestRun.updateMany({
      where: { id: job.id, attempts: job.attempts },
      data: { leaseUntil: null },
    });
    logger.error('investigation could not be recorded on its ticket and is given up', {
      reference: randomUUID().slice(0, 8),
      runId: job.id,
      ticketId: job.ticketId,
      claims: job.attempts,
      error,
    });
  }

  async function work(job: ClaimedJob, result: WorkResult): Promise<void> {
    try {
      if (job.status === 'running') {
        const checked = await runChecks(checkDeps, job);
        if (checked !== 'stored') {
          result[checked === 'retry' ? 'retried' : checked === 'released' ? 'released' : 'lost'] += 1;
          return;
        }
        result.checked += 1;
      }
      try {
        await recordRun(recordDeps, job.id);
      } catch (error) {
        if (job.attempts < maxRecordClaims) throw error;
        await giveUpRecording(job, error);
        result.lost += 1;
        return;
      }
      // Released only once recorded: until then a lease that runs out hands the job to another replica.
      await db.mailtestRun.updateMany({
        where: { id: job.id, attempts: job.attempts },
        data: { leaseUntil: null },
      });
      result.recorded += 1;
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      logger.error('investigation job failed; it is taken up again when its lease ends', {
        reference,
        runId: job.id,
        ticketId: job.ticketId,
        error,
      });
      result.lost += 1;
    }
  }

  /** Claims what this replica has room for and starts it; `done` settles when those jobs end. */
  async function claimAndStart(): Promise<{ result: WorkResult; done: Promise<void> }> {
    const result: WorkResult = { claimed: 0, checked: 0, recorded: 0, retried: 0, lost: 0, released: 0 };
    const jobs = await claimJobs(db, { now: clock.now(), leaseMs, limit: concurrency - inFlight.size });
    result.claimed = jobs.length;
    const started = jobs.map((job) => {
      const running: Promise<void> = work(job, result).finally(() => {
        inFlight.delete(running);
        tick();
      });
      inFlight.add(running);
      return running;
    });
    return { result, done: Promise.all(started).then(() => undefined) };
  }

  let timer: NodeJS.Timeout | undefined;
  let claiming: Promise<unknown> | undefined;
  let again = false;
  let stopped = true;
  // A wake while claiming must not be lost: a job committed after the claim's query would wait for the poll.
  function tick(): void {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    again = false;
    claiming = claimAndStart()
      .catch((error: unknown) => logger.error('investigation claim failed', { error }))
      .finally(() => {
        claiming = undefined;
        if (again) tick();
      });
  }

  return {
    /** Claims due jobs once and waits until they are done (tests, `mailops` commands). */
    async runOnce(): Promise<WorkResult> {
      const { result, done } = await claimAndStart();
      await done;
      return result;
    },
    /** Polls every `intervalMs`; `wake()` after a decision queued checks starts them at once. */
    start(intervalMs = 5000): void {
      stopped = false;
      if (stopping.signal.aborted) stopping = new AbortController();
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    wake: tick,
    /**
     * Stops claiming and ends the jobs under way: probes still waiting for mail stop at once and their jobs
     * are handed back (run-checks.ts, release); the domain checks end within their own timeouts.
     */
    async stop(): Promise<void> {
      stopped = true;
      stopping.abort();
      if (timer) clearInterval(timer);
      await claiming;
      await Promise.all([...inFlight]);
    },
  };
}
