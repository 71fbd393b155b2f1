// `npm run bench:mailtest`: one /mailtest run of `bench.test` (two MX hosts, one of them dead: it accepts and
// never speaks), every DNS answer delayed, measured against the run's critical path and against the same
// checks run one after another (every question and probe waiting for the one before). Targets (issue 5): wall / critical path ≤ 1.2, ≥ 5× faster than sequential,
// never over 15 s. Prints a table; no assertions, exit code 0 even when a target is missed.
//
// Critical path: every DNS question, SMTP session and HTTPS connection of a run is recorded with its start
// and end. Each is placed at the earliest time its parents' earliest ends allow (an ideal scheduler with the
// measured durations); its parents are the operations whose answers gave it the name or address it asks
// (bench/support/critical-path.ts has the rules). The latest end is the critical path; its chain is printed.
//
//   --delay-ms N     delay of every DNS answer (default 50)
//   --timeout-ms N   settings.timeoutMs: each SMTP wait and the policy fetch (default 2000)
//   --runs N         measured runs of each kind after one warm-up; medians are shown (default 5)
//   --all-alive      the second MX answers too: shows the waits a dead host's timeout hides

import { parseArgs } from 'node:util';
import { checkDkim } from '../src/mail/dkim.ts';
import { checkDmarc } from '../src/mail/dmarc.ts';
import { checkDns, type MxHost } from '../src/mail/dns-checks.ts';
import { checkDnsbl } from '../src/mail/dnsbl.ts';
import { type MailtestSettings, runMailtest, sortFindings } from '../src/mail/mailtest.ts';
import { checkMtaSts } from '../src/mail/mta-sts.ts';
import { mxTlsFindings, type ProbedAddress } from '../src/mail/mta-sts-mx-tls.ts';
import { withCache } from '../src/mail/resolver.ts';
import { probeSmtp } from '../src/mail/smtp-probe.ts';
import { checkSpf } from '../src/mail/spf.ts';
import { createTargetPolicy } from '../src/mail/target-policy.ts';
import type { DnsClient, Finding } from '../src/mail/types.ts';
import { type CriticalPath, criticalPath, label } from './support/critical-path.ts';
import { DKIM_SELECTOR, DNSBL_ZONES, DOMAIN, Recorder, startBenchWorld } from './support/mail-bench-world.ts';

