import type { Db } from '../db/types.ts';
import type { Locale } from '../i18n/index.ts';
import type { Finding, Verdict } from './types.ts';

// Stored /mailtest runs (prisma model MailtestRun): the per-person rate limit is read from them, so it holds
// across replicas and restarts, and every run keeps its findings for history and before/after comparisons.

export interface Requester {
  readonly id: string;
  readonly name: string;
  readonly via: 'slack' | 'teams' | 'cli';
}

export type RunStart =
  | { readonly ok: true; readonly runId: string }
  | { readonly ok: false; readonly retryAfterSeconds: number };

const WINDOW_MS = 60_000;

export function summarize(findings: readonly Finding[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0, untested: 0 };
  for (const f of findings) counts[f.verdict] += 1;
  return counts;
}

/**
 * Opens a run unless this person already started `perMinute` in the last minute. The check and the insert
 * are one transaction under a lock on the person, so a double click or two replicas cannot both pass it.
 */
export async function startRun(
  db: Db,
  input: {
    domain: string;
    requester: Requester;
    perMinute: number;
    now: Date;
    delivery?: boolean;
    /** A run whose process keeps it alive (keepRunAlive): held this long from the start. */
    leaseMs?: number;
  },
): Promise<RunStart> {
  const since = new Date(input.now.getTime() - WINDOW_MS);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`mailtest:${input.requester.id}`}))`;
    const recent = await tx.mailtestRun.findMany({
      where: { requestedBy: input.requester.id, startedAt: { gt: since } },
      orderBy: { startedAt: 'asc' },
      select: { startedAt: true },
    });
    if (recent.length >= input.perMinute) {
      const frees = recent[recent.length - input.perMinute]!.startedAt.getTime() + WINDOW_MS;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((frees - input.now.getTime()) / 1000)) };
    }
    const run = await tx.mailtestRun.create({
      data: {
        domain: input.domain,
        requestedBy: input.requester.id,
        requestedByName: input.requester.name,
        via: input.requester.via,
        startedAt: input.now,
        status: 'running',
        delivery: input.delivery ?? false,
        ...(input.leaseMs ? { leaseUntil: new Date(input.now.getTime() + input.leaseMs) } : {}),
      },
      select: { id: true },
    });
    return { ok: true, runId: run.id };
  });
}

/**
 * How a run ended: `done`; `failed` when the run itself broke (the findings hold what was learned before);
 * `stopped` when mailops stopped under it, so part of it was never tested (the daily checklist runs it again;
 * a person runs /mailtest again).
 */
export type FinishedStatus = 'done' | 'failed' | 'stopped';

/** `stopped` when a stop cut any probe short (its finding says so), else `done`. */
export function finishedStatusOf(findings: readonly Finding[]): 'done' | 'stopped' {
  // The code is named `reason` (SMTP, delivery), `failure` (a DNS question) or `answer` (a blocklist).
  const stopped = (f: Finding) => f.verdict === 'untested' && Object.values(f.params).includes('stopped');
  return findings.some(stopped) ? 'stopped' : 'done';
}

/**
 * No run lasts this long: probes wait at most `delivery.deadline_seconds` (≤ 1 h) plus the reply grace
 * (≤ 10 min), and the domain checks end within their per-step timeouts (≤ 60 s each) long before. A run still
 * `running` after it was left behind by a process that died (killed, power lost, Ctrl-C in the terminal):
 * history calls it `interrupted` rather than running forever.
 */
const RUN_ENDS_WITHIN_MS = 2 * 60 * 60_000;

export async function finishRun(
  db: Db,
  runId: string,
  result: { findings: readonly Finding[]; status: FinishedStatus; at: Date },
): Promise<void> {
  await db.mailtestRun.update({
    where: { id: runId },
    data: {
      status: result.status,
      finishedAt: result.at,
      findings: result.findings as unknown as object,
      summary: summarize(result.findings),
      leaseUntil: null,
    },
  });
}

/** Where a chat run's report card lives: enough for any process to end it in the reader's language. */
export interface StoredCard {
  readonly platform: string;
  readonly channel: string;
  readonly messageId: string;
  readonly locale: Locale;
}

export async function attachCard(db: Db, runId: string, card: StoredCard): Promise<void> {
  await db.mailtestRun.update({ where: { id: runId }, data: { card: { ...card } } });
}

/**
 * The living process's word that its run goes on, with what it has found so far (what the card of a run
 * whose process died will show). Only a run still `running`: a late heartbeat never revives an ended one.
 */
export async function renewRun(
  db: Db,
  runId: string,
  input: { findings: readonly Finding[]; leaseUntil: Date },
): Promise<void> {
  await db.mailtestRun.updateMany({
    where: { id: runId, status: 'running' },
    data: {
      leaseUntil: input.leaseUntil,
      findings: input.findings as unknown as object,
      summary: summarize(input.findings),
    },
  });
}

export interface RunListItem {
  readonly id: string;
  readonly domain: string;
  readonly requestedByName: string;
  readonly via: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly status: string;
  readonly summary: Partial<Record<Verdict, number>>;
}

/** Past runs for a domain, newest first; a run its process abandoned reads `interrupted`. */
export async function runHistory(db: Db, domain: string, now: Date, limit = 20): Promise<RunListItem[]> {
  const rows = await db.mailtestRun.findMany({
    where: { domain },
    orderBy: { startedAt: 'desc' },
    take: limit,
    select: {
      id: true,
      domain: true,
      requestedByName: true,
      via: true,
      startedAt: true,
      finishedAt: true,
      status: true,
      summary: true,
    },
  });
  return rows.map((r) => ({
    ...r,
    status:
      r.status === 'running' && now.getTime() - r.startedAt.getTime() > RUN_ENDS_WITHIN_MS
        ? 'interrupted'
        : r.status,
    summary: r.summary as Partial<Record<Verdict, number>>,
  }));
}
