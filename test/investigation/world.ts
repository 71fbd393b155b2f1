import { expect } from 'vitest';
import { createInvestigationWorker } from '../../src/investigation/worker.ts';
import type { DomainChecks } from '../../src/mail/domain-checks.ts';
import type { Finding } from '../../src/mail/types.ts';
import { complaintForm } from '../flows/fixtures.ts';
import type { TestDatabase } from '../support/databases.ts';
import { createHarness } from '../support/harness.ts';
import type { Delivery } from '../support/memory-platform.ts';
import { fakeChecks } from './fixtures.ts';

// The ticket service, dispatcher and in-memory platform of test/support/harness.ts with investigation
// workers beside them, as `mailops serve` runs them (one per replica), and a fake at the checks port.

export const LEASE_MS = 60_000;

type CardDelivery = Extract<Delivery, { op: 'post' | 'update' }>;

type Script = Parameters<typeof fakeChecks>[0];

export function investigationWorld(db: TestDatabase, script: Script) {
  const h = createHarness(db);
  const fake = fakeChecks(script);
  const prisma = db.prisma;
  /** A replica's worker; each may be given checks of its own. */
  const worker = (checks: DomainChecks = fake.checks) =>
    createInvestigationWorker({
      db: prisma,
      tickets: h.tickets,
      checks,
      clock: h.clock,
      logger: h.logger,
      leaseMs: LEASE_MS,
      maxAttempts: 2,
      retryDelayMs: 1000,
    });

  async function openComplaint(overrides: Record<string, unknown> = {}) {
    const opened = await h.tickets.submit(
      { type: 'submit_complaint', complaint: complaintForm(overrides) },
      h.actorFor('submit_complaint'),
      `submit-${crypto.randomUUID()}`,
    );
    if (opened.status !== 'applied') throw new Error(`submit: ${JSON.stringify(opened)}`);
    return opened.ticket;
  }

  const cardDeliveries = () =>
    h.memory.deliveries.filter((d): d is CardDelivery => d.op === 'post' || d.op === 'update');

  return {
    h,
    fake,
    worker,
    openComplaint,
    runsOf: (ticketId: string) =>
      prisma.mailtestRun.findMany({ where: { ticketId }, orderBy: [{ startedAt: 'asc' }, { id: 'asc' }] }),
    recorded: (ticketId: string) =>
      prisma.auditEvent.findMany({
        where: { ticketId, type: 'ad.investigation_recorded' },
        orderBy: { seq: 'asc' },
      }),
    /** Every ticket card the platform was shown, posted or updated, in order. */
    cardDeliveries,
    /** The last version of each card of the ticket the platform was shown, by card kind. */
    lastCards(number: string) {
      return new Map(
        cardDeliveries()
          .filter((d) => d.card.ticketNumber === number)
          .map((d) => [d.card.card, d]),
      );
    },
    async stateOf(ticketId: string) {
      return (await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).state;
    },
  };
}

export const checksOf = (findings: unknown): string[] =>
  (findings as Finding[]).map((f) => `${f.check}:${f.verdict}${f.subject ? `:${f.subject}` : ''}`);

/** Earlier tests' jobs stay in the suite's database; none of them may be due for the next test. */
export async function settleEarlierJobs(db: TestDatabase): Promise<void> {
  await db.prisma.mailtestRun.updateMany({ data: { leaseUntil: null } });
  expect(await db.prisma.mailtestRun.count({ where: { leaseUntil: { not: null } } })).toBe(0);
}
