import type { Db } from '../db/types.ts';
import { type Locale, normalizeLocale } from '../i18n/locale.ts';
import type { Logger } from '../log.ts';
import type { ChatPlatform } from '../platform/port.ts';
import type { Clock } from '../time.ts';
import { reportView } from './report-view.ts';
import { renewRun, type StoredCard } from './runs.ts';
import type { Finding } from './types.ts';

// A /mailtest run lives in the process that started it: that process fills its card in and stores its
// end. When the process dies (killed, crashed, the server lost power) the run would stay `running` and its card
// would say "Checking…" forever, with nobody told to run it again. The living process renews the run's lease
// (keepRunAlive: chat and terminal runs, and the daily checklist's runs of each domain); every serving process
// sweeps for runs whose lease lapsed, stores them `interrupted` and ends their card, if they have one, with what
// was found and a request to run the test again. The sweep is one UPDATE … RETURNING, so of several replicas
// exactly one ends each card; a card the platform would not take (Slack or Teams down) is tried again on later
// sweeps. A checklist run has no card: its fire is run again by a takeover (scheduler.ts), and the sweep only
// keeps its history from showing it `running` for good.

/** How long a run's lease holds: four missed renewals, so a slow database or a busy moment is not a death. */
export const RUN_LEASE_MS = 2 * 60_000;
const RUN_RENEW_EVERY_MS = 30_000;
const SWEEP_EVERY_MS = 60_000;
/** A card the platform refused is tried again after this long, this many times in all. */
const CARD_RETRY_MS = 60_000;
const CARD_ATTEMPTS = 10;

/**
 * Renews a run's lease, with what it has found so far, every RUN_RENEW_EVERY_MS while its process lives;
 * returns how to stop (when the run has ended, before its end is stored).
 */
export function keepRunAlive(deps: {
  db: Db;
  runId: string;
  clock: Clock;
  logger: Logger;
  findings: () => readonly Finding[];
  everyMs?: number;
}): () => void {
  const renewal = setInterval(() => {
    const leaseUntil = new Date(deps.clock.now().getTime() + RUN_LEASE_MS);
    renewRun(deps.db, deps.runId, { findings: deps.findings(), leaseUntil }).catch((error: unknown) => {
      deps.logger.warn('mailtest run lease not renewed', { run: deps.runId, error });
    });
  }, deps.everyMs ?? RUN_RENEW_EVERY_MS);
  renewal.unref();
  return () => clearInterval(renewal);
}

type ReportUpdater = Pick<ChatPlatform, 'updateReport'>;

interface SweepDeps {
  readonly db: Db;
  /** By the name stored with each card (ChatPlatform.name). */
  readonly platforms: ReadonlyMap<string, ReportUpdater>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Told once for each run found left behind (not for later tries at its card). */
  readonly onInterrupted?: () => void;
}

interface AbandonedRow {
  id: string;
  domain: string;
  requestedByName: string;
  startedAt: Date;
  findings: unknown;
  card: unknown;
  attempts: number;
}

/** One sweep: how many abandoned runs it ended (their cards updated, or given up on). */
export async function sweepAbandonedRuns(deps: SweepDeps): Promise<number> {
  const now = deps.clock.now();
  const retryAt = new Date(now.getTime() + CARD_RETRY_MS);
  // A run without a card (or one whose card was ended) needs no further sweep: its lease is cleared at once.
  const rows = await deps.db.$queryRaw<AbandonedRow[]>`
    UPDATE mailtest_runs
    SET status = 'interrupted',
        finished_at = COALESCE(finished_at, ${now}::timestamptz),
        lease_until = CASE WHEN card IS NULL THEN NULL ELSE ${retryAt}::timestamptz END,
        attempts = attempts + 1
    WHERE purpose IN ('request', 'checklist')
      AND lease_until < ${now}
      AND (status = 'running' OR (status = 'interrupted' AND card IS NOT NULL))
    RETURNING id, domain, requested_by_name AS "requestedByName", started_at AS "startedAt", findings, card,
      attempts`;
  let ended = 0;
  for (const row of rows) {
    // A chat or terminal run's attempts count only sweeps: the first is the one that found it.
    if (row.attempts === 1) deps.onInterrupted?.();
    if (await endCard(deps, row)) ended += 1;
  }
  return ended;
}

