// `npm run bench:decisions`: throughput and latency of a full decision transaction (state with version
// check, form section, audit hash chain, outbox rows, idempotency key) on the embedded PGlite and on
// PostgreSQL, at concurrency 1 and 16. Prints a table; no assertions (targets are read, not tested).
//
//   MAILOPS_BENCH_TICKETS   tickets per run (default 1000)
//   MAILOPS_BENCH_PG_URL    PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/postgres)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { Directory } from '../src/directory/directory.ts';
import { createLogger } from '../src/log.ts';
import { createTicketService } from '../src/tickets/ticket-service.ts';

const TICKETS = Number(process.env.MAILOPS_BENCH_TICKETS ?? 1000);
const PG_URL = process.env.MAILOPS_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const logger = createLogger({ level: 'error' });

const directory = new Directory(
  [
    { id: 'req', name: 'Aminah binti Ali', locale: 'ms', roles: ['requester'], identities: { local: 'req' } },
    { id: 'apr', name: 'Siti (JDN)', locale: 'ms', roles: ['approver'], identities: { local: 'apr' } },
  ],
  { local: { approvals: 'approvals', soc: 'soc', announcements: 'announcements' } },
  'ms',
);
const form = {
  requester: {
    name: 'Aminah binti Ali',
    unit: 'BPM, KPM',
    contactNumber: '03-8000 8000',
    email: 'aminah@moe.gov.my',
  },
  requestType: 'add',
  requestedAt: '2026-12-01T09:00:00+08:00',
  description: 'Tambah rakan.edu.my ke senarai putih anti-spam.',
  impactIfNotImplemented: 'E-mel rakan kongsi ditanda sebagai spam.',
};

async function timed(count: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t0 = performance.now();
        await op(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { perSecond: count / seconds, p50: pct(50), p99: pct(99) };
}

async function run(label: string, database: Database) {
  await applyMigrations(database, { logger });
  const tickets = createTicketService({
    db: database.prisma,
    directory,
    platforms: ['local'],
    logger,
    clock: { now: () => new Date() },
    slaDueAt: () => null,
  });
  const requester = directory.actor('req');
  const approver = directory.actor('apr');
  const rows: string[][] = [];
  for (const concurrency of [1, 16]) {
    const numbers: string[] = [];
    const opened = await timed(TICKETS, concurrency, async (i) => {
      const r = await tickets.submit(
        { type: 'submit_change_request', form, endorsementRequired: false },
        requester,
        `${label}-${concurrency}-open-${i}`,
      );
      if (r.status !== 'applied') throw new Error(`submit refused: ${JSON.stringify(r)}`);
      numbers[i] = r.ticket.number;
    });
    const approved = await timed(TICKETS, concurrency, async (i) => {
      const r = await tickets.act(
        numbers[i]!,
        { type: 'approve', sectionC: { comments: 'Diluluskan.' } },
        approver,
        `${label}-${concurrency}-approve-${i}`,
      );
      if (r.status !== 'applied') throw new Error(`approve refused: ${JSON.stringify(r)}`);
    });
    for (const [what, r] of [
      ['open (submit)', opened],
      ['decide (approve)', approved],
    ] as const) {
      rows.push([
        label,
        what,
        String(concurrency),
        r.perSecond.toFixed(1),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
      ]);
    }
  }
  return rows;
}

async function withPostgres<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const name = `mailops_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: tmpdir(), logger });
  try {
    return await fn(db);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function withPglite<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailops-bench-'));
  const db = await openDatabase({ dataDir, logger });
  try {
    return await fn(db);
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows = [
  ...(await withPglite((db) => run('PGlite', db))),
  ...(await withPostgres((db) => run('PostgreSQL', db))),
];
const headers = ['database', 'transaction', 'concurrency', 'per second', 'p50 ms', 'p99 ms'];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
console.log(`Decision transactions, ${TICKETS} tickets per run (Node ${process.version})\n`);
console.log(line(headers));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