const { values: args } = parseArgs({
  options: {
    'delay-ms': { type: 'string', default: '50' },
    'timeout-ms': { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
    'all-alive': { type: 'boolean', default: false },
  },
});
const DELAY_MS = Number(args['delay-ms']);
const TIMEOUT_MS = Number(args['timeout-ms']);
const RUNS = Math.max(1, Number(args.runs));
const TARGET = { ratio: 1.2, speedUp: 5, wallMs: 15_000 };

const world = await startBenchWorld({ delayMs: DELAY_MS, allAlive: args['all-alive'] });
const settings: MailtestSettings = {
  dnsblZones: DNSBL_ZONES,
  dkimSelectors: [DKIM_SELECTOR],
  heloName: 'mailtest.mailops.invalid',
  relaySender: 'postmaster@example.com',
  relayRecipient: 'relay-test@example.net',
  timeoutMs: TIMEOUT_MS,
  ca: [world.ca],
};
const target = createTargetPolicy(['127.0.0.0/8']);

interface Run {
  readonly wall: number;
  readonly findings: readonly Finding[];
}

interface ParallelRun extends Run {
  readonly path: CriticalPath;
  readonly counts: Readonly<Record<string, number>>;
  /** Every recorded operation's duration added up: the run with nothing at all overlapping. */
  readonly serial: number;
}

async function parallelRun(): Promise<ParallelRun> {
  const recorder = world.record(new Recorder())!;
  const started = performance.now();
  const findings = await runMailtest({
    domain: DOMAIN,
    dns: world.dns,
    target,
    settings,
    ports: world.ports,
  });
  const wall = performance.now() - started;
  world.record(null);
  // The servers see the last sessions close a moment after the client let go.
  await world.idle();
  const ops = recorder.operations;
  const counts: Record<string, number> = {};
  for (const op of ops) {
    const kind = op.kind === 'smtp' || op.kind === 'https' ? op.kind : 'dns';
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  const serial = ops.reduce((sum, op) => sum + op.end - op.start, 0);
  const path = criticalPath(ops, { domain: DOMAIN, dnsblZones: DNSBL_ZONES });
  return { wall, findings, path, counts, serial };
}

/**
 * A resolver that asks one question at a time, as a check-by-check script would: each question waits for
 * the answer to the one before, whichever check asked it.
 */
function oneAtATime(dns: DnsClient): DnsClient {
  let queue: Promise<unknown> = Promise.resolve();
  const serial =
    <A extends unknown[], R>(ask: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const answer = queue.then(() => ask(...args));
      queue = answer.catch(() => undefined);
      return answer;
    };
  return {
    a: serial((n: string) => dns.a(n)),
    aaaa: serial((n: string) => dns.aaaa(n)),
    mx: serial((n: string) => dns.mx(n)),
    txt: serial((n: string) => dns.txt(n)),
    cname: serial((n: string) => dns.cname(n)),
    ptr: serial((n: string) => dns.ptr(n)),
  };
}

/**
 * The same checks as runMailtest run one after another: each check awaited before the next starts, every
 * DNS question after the answer to the one before, one SMTP probe after the other.
 */
async function sequentialRun(): Promise<Run> {
  const dns = withCache(oneAtATime(world.dns));
  const found: Finding[] = [];
  const started = performance.now();
  const { findings, mxHosts } = await checkDns(dns, DOMAIN);
  found.push(...findings);
  found.push(...(await checkDmarc(dns, DOMAIN)));
  found.push(...(await checkDkim(dns, DOMAIN, { configured: settings.dkimSelectors, learned: [] })));
  found.push(...(await checkSpf(dns, DOMAIN, mxHosts, { evaluationTimeoutMs: settings.timeoutMs * 2 })));
  const mtaSts = await checkMtaSts(
    dns,
    DOMAIN,
    mxHosts.map((h) => h.exchange),
    { ca: [world.ca], timeoutMs: settings.timeoutMs, target, port: world.ports.mtaSts },
  );
  found.push(...mtaSts);
  const addresses = [...new Set(mxHosts.flatMap((h) => h.addresses))];
  found.push(...(await checkDnsbl(dns, addresses, settings.dnsblZones)));
  const probed: ProbedAddress[] = [];
  for (const host of mxHosts) {
    for (const address of host.addresses) {
      const findings = await probe(dns, host, address);
      found.push(...findings);
      probed.push({ host: host.exchange, address, findings });
    }
  }
  found.push(...mxTlsFindings(mtaSts, probed));
  const wall = performance.now() - started;
  await world.idle();
  return { wall, findings: sortFindings(found) };
}

/** What runMailtest's probe() does for one MX address (src/mail/mailtest.ts). */
async function probe(dns: DnsClient, host: MxHost, address: string): Promise<Finding[]> {
  const ptr = await dns.ptr(address);
  return probeSmtp({
    address,
    host: host.exchange,
    domain: DOMAIN,
    ...(ptr.ok
      ? { ptrNames: ptr.records }
      : ptr.failure === 'nxdomain' || ptr.failure === 'nodata'
        ? { ptrNames: [] }
        : {}),
    heloName: settings.heloName,
    outsideSender: settings.relaySender,
    outsideRecipient: settings.relayRecipient,
    ca: [world.ca],
    port: world.ports.smtp,
    timeouts: {
      connect: TIMEOUT_MS,
      banner: TIMEOUT_MS,
      reply: TIMEOUT_MS,
      tls: TIMEOUT_MS,
      quit: Math.min(5000, TIMEOUT_MS),
    },
  });
}

const verdicts = (findings: readonly Finding[]) =>
  findings
    .map((f) => `${f.check} ${f.verdict} ${f.subject ?? ''}`)
    .sort()
    .join('\n');

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

await parallelRun(); // warm-up: module code, TLS contexts, JIT
const parallel: ParallelRun[] = [];
const sequential: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  parallel.push(await parallelRun());
  sequential.push(await sequentialRun());
}
await world.close();

const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const wall = median(parallel.map((r) => r.wall));
const slowest = Math.max(...parallel.map((r) => r.wall));
const path = median(parallel.map((r) => r.path.length));
const ratio = median(parallel.map((r) => r.wall / r.path.length));
const seq = median(sequential.map((r) => r.wall));
const speedUp = seq / wall;
const sameFindings = [...parallel, ...sequential].every(
  (r) => verdicts(r.findings) === verdicts(parallel[0]!.findings),
);

const rows: string[][] = [
  ['wall time, parallel (median)', ms(wall), '', ''],
  [
    'wall time, parallel (slowest run)',
    ms(slowest),
    `≤ ${ms(TARGET.wallMs)}`,
    verdict(slowest <= TARGET.wallMs),
  ],
  ['critical path (median)', ms(path), '', ''],
  [
    'ratio wall / critical path (median)',
    ratio.toFixed(3),
    `≤ ${TARGET.ratio}`,
    verdict(ratio <= TARGET.ratio),
  ],
  ['wall time, sequential (median)', ms(seq), '', ''],
  [
    'speed-up sequential / parallel',
    `${speedUp.toFixed(2)}×`,
    `≥ ${TARGET.speedUp}×`,
    verdict(speedUp >= TARGET.speedUp),
  ],
  [
    'every operation one after another (sum)',
    ms(median(parallel.map((r) => r.serial))),
    '',
    'not run: recorded durations added',
  ],
  ['ceiling: sequential / critical path', `${(seq / path).toFixed(2)}×`, '', 'best any schedule gets'],
];
const headers = ['measure', 'value', 'target', 'result'];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) =>
  cells
    .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();