async function endCard(deps: SweepDeps, row: AbandonedRow): Promise<boolean> {
  const card = asCard(row.card);
  if (card === null) {
    deps.logger.warn('mailtest run interrupted: its process stopped before it finished', { run: row.id });
    return true;
  }
  const platform = deps.platforms.get(card.platform);
  const update = platform?.updateReport?.bind(platform);
  const ref = { channel: card.channel, messageId: card.messageId };
  try {
    if (!update) throw new Error(`platform ${card.platform} is not running here`);
    await update(ref, cardOf(row, row.findings, card.locale, 'interrupted'));
    await redrawIfItFinished(deps, row, (findings) =>
      update(ref, cardOf(row, findings, card.locale, 'done')),
    );
  } catch (error) {
    const last = row.attempts >= CARD_ATTEMPTS;
    deps.logger.warn(
      last
        ? 'mailtest run interrupted: its card could not be updated, giving up'
        : 'mailtest run interrupted: its card could not be updated, will try again',
      { run: row.id, attempt: row.attempts, error },
    );
    if (!last) return false;
  }
  await deps.db.mailtestRun.updateMany({
    where: { id: row.id, status: 'interrupted' },
    data: { leaseUntil: null },
  });
  deps.logger.info('mailtest run interrupted: its card says so', { run: row.id, domain: row.domain });
  return true;
}

// A lease also lapses on a process that lives but could not renew it (its database unreachable for minutes
// while another replica's was not). That run goes on and stores its end, then draws its final card; if that
// lands before this sweep's "cut short", the card would contradict the stored, finished run for good. So once
// its card is drawn, the sweep looks again, and draws the finished report itself if the run ended meanwhile.
// A run that ends after this look draws its own final card last.
async function redrawIfItFinished(
  deps: SweepDeps,
  row: AbandonedRow,
  draw: (findings: unknown) => Promise<void>,
): Promise<void> {
  const after = await deps.db.mailtestRun.findUnique({
    where: { id: row.id },
    select: { status: true, findings: true },
  });
  if (after?.status !== 'done') return;
  try {
    await draw(after.findings);
    deps.logger.info('mailtest run thought interrupted finished after all: its card shows the report', {
      run: row.id,
    });
  } catch (error) {
    deps.logger.warn('mailtest run finished after all, but its card could not be redrawn', {
      run: row.id,
      error,
    });
  }
}

function cardOf(row: AbandonedRow, findings: unknown, locale: Locale, as: 'interrupted' | 'done') {
  return reportView({
    domain: row.domain,
    findings: Array.isArray(findings) ? (findings as Finding[]) : [],
    finished: as === 'done',
    requestedBy: row.requestedByName,
    startedAt: row.startedAt,
    locale,
    interrupted: as === 'interrupted',
  });
}

/** The stored card, or null when there is none or it cannot be read (an operator's hand edit). */
function asCard(value: unknown): StoredCard | null {
  const card = value as Partial<StoredCard> | null;
  if (!card || typeof card.platform !== 'string' || typeof card.channel !== 'string') return null;
  if (typeof card.messageId !== 'string' || card.messageId === '') return null;
  return { ...card, locale: normalizeLocale(card.locale, 'ms') } as StoredCard;
}

/** Sweeps at start and then every minute until stopped; never two sweeps at once in one process. */
export function createAbandonedRunSweeper(deps: SweepDeps & { everyMs?: number }) {
  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> | null = null;
  const sweep = () => {
    sweeping ??= sweepAbandonedRuns(deps)
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.warn('sweep of interrupted mailtest runs failed', { error }))
      .finally(() => {
        sweeping = null;
      });
    return sweeping;
  };
  return {
    start(): void {
      void sweep();
      timer = setInterval(sweep, deps.everyMs ?? SWEEP_EVERY_MS);
      timer.unref();
    },
    /** A sweep now (tests, and an operator's tools), or the one already under way. */
    sweepOnce: sweep,
    /** Until the sweep in flight, if any, has ended. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await sweeping;
    },
  };
}
