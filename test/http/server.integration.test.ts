import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthRoutes } from '../../src/http/health.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { createHttpServer, listen, type Route } from '../../src/http/server.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';

// The HTTP endpoints an operator and a load balancer see, on a real socket against a real database:
// /healthz follows the database, /metrics is Prometheus text, and a fault is a 500 with a reference id
// that leads to the log line, never a stack trace on the wire.

const VERSION = '9.9.9-test';

async function start(db: TestDatabase, extraRoutes: readonly Route[] = []) {
  const logger = createMemoryLogger();
  const metrics = createMetrics();
  const routes = [
    ...healthRoutes(db.prisma, metrics, { version: VERSION, database: db.kind }),
    ...extraRoutes,
  ];
  const server = await listen(createHttpServer(routes, logger), 0, '127.0.0.1');
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
  return { server, logger, metrics, url };
}

describeEachDatabase('HTTP server', (suite) => {
  describe('with the database up', () => {
    let db: TestDatabase;
    let app: Awaited<ReturnType<typeof start>>;
    const secretDetail = 'password authentication failed for user mailops at /srv/mailops/secret.ts:12';

    beforeAll(async () => {
      db = await suite.create();
      app = await start(db, [
        {
          method: 'GET',
          path: '/explode',
          handler: () => {
            throw new Error(secretDetail);
          },
        },
        {
          method: 'POST',
          path: '/explode-later',
          handler: async () => {
            await Promise.resolve();
            throw new TypeError(secretDetail);
          },
        },
        {
          method: 'GET',
          path: '/explode-mid-stream',
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.write('partial');
            throw new Error(secretDetail);
          },
        },
      ]);
    });

    afterAll(async () => {
      await app?.server.close();
      await db?.cleanup();
    });

    it('listens on the port the OS chose when asked for port 0', () => {
      expect(app.server.port).toBeGreaterThan(0);
    });

    it('answers /healthz with 200 and JSON naming the database and version', async () => {
      const res = await fetch(app.url('/healthz'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({
        status: 'ok',
        version: VERSION,
        database: suite.kind === 'pglite' ? 'pglite' : 'postgres',
      });
    });

    it('answers /healthz with a query string like /healthz', async () => {
      const res = await fetch(app.url('/healthz?probe=lb'));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok' });
    });

    it('serves /metrics as Prometheus text declaring the outbox and decision metrics', async () => {
      const res = await fetch(app.url('/metrics'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const body = await res.text();
      expect(body).toContain('# TYPE mailops_outbox_pending gauge');
      expect(body).toContain('# TYPE mailops_decisions_total counter');
      expect(body).toContain('# TYPE mailops_mailtest_runs_interrupted_total counter');
      expect(body).toMatch(/^mailops_outbox_pending 0$/m);
      // The database's size, for an alert on a disk that keeps filling (README, Disk).
      const size = Number(/^mailops_database_size_bytes (\d+)$/m.exec(body)?.[1]);
      expect(size).toBeGreaterThan(1_000_000);
    });

    it('reports on /metrics how many outbox messages are waiting, counted when scraped', async () => {
      await db.prisma.outboxMessage.createMany({
        data: [
          { platform: 'slack', kind: 'text', payload: {} },
          { platform: 'teams', kind: 'text', payload: {} },
          { platform: 'slack', kind: 'text', payload: {}, status: 'sent' },
        ],
      });
      const body = await (await fetch(app.url('/metrics'))).text();
      expect(body).toMatch(/^mailops_outbox_pending 2$/m);
    });

    it('reports on /metrics when the last good checklist fire of each schedule was due, and fires left unfinished', async () => {
      const fire = (task: string, fireAt: string, status: string, leaseUntil: Date | null = null) =>
        db.prisma.schedulerRun.create({
          data: { task, fireAt: new Date(fireAt), owner: 'replica-a', status, leaseUntil },
        });
      await fire('daily-checklist@30 7 * * *', '2026-11-25T23:30:00Z', 'ok');
      await fire('daily-checklist@30 7 * * *', '2026-11-26T23:30:00Z', 'ok');
      await fire('daily-checklist@30 7 * * *', '2026-11-27T23:30:00Z', 'failed');
      await fire('daily-checklist@manual', '2026-11-27T02:00:00Z', 'ok');
      // A replica died in this one: its lease ended and nobody has taken it over yet.
      await fire(
        'daily-checklist@0 8 * * *',
        '2026-11-28T00:00:00Z',
        'running',
        new Date(Date.now() - 60_000),
      );
      await fire('escalate-overdue', '2026-11-28T00:05:00Z', 'running', new Date(Date.now() + 60_000));
      // Left running by a crash before leases existed: history shows it, an alert never could clear it.
      await fire('escalate-overdue', '2026-10-01T00:05:00Z', 'running');
      const body = await (await fetch(app.url('/metrics'))).text();
      expect(body).toContain('# TYPE mailops_checklist_last_ok_fire_timestamp_seconds gauge');
      const seconds = (iso: string) => Date.parse(iso) / 1000;
      expect(body).toMatch(
        new RegExp(
          `^mailops_checklist_last_ok_fire_timestamp_seconds\\{schedule="30 7 \\* \\* \\*"\\} ${seconds('2026-11-26T23:30:00Z')}$`,
          'm',
        ),
      );
      expect(body).toContain(
        `mailops_checklist_last_ok_fire_timestamp_seconds{schedule="manual"} ${seconds('2026-11-27T02:00:00Z')}`,
      );
      expect(body).not.toContain('schedule="0 8 * * *"');
      expect(body).toMatch(/^mailops_scheduler_fires_interrupted 1$/m);
    });

    it('answers an unknown path with 404 JSON', async () => {
      const res = await fetch(app.url('/nope'));
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'not found' });
    });

    it('answers a known path with the wrong method with 405 JSON', async () => {
      const res = await fetch(app.url('/healthz'), { method: 'POST', body: '{}' });
      expect(res.status).toBe(405);
      expect(await res.json()).toEqual({ error: 'method not allowed' });
    });

    it('turns a throwing handler into a 500 with a reference id that is in the log, and no error detail', async () => {
      const before = app.logger.lines.length;
      const res = await fetch(app.url('/explode'));
      expect(res.status).toBe(500);
      const text = await res.text();
      const body = JSON.parse(text) as { error: string; reference: string };
      expect(Object.keys(body).sort()).toEqual(['error', 'reference']);
      expect(body.error).toBe('internal error');
      expect(body.reference).toMatch(/^[0-9a-f]{8}$/);
      expect(text).not.toContain('password');
      expect(text).not.toContain('secret.ts');
      expect(text).not.toMatch(/\bat /);

      const logged = app.logger.lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
      const line = logged.find((l) => l.reference === body.reference);
      expect(line).toMatchObject({ level: 'error', path: '/explode' });
      expect(line?.error).toEqual({ name: 'Error', message: secretDetail });
    });

    it('gives each failure its own reference id, also for a handler that rejects asynchronously', async () => {
      const first = (await (await fetch(app.url('/explode-later'), { method: 'POST' })).json()) as {
        reference: string;
      };
      const second = (await (await fetch(app.url('/explode-later'), { method: 'POST' })).json()) as {
        reference: string;
      };
      expect(first.reference).toMatch(/^[0-9a-f]{8}$/);
      expect(second.reference).toMatch(/^[0-9a-f]{8}$/);
      expect(first.reference).not.toBe(second.reference);
      for (const reference of [first.reference, second.reference]) {
        expect(app.logger.lines.some((l) => l.includes(`"reference":"${reference}"`))).toBe(true);
      }
    });

    it('ends a response whose handler failed after it started writing, instead of leaving it hanging', async () => {
      const res = await fetch(app.url('/explode-mid-stream'), { signal: AbortSignal.timeout(5_000) });
      expect(res.status).toBe(200);
      const text = await res.text().catch(() => '');
      expect(text).not.toContain('password');
      expect(app.logger.lines.some((l) => l.includes('"path":"/explode-mid-stream"'))).toBe(true);
    });
  });

  describe('with the database closed', () => {
    let db: TestDatabase;
    let app: Awaited<ReturnType<typeof start>>;

    beforeAll(async () => {
      db = await suite.create();
      app = await start(db);
      await db.close();
    });

    afterAll(async () => {
      await app?.server.close();
      await db?.cleanup();
    });

    it('answers /healthz with 503 so a load balancer stops sending work', async () => {
      const res = await fetch(app.url('/healthz'));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'unavailable',
        version: VERSION,
        database: suite.kind === 'pglite' ? 'pglite' : 'postgres',
      });
    });
  });
});