const dead = world.deadAddress ? `${world.deadAddress} dead` : 'both alive';
console.log(
  `/mailtest ${DOMAIN}: 2 MX hosts (${dead}), DNS answers delayed ${DELAY_MS} ms, timeoutMs ${TIMEOUT_MS}, ` +
    `${RUNS} run${RUNS === 1 ? '' : 's'} of each after 1 warm-up (Node ${process.version})\n`,
);
console.log(line(headers));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));

// The run whose wall time is the median, read in detail.
const typical = [...parallel].sort((a, b) => a.wall - b.wall)[Math.floor((parallel.length - 1) / 2)]!;
const { counts } = typical;
console.log(
  `\nper run: ${counts.dns ?? 0} DNS questions, ${counts.smtp ?? 0} SMTP sessions, ${counts.https ?? 0} HTTPS ` +
    `fetch; same findings in every run, parallel and sequential: ${sameFindings ? 'yes' : 'NO'}`,
);
const cells = (name: string, a: string, b: string, c: string) =>
  `  ${name.padEnd(40)}${a.padStart(9)}${b.padStart(9)}${c.padStart(7)}`;
console.log(`\ncritical path of the median run (ms):\n${cells('operation', 'earliest', 'started', 'took')}`);
for (const step of typical.path.chain) {
  const op = step.operation;
  console.log(
    cells(label(op), step.earliest.toFixed(0), op.start.toFixed(0), (op.end - op.start).toFixed(0)),
  );
}
const lastOp = typical.path.chain.at(-1)!;
console.log(
  `  run returned at ${typical.wall.toFixed(0)}: ${(typical.wall - typical.path.length).toFixed(0)} ms over the path, ` +
    `of which ${(lastOp.operation.start - lastOp.earliest).toFixed(0)} ms before its last operation started`,
);

const late = typical.path.placed
  .map((p) => ({ p, by: p.operation.start - p.earliest }))
  .filter(({ by }) => by > 5)
  .sort((x, y) => y.by - x.by);
if (late.length > 0) {
  console.log(`\nstarted later than their data allowed (median run, ms; ${late.length} operations):`);
  console.log(cells('operation', 'earliest', 'started', 'late'));
  for (const { p, by } of late.slice(0, 12)) {
    console.log(
      cells(label(p.operation), p.earliest.toFixed(0), p.operation.start.toFixed(0), by.toFixed(0)),
    );
  }
}
if (typical.path.unexplained.length > 0) {
  console.log(
    `\nwarning: no earlier answer explains ${typical.path.unexplained.map(label).join(', ')} ` +
      '(bench/support/critical-path.ts lacks a dependency; they were placed at 0)',
  );
}
const missed = [
  slowest > TARGET.wallMs && 'wall ≤ 15 s',
  ratio > TARGET.ratio && 'ratio ≤ 1.2',
  speedUp < TARGET.speedUp && 'speed-up ≥ 5×',
];
const misses = missed.filter(Boolean);
console.log(misses.length > 0 ? `\nTARGETS MISSED: ${misses.join(', ')}` : '\nall targets met');
