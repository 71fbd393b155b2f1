import { databaseSize } from '../db/reclaim.ts';
import type { Db } from '../db/types.ts';
import { schedulerHealth } from '../scheduler/checklist-history.ts';
import type { Metrics } from './metrics.ts';
import { type Route, sendJson } from './server.ts';

// /healthz answers 200 only when the database answers: a load balancer should stop sending work to a
// replica that cannot record decisions. /metrics refreshes the outbox, scheduler and database size gauges on
// scrape, from the database, so every replica reports the same.

export function healthRoutes(db: Db, metrics: Metrics, info: { version: string; database: string }): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handler: async (_req, res) => {
        try {
          await db.$queryRaw`SELECT 1`;
          sendJson(res, 200, { status: 'ok', version: info.version, database: info.database });
        } catch {
          sendJson(res, 503, { status: 'unavailable', version: info.version, database: info.database });
        }
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async (_req, res) => {
        metrics.outboxPending.set(await db.outboxMessage.count({ where: { status: 'pending' } }));
        const fires = await schedulerHealth(db);
        metrics.checklistLastOk.reset();
        for (const { schedule, fireAt } of fires.lastOk)
          metrics.checklistLastOk.set({ schedule }, fireAt.getTime() / 1000);
        metrics.firesInterrupted.set(fires.interrupted);
        metrics.databaseSize.set(await databaseSize(db));
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(body);
      },
    },
  ];
}
