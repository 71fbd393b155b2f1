import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { keepRunAlive, RUN_LEASE_MS } from '../mail/abandoned-runs.ts';
import type { DomainChecks } from '../mail/domain-checks.ts';
import type { DeliverySettings, MonitoredDomain } from '../mail/probe/delivery-types.ts';
import { finishRun } from '../mail/runs.ts';
import type { Finding } from '../mail/types.ts';
import type { OutboxTarget } from '../tickets/outbox-writer.ts';
import type { Clock } from '../time.ts';
import { enqueueChecklistSummary, runReference } from './checklist-report.ts';
import { reportFailedDomain, type TicketActs } from './checklist-tickets.ts';
import { type FireFence, FireHandedBack, FireLost, holdFire, runOnce } from './coordinator.ts';
import type { ScheduledTaskSpec } from './scheduler.ts';

// The daily e-mail checklist (circular 4(h)), whose item 4(c) is a scheduled delivery test from outside mail
// into the agency: at each domain's schedule the domain checks and the delivery probes run for every monitored
// domain, each failing domain is reported as an SOP 4.2 complaint, and SOC gets one summary card per fire.
// Domains sharing a schedule share a fire, so SOC reads one card, not one per domain. Every fire goes through
// the database coordinator (coordinator.ts), so with several replicas it runs once.
//
// A fire missed while no replica was up (an upgrade at 07:30) runs when mailops starts, up to
// `scheduler.catch_up_minutes` late (scheduler.ts), so a restart never costs the circular's daily check; its
// summary says when it really ran, as a late check tells the state of the mail service at that time, not at
// the schedule's. Older misses are left to the next fire, or to `mailops checklist run` by hand.
//
// A fire whose lease this replica loses (coordinator.ts: it stalled, or lost the database, and another replica
// took the fire over) stops as it does for a stop of mailops: its probes end, it opens no complaint and sends
// no summary, so the agency is not mailed twice for one fire nor SOC told twice (DESIGN.md: each fire runs
// exactly once). It may learn of the takeover up to a third of a lease late (a paused VM resuming after its
// probes), so every write it makes for the fire, not only its hand-back, is fenced by its attempt: made in a
// transaction that finds the fire still held (holdFire), or not at all.

export interface ChecklistDeps {
  readonly db: Db;
  readonly checks: DomainChecks;
  readonly tickets: TicketActs;
  readonly target: OutboxTarget;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: DeliverySettings;
  /** Domains probed at once: each probe holds SMTP and IMAP sessions for up to the delivery deadline. */
  readonly concurrency?: number;
  /** After the summary is queued, so the dispatcher delivers it at once (src/app.ts: dispatcher.wake). */
  readonly onQueued?: () => void;
  /**
   * Aborted when mailops stops (src/app.ts): the probes of a fire under way end as could-not-test, and the
   * fire is handed back rather than reported, so the next start (or another replica) runs it whole.
   */
  readonly stopping?: AbortSignal;
}

/** What a fire did; the coordinator stores it in scheduler_runs.result. */
export interface ChecklistResult {
  readonly domains: number;
  /** Domains with at least one failed check. */
  readonly failed: number;
  /** Domains whose run broke on an internal error (never counted as failed). */
  readonly couldNotRun: number;
  readonly ticketsOpened: number;
  readonly ticketsUpdated: number;
  /** The runs of this fire, in the order of the configuration. */
  readonly runIds: readonly string[];
}

/** The scheduler task names of the checklist: `daily-checklist@<cron expression>` and `daily-checklist@manual`. */
export const CHECKLIST_TASK = 'daily-checklist';
const MANUAL_TASK = `${CHECKLIST_TASK}@manual`;

/** A cron expression as every replica spells it, so "30 7 * * *" and "30  7 * * *" share a fire. */
const normalize = (expression: string) => expression.trim().split(/\s+/).join(' ');

/** The monitored domains grouped by schedule, in the order the configuration first names each schedule. */
export function domainsBySchedule(domains: readonly MonitoredDomain[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const d of domains) {
    const expression = normalize(d.schedule);
    groups.set(expression, [...(groups.get(expression) ?? []), d.domain]);
  }
  return groups;
}

