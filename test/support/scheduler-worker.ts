// A scheduler process for the "two replicas on one PostgreSQL" test: fires the same scheduled times as its
// sibling, through the real coordinator, and prints which fires it won. Run with Node 24 (type stripping).
import { openDatabase } from '../../src/db/database.ts';
import { createLogger } from '../../src/log.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';

const [url, owner, count] = process.argv.slice(2);
if (!url || !owner || !count) throw new Error('usage: scheduler-worker <url> <owner> <count>');
const logger = createLogger({ level: 'error' });
const db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', logger });
const won: string[] = [];
const task = {
  name: 'escalate-overdue',
  expression: '*/5 * * * *',
  run: async (fireAt: Date) => {
    won.push(fireAt.toISOString());
    // Long enough that the sibling's fire of the same time arrives while this one runs.
    await new Promise((r) => setTimeout(r, 20));
    return { owner };
  },
};
const scheduler = createScheduler({ db: db.prisma, owner, logger, tasks: [task] });
const base = Date.parse('2026-01-05T00:00:00Z');
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    scheduler.fire(task, new Date(base + i * 300_000 + (i % 7))),
  ),
);
await db.close();
process.stdout.write(`${JSON.stringify(won)}\n`);
