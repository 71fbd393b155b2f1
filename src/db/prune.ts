import { Prisma } from '../generated/prisma/client.ts';
import type { DatabaseKind } from './database.ts';
import { needsVacuum, type Reclaimed, reclaimSpace } from './reclaim.ts';
import type { Db } from './types.ts';

// What mailops deletes once it is old (`retention` in the configuration), so a server left running for years
// does not fill its disk with daily checks (about 0.4 GB a year for 100 monitored domains, most of it the
// findings of checklist runs). Only what mailops itself can tell is no longer needed:
// - finished /mailtest runs that belong to no ticket (asked in chat or the CLI, or a checklist run that found
//   nothing to open a ticket for), and the checklist's finished fires (`mailops checklist history`) that a
//   later good fire of the same schedule has followed (LATER_OK below);
// - chat messages already delivered; one that could not be delivered stays for `mailops outbox retry`.
// Tickets, their notes, the runs attached to them (the investigation and re-check are the complaint's
// evidence, SOP 4.2 step 3) and the audit trail are government records: mailops never deletes them.
//
// Deleted in batches, each its own statement, so a first clean-up after years of history never holds a lock
// for long nor one transaction's worth of rows; doing it twice (two replicas, a takeover) is harmless.

export interface RetentionPolicy {
  readonly historyDays: number;
  readonly sentMessagesDays: number;
}

export type PrunedKind = 'mailtest_runs' | 'checklist_fires' | 'sent_messages';
export type PruneCounts = Readonly<Record<PrunedKind, number>>;

const BATCH = 1_000;
const DAY_MS = 86_400_000;

interface Kind {
  readonly name: PrunedKind;
  /** Its table; every condition below reads the row as `r`. */
  readonly table: string;
  readonly days: (policy: RetentionPolicy) => number;
  /** Which rows of the table are old by `before` and may go. */
  readonly old: (before: Date) => Prisma.Sql;
}

/**
 * A checklist fire goes only once a later fire of its task succeeded: the latest good one stays, which
 * /metrics reports per schedule (an alert on its age must not lose its series), and so does every fire of a
 * task since, and a task's latest fire, which a missed fire's catch-up looks for (scheduler.ts).
 */
const LATER_OK = Prisma.sql`EXISTS (
  SELECT 1 FROM scheduler_runs l WHERE l.task = r.task AND l.status = 'ok' AND l.fire_at > r.fire_at)`;

const KINDS: readonly Kind[] = [
  {
    name: 'mailtest_runs',
    table: 'mailtest_runs',
    days: (p) => p.historyDays,
    old: (before) =>
      Prisma.sql`r.ticket_id IS NULL AND r.status NOT IN ('running', 'pending') AND r.started_at < ${before}`,
  },
  {
    name: 'checklist_fires',
    table: 'scheduler_runs',
    days: (p) => p.historyDays,
    old: (before) => Prisma.sql`r.status <> 'running' AND r.fire_at < ${before} AND ${LATER_OK}`,
  },
  {
    name: 'sent_messages',
    table: 'outbox_messages',
    days: (p) => p.sentMessagesDays,
    old: (before) => Prisma.sql`r.status = 'sent' AND r.sent_at < ${before}`,
  },
];

async function count(db: Db, kind: Kind, before: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT count(*) AS n FROM ${Prisma.raw(kind.table)} r WHERE ${kind.old(before)}`;
  return Number(row?.n ?? 0);
}

/** Deletes at most BATCH rows; how many it did. */
function removeBatch(db: Db, kind: Kind, before: Date): Promise<number> {
  const table = Prisma.raw(kind.table);
  return db.$executeRaw`
    DELETE FROM ${table} WHERE id IN (SELECT r.id FROM ${table} r WHERE ${kind.old(before)} LIMIT ${BATCH})`;
}

/** The moment before which each kind is old, by the policy, at `now`. */
export function cutoffs(policy: RetentionPolicy, now: Date): Readonly<Record<PrunedKind, Date>> {
  return Object.fromEntries(
    KINDS.map((k) => [k.name, new Date(now.getTime() - k.days(policy) * DAY_MS)]),
  ) as Record<PrunedKind, Date>;
}

/**
 * Deletes what the policy says is old at `now`, or with `dryRun` only counts it. A stop (`signal`) ends it
 * between batches: what is left goes at the next run.
 */
export async function prune(
  db: Db,
  policy: RetentionPolicy,
  now: Date,
  options: { readonly dryRun?: boolean; readonly signal?: AbortSignal } = {},
): Promise<PruneCounts> {
  const before = cutoffs(policy, now);
  const counts: Record<PrunedKind, number> = { mailtest_runs: 0, checklist_fires: 0, sent_messages: 0 };
  for (const kind of KINDS) {
    if (options.dryRun) {
      counts[kind.name] = await count(db, kind, before[kind.name]);
      continue;
    }
    for (;;) {
      if (options.signal?.aborted) return counts;
      const removed = await removeBatch(db, kind, before[kind.name]);
      counts[kind.name] += removed;
      if (removed < BATCH) break;
    }
  }
  return counts;
}

/**
 * The daily clean-up (`mailops serve`) and `mailops db prune`: what is old goes, then the embedded
 * database's pages are given back (reclaim.ts). `reclaimed` is null on PostgreSQL, which vacuums itself,
 * on a dry run, and when a stop came first.
 */
export async function cleanUp(
  db: Db,
  kind: DatabaseKind,
  policy: RetentionPolicy,
  now: Date,
  options: { readonly dryRun?: boolean; readonly signal?: AbortSignal } = {},
): Promise<{ readonly deleted: PruneCounts; readonly reclaimed: Reclaimed | null }> {
  const deleted = await prune(db, policy, now, options);
  if (options.dryRun || !needsVacuum(kind) || options.signal?.aborted) return { deleted, reclaimed: null };
  return { deleted, reclaimed: await reclaimSpace(db, options.signal) };
}