/**
 * One scheduled task per distinct schedule; the scheduler runs each fire through runOnce, and at start a
 * fire missed up to `catchUpMs` ago.
 */
export function checklistTasks(
  deps: ChecklistDeps,
  options: { catchUpMs?: number } = {},
): ScheduledTaskSpec[] {
  return [...domainsBySchedule(deps.settings.domains)].map(([expression, domains]) => {
    const name = `${CHECKLIST_TASK}@${expression}`;
    return {
      name,
      expression,
      ...(options.catchUpMs ? { catchUpMs: options.catchUpMs } : {}),
      run: (fireAt: Date, { attempt, signal, fence }) =>
        runChecklist(deps, { name, fireAt, domains, attempt, lease: signal, fence }),
    };
  });
}

/** A fire that started this much after its time says when it ran (a caught-up fire): summary and history. */
export const LATE_MS = 5 * 60_000;

/**
 * Runs the checklist now for the given monitored domains (all of them by default), coordinated like a fire
 * of its own: `mailops checklist run`. Returns null when another process ran the same second's fire; an
 * error that stopped the whole run is recorded by the coordinator and thrown to the caller.
 */
export async function runChecklistNow(
  deps: ChecklistDeps,
  options: { owner: string; domains?: readonly string[] },
): Promise<{ at: Date; result: ChecklistResult } | null> {
  const domains = options.domains ?? deps.settings.domains.map((d) => d.domain);
  const fireAt = new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000);
  const box: { result?: ChecklistResult; failure?: { error: unknown } } = {};
  const outcome = await runOnce(
    deps.db,
    MANUAL_TASK,
    fireAt,
    options.owner,
    async (_attempt, lease, fence) => {
      try {
        box.result = await runChecklist(deps, { name: MANUAL_TASK, fireAt, domains, lease, fence });
        return box.result;
      } catch (error) {
        box.failure = { error };
        throw error;
      }
    },
  );
  // Another process took the fire over while this one ran it: its run, not this one, is the fire's.
  if (outcome.ran && outcome.status === 'lost') return null;
  if (box.failure) throw box.failure.error;
  return box.result ? { at: fireAt, result: box.result } : null;
}

interface DomainRun {
  readonly id: string;
  readonly domain: string;
  readonly startedAt: Date;
  readonly findings: readonly Finding[] | null;
}

interface Fire {
  readonly name: string;
  readonly fireAt: Date;
  readonly domains: readonly string[];
  readonly attempt?: number;
  readonly lease: AbortSignal;
  readonly fence: FireFence;
}

async function runChecklist(deps: ChecklistDeps, fire: Fire): Promise<ChecklistResult> {
  try {
    return await checkAndReport(deps, fire);
  } catch (error) {
    if (error instanceof FireLost)
      deps.logger.warn(
        'checklist fire went to another replica before this one had reported it: the rest is left to that one',
        {
          task: fire.name,
          fireAt: fire.fireAt.toISOString(),
          attempt: fire.fence.attempt,
        },
      );
    throw error;
  }
}

