// `npm run bench:probe`: how late the bot learns that a delivery probe reached the inbox (issue 6). N probes
// go from probe@outside.test to probe@agency.test through the real Postfix, OpenDKIM and Dovecot of the
// delivery test world (test/support/delivery-world), submitted with the engine's sendProbe. The bot watches
// the agency mailbox with the engine's openMailboxWatcher, which learns of new mail from the server's
// untagged EXISTS during IDLE (RFC 2177) instead of asking. In the same run a second session polls the same
// mailbox every S seconds (bench/support/probe-polling.ts), the baseline IDLE replaces.
//
// "As the server logged it" is Dovecot's `saved mail to INBOX` line (microsecond timestamps, read to the
// millisecond): the moment the message was in the mailbox. Each method's figure is seen − logged; time to
// inbox is counted from the submission server's reply to DATA. The sends are spread over one polling period
// (one per N-th of it, at a random point within), so the polling delays sample its whole cycle.
// Target (issue 6): p99 of IDLE's seen − logged ≤ 100 ms. Dovecot 2.3 answers a change of the mailbox's
// files (inotify) by waiting NOTIFY_DELAY_MSECS = 500 ms, to batch what else arrives, before it syncs and
// sends EXISTS to IDLE clients (src/lib-storage/mailbox-watch.c); a compile-time constant, no setting. So
// against this world IDLE's difference sits near 500 ms whatever the client does; less only for a message
// that lands while an earlier one's wait is running. Prints a table; exit code 0 even when the target
// is missed, 1 when a probe was lost on the way, 2 when the world or the watcher could not start.
//
//   --probes N         probes to send (default 20)
//   --poll-seconds S   the baseline's polling period, and the span the sends are spread over (default 30)
//   --detail           also print every probe's times

import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { newProbeId } from '../src/mail/probe/compose.ts';
import type { SubmissionResult } from '../src/mail/probe/delivery-types.ts';
import { normalizeMessageId } from '../src/mail/probe/header-block.ts';
import { openMailboxWatcher, type WatchedMessage } from '../src/mail/probe/mailbox-watch.ts';
import { sendProbe } from '../src/mail/probe/send.ts';
import { startPolling } from './support/probe-polling.ts';
import { renderTable, type Summary, summarise } from './support/probe-stats.ts';
import { type ProbeWorld, startProbeWorld } from './support/probe-world.ts';

const { values: args } = parseArgs({
  options: {
    probes: { type: 'string', default: '20' },
    'poll-seconds': { type: 'string', default: '30' },
    detail: { type: 'boolean', default: false },
  },
});
const PROBES = Math.max(1, Number(args.probes));
const PERIOD_MS = Math.max(1, Number(args['poll-seconds'])) * 1000;
const TARGET_P99_MS = 100;
const TIMEOUT_MS = 10_000;
/** How long after the last send a probe may still arrive; the delivery world hands mail over in < 1 s. */
const GRACE_MS = 15_000;
const LOCK_WAIT_MS = 10 * 60_000;

let probeWorld: ProbeWorld;
try {
  probeWorld = await startProbeWorld({ timeoutMs: TIMEOUT_MS, lockWaitMs: LOCK_WAIT_MS });
} catch (error) {
  console.error(`bench:probe: the delivery test world did not start: ${(error as Error).message}`);
  process.exit(2);
}
const { world, outside, agency, deps } = probeWorld;

interface Probe {
  readonly probeId: string;
  readonly offsetMs: number;
  readonly submission: SubmissionResult;
  readonly idle: WatchedMessage | null;
}

async function measure() {
  const opening = await openMailboxWatcher(agency, deps);
  if (!opening.ok)
    throw new StartError(`the IDLE watcher did not open: ${opening.failure} ${opening.detail}`);
  const watcher = opening.watcher;
  const polling = await startPolling(agency, {
    periodMs: PERIOD_MS,
    ca: deps.ca ?? [],
    timeoutMs: TIMEOUT_MS,
  }).catch(async (error: unknown) => {
    await watcher.close();
    throw new StartError(`the polling session did not open: ${(error as Error).message}`);
  });
  try {
    const probes = await Promise.all(
      Array.from({ length: PROBES }, async (_, i): Promise<Probe> => {
        const probeId = newProbeId();
        const offsetMs = ((i + Math.random()) * PERIOD_MS) / PROBES;
        // Waiting starts before any send, so no catch-up fetch breaks IDLE while probes are in flight.
        const gaveUp = new AbortController();
        const idle = watcher.waitFor(
          { id: probeId },
          PERIOD_MS + GRACE_MS,
          (_raw, outcome) => outcome.kind === 'delivered',
          gaveUp.signal,
        );
        await sleep(Math.max(0, polling.startedAt + offsetMs - Date.now()));
        const submission = await sendProbe(
          outside,
          agency.address,
          { probeId, subject: `mailops bench probe ${i + 1}/${PROBES}` },
          deps,
        );
        if (!submission.ok) gaveUp.abort();
        return { probeId, offsetMs, submission, idle: await idle };
      }),
    );
    const accepted = probes.flatMap((p) => (p.submission.ok ? [p.submission] : []));
    const lastAccepted = Math.max(polling.startedAt, ...accepted.map((s) => s.acceptedAt.getTime()));
    await polling.waitFor(
      accepted.map((s) => normalizeMessageId(s.messageId)),
      lastAccepted + PERIOD_MS + GRACE_MS,
    );
    const wallMs = Date.now() - polling.startedAt;
    return {
      probes,
      polled: polling.seen,
      polls: polling.polls(),
      pollErrors: polling.errors,
      lost: watcher.lost,
      wallMs,
    };
  } finally {
    await polling.close();
    await watcher.close();
  }
}

