import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

// Prometheus metrics for the operator (/metrics). Names follow the Prometheus naming guide: a `mailops_`
// prefix, base units, `_total` for counters.

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mailops_' });
  return {
    registry,
    decisions: new Counter({
      name: 'mailops_decisions_total',
      help: 'Ticket actions by outcome (applied, refused, already_done, not_found).',
      labelNames: ['action', 'outcome'] as const,
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'mailops_outbox_deliveries_total',
      help: 'Outbox deliveries by platform, kind and result (sent, retry, dead).',
      labelNames: ['platform', 'kind', 'result'] as const,
      registers: [registry],
    }),
    outboxPending: new Gauge({
      name: 'mailops_outbox_pending',
      help: 'Outbox messages not yet delivered.',
      registers: [registry],
    }),
    checklistLastOk: new Gauge({
      name: 'mailops_checklist_last_ok_fire_timestamp_seconds',
      help: 'When the latest daily checklist fire that finished ok was due, by schedule (circular 4(c), 4(h)): alert when it is over a day old.',
      labelNames: ['schedule'] as const,
      registers: [registry],
    }),
    databaseSize: new Gauge({
      name: 'mailops_database_size_bytes',
      help: "mailops' database on disk (pg_database_size). Once the daily clean-up has run for the retention period it stays about level: a steady rise means it is not running.",
      registers: [registry],
    }),
    firesInterrupted: new Gauge({
      name: 'mailops_scheduler_fires_interrupted',
      help: 'Scheduled fires whose replica stopped before finishing them (lease ended), not yet taken over.',
      registers: [registry],
    }),
    mailtestRunsInterrupted: new Counter({
      name: 'mailops_mailtest_runs_interrupted_total',
      help: '/mailtest runs this process found left behind by a process that died (killed, crashed, power lost).',
      registers: [registry],
    }),
    schedulerRuns: new Counter({
      name: 'mailops_scheduler_runs_total',
      help: 'Scheduled task runs this process won, by task and status.',
      labelNames: ['task', 'status'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