async function checkAndReport(deps: ChecklistDeps, fire: Fire): Promise<ChecklistResult> {
  const startedAt = deps.clock.now();
  const stop = deps.stopping ? AbortSignal.any([deps.stopping, fire.lease]) : fire.lease;
  const late = startedAt.getTime() - fire.fireAt.getTime() > LATE_MS;
  if ((fire.attempt ?? 1) > 1) {
    // A replica died in this fire (the coordinator gave it to this one): its domain runs will never finish,
    // so they end as failed rather than stay "running" in every list. This attempt runs every domain again.
    await deps.db.$transaction(async (tx) => {
      await holdFire(tx, fire.fence);
      await tx.mailtestRun.updateMany({
        where: {
          purpose: 'checklist',
          status: 'running',
          domain: { in: [...fire.domains] },
          startedAt: { gte: fire.fireAt, lt: startedAt },
        },
        data: { status: 'failed', finishedAt: startedAt },
      });
    });
  }
  const runs = await inPool(fire.domains, deps.concurrency ?? 3, (domain) => checkDomain(deps, domain, stop));
  // Probes cut by a stop say nothing of the agency's mail: no complaint, no summary; the fire runs again.
  if (stop.aborted) throw new FireHandedBack();
  let ticketsOpened = 0;
  let ticketsUpdated = 0;
  for (const run of runs) {
    const { findings } = run;
    if (!findings?.some((f) => f.verdict === 'fail')) continue;
    try {
      const ticket = await reportFailedDomain(
        { ...deps, locale: deps.target.directory.defaultLocale, fence: fire.fence },
        { ...run, findings, fireAt: fire.fireAt },
      );
      if (!ticket) continue;
      if (ticket.opened) ticketsOpened += 1;
      else ticketsUpdated += 1;
    } catch (error) {
      if (error instanceof FireLost) throw error;
      // One domain's complaint failing to open must not cost SOC the summary of all the others.
      deps.logger.error('checklist could not open or update a complaint', {
        reference: runReference(run.id),
        domain: run.domain,
        runId: run.id,
        error,
      });
    }
  }
  const runIds = runs.map((r) => r.id);
  // One summary is queued per fire: a run that lost its fire must not queue it in place of its successor's
  // (complaints are keyed by fire and domain, so the successor's land in the same tickets). The lease tells
  // of a loss it has noticed; the fence in enqueueChecklistSummary, of one it has not yet.
  if (fire.lease.aborted) throw new FireHandedBack();
  if (runIds.length > 0) {
    const fireKey = `${fire.name}@${fire.fireAt.toISOString()}`;
    const queued = await enqueueChecklistSummary(
      deps.db,
      deps.target,
      {
        fire: fireKey,
        at: fire.fireAt,
        ...(late ? { ranAt: startedAt, retried: (fire.attempt ?? 1) > 1 } : {}),
        runIds,
      },
      deps.clock.now(),
      fire.fence,
    );
    if (queued > 0) deps.onQueued?.();
  }
  return {
    domains: runs.length,
    failed: runs.filter((r) => r.findings?.some((f) => f.verdict === 'fail')).length,
    couldNotRun: runs.filter((r) => r.findings === null).length,
    ticketsOpened,
    ticketsUpdated,
    runIds,
  };
}

/**
 * One domain's run, stored as it ends; an internal error is "could not run" with a reference in the log.
 * Its lease is renewed while this process lives, so a run whose process died ends `interrupted`
 * (abandoned-runs.ts) rather than `running` in the domain's history for good.
 */
async function checkDomain(deps: ChecklistDeps, domain: string, stop: AbortSignal): Promise<DomainRun> {
  const startedAt = deps.clock.now();
  const { id } = await deps.db.mailtestRun.create({
    data: {
      domain,
      requestedBy: 'system',
      requestedByName: 'mailops',
      via: 'scheduler',
      purpose: 'checklist',
      delivery: true,
      startedAt,
      status: 'running',
      leaseUntil: new Date(startedAt.getTime() + RUN_LEASE_MS),
    },
    select: { id: true },
  });
  let latest: readonly Finding[] = [];
  const alive = keepRunAlive({
    db: deps.db,
    runId: id,
    clock: deps.clock,
    logger: deps.logger,
    findings: () => latest,
  });
  try {
    const findings = await deps.checks.run({
      domain,
      delivery: true,
      // The fire stops when this ends its probes (runChecklist), whoever else ends them too.
      signal: stop,
      onFindings: (sofar) => {
        latest = sofar;
      },
    });
    alive();
    // Probes cut by a stop are no result: the fire is handed back (or is another replica's) and runs this
    // domain again, so history must not show this run as a finished check of the agency's mail.
    const status = stop.aborted ? 'stopped' : 'done';
    await finishRun(deps.db, id, { findings, status, at: deps.clock.now() });
    return { id, domain, startedAt, findings };
  } catch (error) {
    alive();
    deps.logger.error('checklist could not run a domain', {
      reference: runReference(id),
      domain,
      runId: id,
      error,
    });
    await finishRun(deps.db, id, { findings: latest, status: 'failed', at: deps.clock.now() });
    return { id, domain, startedAt, findings: null };
  }
}

/** `work` over `items` with at most `limit` at a time; results in the order of `items`. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
