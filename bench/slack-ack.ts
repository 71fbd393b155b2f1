// `npm run bench:slack-ack`: how fast mailops acknowledges `/changerequest` compared with a bare Bolt app
// that only acks, in the same run, on this machine: 500 signed requests at concurrency 50 each, p50/p99 of
// the HTTP answer, their ratio, and how many modals (views.open) reached Slack within the trigger's 3 s.
// Slack gives a slash command 3 s for its answer and a trigger_id 3 s for its modal. Each server, and the
// fake Slack Web API, runs in a process of its own, as in production; this process only sends requests.
// Prints a table; no assertions (targets: p99 ratio ≤ 1.3, 100 % of modals within 3 s).
//
//   MAILOPS_BENCH_REQUESTS (default 500), MAILOPS_BENCH_CONCURRENCY (default 50)
//   BENCH_DATABASE_URL   run mailops on this PostgreSQL instead of the embedded database
//   BENCH_NODE_OPTIONS   extra Node options for the mailops process (e.g. --cpu-prof --cpu-prof-dir=/tmp/p)
//   BENCH_TRACE=1        also print the slowest requests (start and latency, ms)

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/free-port.ts';
import { slackSignature } from '../test/support/slack/signed-client.ts';
import { slashCommand } from '../test/support/slack/slash-command.ts';
import { WORKSPACE } from '../test/support/slack/workspace.ts';

const REQUESTS = Number(process.env.MAILOPS_BENCH_REQUESTS ?? 500);
const CONCURRENCY = Number(process.env.MAILOPS_BENCH_CONCURRENCY ?? 50);
const WARM_UP = 100;

const trace: [number, number][] = [];

// The load generator is node:http on kept-alive connections, one per concurrent sender, not fetch: its
// own garbage collections and timers would otherwise show up in both servers' tails. Each request is
// built and signed before its clock starts, as Slack does before sending.
function signedCommand(i: number) {
  const payload = slashCommand({ command: '/changerequest', text: `bench ${i}`, user: { id: 'U0AMINAH' } });
  const fields = Object.entries(payload).filter((e): e is [string, string] => e[1] !== undefined);
  const body = new URLSearchParams(fields).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(WORKSPACE.signingSecret, timestamp, body),
    },
  };
}

function post(url: URL, agent: Agent, request: ReturnType<typeof signedCommand>) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: request.headers }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(request.body);
  });
}

// One pool of connections per server for the warm-up and the measured run, so that neither server is
// measured opening fifty connections at once.
const agents = new Map<string, Agent>();
async function fire(url: string, count: number) {
  const target = new URL(url);
  const agent = agents.get(url) ?? new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  agents.set(url, agent);
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const request = signedCommand(i);
        const t0 = performance.now();
        const status = await post(target, agent, request).catch(() => 0);
        const latency = performance.now() - t0;
        latencies.push(latency);
        if (process.env.BENCH_TRACE) trace.push([Math.round(t0), Math.round(latency)]);
        if (status !== 200) failed += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { p50: pct(50), p99: pct(99), failed };
}

/** Starts a child process and resolves with its first stdout line that satisfies `ready`. */
function spawnUntil(args: string[], env: Record<string, string>, ready: (line: string) => boolean) {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let buffer = '';
  const seen = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        lines.push(line);
        if (ready(line)) resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code} before it was ready`)));
  });
  return { child, lines, seen };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const fake = spawnUntil([here('./support/fake-slack-process.ts')], {}, (l) => l.startsWith('{"url"'));
const apiUrl = (JSON.parse(await fake.seen) as { url: string }).url;

const barePort = await freePort();
const bare = spawnUntil(
  [here('./support/bare-bolt-process.ts'), apiUrl, String(barePort)],
  {},
  (l) => l === 'ready',
);
await bare.seen;

const dir = mkdtempSync(join(tmpdir(), 'mailops-bench-slack-'));
writeFileSync(
  join(dir, 'mailops.yaml'),
  `people:
  - { id: aminah, name: Aminah binti Yusof, email: aminah@agensi.gov.my, unit: BPM, roles: [requester], slack: U0AMINAH }
  - { id: zulkifli, name: Zulkifli bin Hassan, email: zulkifli@jdn.gov.my, roles: [approver] }
  - { id: hafiz, name: Muhammad Hafiz, email: hafiz@soc.example, roles: [soc] }
  - { id: rahman, name: Abd Rahman, email: rahman@agensi.gov.my, roles: [manager] }
`,
);
const port = await freePort();
// mailops as `npm start` runs it, with Slack in HTTP mode.
const mailops = spawnUntil(
  [here('../src/cli/main.ts'), 'serve'],
  {
    MAILOPS_CONFIG: join(dir, 'mailops.yaml'),
    MAILOPS_DATA_DIR: join(dir, 'data'),
    MAILOPS_LOG_LEVEL: 'error',
    PORT: String(port),
    SLACK_BOT_TOKEN: WORKSPACE.botToken,
    SLACK_SIGNING_SECRET: WORKSPACE.signingSecret,
    SLACK_API_URL: apiUrl,
    MAILOPS_SCHEDULER: 'off',
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  },
  (l) => l.includes('http://127.0.0.1:'),
);
await mailops.seen;

const mailopsUrl = `http://127.0.0.1:${port}/slack/events`;
const bareUrl = `http://127.0.0.1:${barePort}/slack/events`;
await fire(bareUrl, WARM_UP);
await fire(mailopsUrl, WARM_UP);
const baseline = await fire(bareUrl, REQUESTS);
const measuredFrom = Date.now();
const ours = await fire(mailopsUrl, REQUESTS);
// The modals go out after the answer: give the last ones a moment to arrive before counting.
await new Promise((r) => setTimeout(r, 3000));

for (const agent of agents.values()) agent.destroy();
await stop(mailops.child);
await stop(bare.child);
await stop(fake.child);
rmSync(dir, { recursive: true, force: true });
const summary = JSON.parse(fake.lines.find((l) => l.startsWith('{"opens"')) ?? '{"opens":[]}') as {
  opens: { ok: boolean; mintedAt: number | null; at: number }[];
};
const measured = summary.opens.filter((o) => o.mintedAt !== null && o.mintedAt >= measuredFrom);
const inTime = measured.filter((o) => o.ok && o.at - (o.mintedAt ?? 0) <= 3000).length;
const slowestModal = Math.max(0, ...measured.map((o) => o.at - (o.mintedAt ?? o.at)));

if (process.env.BENCH_TRACE) {
  const slow = [...trace].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log('slowest (start ms, latency ms):', JSON.stringify(slow));
}
const rows = [
  ['bare Bolt (ack only)', baseline.p50.toFixed(1), baseline.p99.toFixed(1), String(baseline.failed), '-'],
  [
    'mailops',
    ours.p50.toFixed(1),
    ours.p99.toFixed(1),
    String(ours.failed),
    `${inTime}/${REQUESTS} (slowest ${slowestModal} ms)`,
  ],
];
console.log(
  `/changerequest acknowledgement, ${REQUESTS} signed requests at concurrency ${CONCURRENCY} (Node ${process.version})\n`,
);
const headers = ['server', 'p50 ms', 'p99 ms', 'non-200', 'views.open within 3 s'];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(line(headers));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
console.log(
  `\np99 ratio (mailops / bare Bolt): ${(ours.p99 / baseline.p99).toFixed(2)}   p50 ratio: ${(ours.p50 / baseline.p50).toFixed(2)}   modals in time: ${((100 * inTime) / REQUESTS).toFixed(1)} %`,
);