class StartError extends Error {}

let run: Awaited<ReturnType<typeof measure>>;
try {
  run = await measure();
} catch (error) {
  await world.close().catch(() => undefined);
  const what = error instanceof StartError ? error.message : `the run failed: ${(error as Error).stack}`;
  console.error(`bench:probe: ${what}`);
  process.exit(2);
}
const logged = new Map(
  world
    .inboxLog(world.domains.agency)
    .filter((d) => d.user === agency.address && d.mailbox === 'INBOX')
    .map((d) => [normalizeMessageId(d.messageId), d.at.getTime()]),
);
await world.close();

interface Timed {
  readonly probe: Probe;
  readonly acceptedAt: number;
  readonly loggedAt: number | undefined;
  readonly idleAt: number | undefined;
  readonly polledAt: number | undefined;
}
const timed: Timed[] = run.probes.flatMap((probe) => {
  if (!probe.submission.ok) return [];
  const id = normalizeMessageId(probe.submission.messageId);
  return [
    {
      probe,
      acceptedAt: probe.submission.acceptedAt.getTime(),
      loggedAt: logged.get(id),
      idleAt: probe.idle?.seenAt.getTime(),
      polledAt: run.polled.get(id),
    },
  ];
});

const inLog = timed.filter((t) => t.loggedAt !== undefined);
const difference = (at: (t: Timed) => number | undefined) =>
  summarise(inLog.flatMap((t) => (at(t) === undefined ? [] : [at(t)! - t.loggedAt!])));
const toInbox = (at: (t: Timed) => number | undefined) =>
  summarise(timed.flatMap((t) => (at(t) === undefined ? [] : [at(t)! - t.acceptedAt])));
const cells = (s: Summary | null) => (s ? [s.p50, s.p99, s.max].map((x) => x.toFixed(0)) : ['–', '–', '–']);
const idleDiff = difference((t) => t.idleAt);
const pollDiff = difference((t) => t.polledAt);
const seconds = PERIOD_MS / 1000;

console.log(
  `bench:probe — ${PROBES} probes ${outside.address} → ${agency.address} over the delivery test world, ` +
    `sent over one ${seconds} s polling period; run ${(run.wallMs / 1000).toFixed(1)} s, ` +
    `${run.polls} polls (Node ${process.version})`,
);
console.log(
  "clocks: one machine; server times from Dovecot's log (`saved mail to INBOX`, to the ms), bot times " +
    'from Date.now()\n',
);
console.log(
  renderTable(
    ['method', 'n', 'seen−log p50', 'p99', 'max', 'to inbox p50', 'p99', 'max'],
    [
      ['server log (Dovecot)', String(inLog.length), '', '', '', ...cells(toInbox((t) => t.loggedAt))],
      ['IDLE (RFC 2177)', String(idleDiff?.n ?? 0), ...cells(idleDiff), ...cells(toInbox((t) => t.idleAt))],
      [
        `polling ${seconds} s`,
        String(pollDiff?.n ?? 0),
        ...cells(pollDiff),
        ...cells(toInbox((t) => t.polledAt)),
      ],
    ],
  ),
);
console.log(
  '\nms; seen−log: when the bot saw the message minus when Dovecot logged it; to inbox: from the ' +
    'submission server accepting DATA to logged (server) or seen (bot); nearest-rank percentiles ' +
    (inLog.length <= 100 ? `(with ${inLog.length} probes p99 is the slowest)` : ''),
);

if (args.detail) {
  const ms = (x: number | undefined, from: number | undefined) =>
    x === undefined || from === undefined ? '–' : (x - from).toFixed(0);
  console.log(
    `\n${renderTable(
      ['probe', 'sent at s', 'accept→log', 'IDLE−log', 'poll−log'],
      timed.map((t) => [
        t.probe.probeId,
        (t.probe.offsetMs / 1000).toFixed(1),
        ms(t.loggedAt, t.acceptedAt),
        ms(t.idleAt, t.loggedAt),
        ms(t.polledAt, t.loggedAt),
      ]),
    )}`,
  );
}

const lost = [
  ...run.probes.flatMap((p) =>
    p.submission.ok
      ? []
      : [`${p.probeId}: submission ${p.submission.failure} ${p.submission.response ?? ''}`],
  ),
  ...timed.flatMap((t) => (t.loggedAt === undefined ? [`${t.probe.probeId}: not in Dovecot's log`] : [])),
  ...timed.flatMap((t) =>
    t.idleAt === undefined
      ? [`${t.probe.probeId}: not seen by IDLE${run.lost ? ` (session lost: ${run.lost})` : ''}`]
      : [],
  ),
  ...timed.flatMap((t) =>
    t.polledAt === undefined
      ? [
          `${t.probe.probeId}: not seen by polling${run.pollErrors.length ? ` (${run.pollErrors.at(-1)})` : ''}`,
        ]
      : [],
  ),
];
const met = idleDiff !== null && idleDiff.p99 <= TARGET_P99_MS;
console.log(
  `\ntarget p99 (IDLE seen − server logged) ≤ ${TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'}` +
    (idleDiff ? ` (p99 ${idleDiff.p99.toFixed(0)} ms)` : ''),
);
if (!met && idleDiff && idleDiff.p50 >= 450) {
  console.log(
    'note: Dovecot 2.3 sends EXISTS to IDLE clients 500 ms after the mailbox changed (NOTIFY_DELAY_MSECS, ' +
      "src/lib-storage/mailbox-watch.c); the watcher's own share is IDLE − log − 500 ms",
  );
}
if (lost.length > 0) {
  console.error(`\nPROBES LOST (${lost.length}):\n  ${lost.join('\n  ')}`);
  process.exitCode = 1;
}
