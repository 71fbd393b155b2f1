import { DEFAULT_SLA_POLICY, dueAt, type SlaPolicy } from '../../flows/sla.ts';
import type { Actor, TicketActionType } from '../../flows/types.ts';
import { Directory, type Person } from '../../src/directory/directory.ts';
import { renderMessage } from '../../src/i18n/index.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { createDispatcher, type DispatcherOptions } from '../../src/outbox/dispatcher.ts';
import { buildChecklistReport } from '../../src/scheduler/checklist-report.ts';
import { escalateOverdue } from '../../src/scheduler/escalate-overdue.ts';
import { buildTicketCard } from '../../src/tickets/card-source.ts';
import { createTicketService, type TicketServiceOptions } from '../../src/tickets/ticket-service.ts';
import { createFakeClock } from '../../src/time.ts';
import {
  ACTOR_FOR,
  admin,
  approver,
  CALENDAR,
  desk,
  manager,
  NOW,
  requester,
  soc,
  VALID,
  vendor,
} from '../flows/fixtures.ts';
import type { TestDatabase } from './databases.ts';
import { createMemoryPlatform } from './memory-platform.ts';

// The ticket service, dispatcher, SLA task and an in-memory platform wired as `mailops serve` wires them, on
// a test database, with a fake clock and the people of the flow fixtures.

const asPerson = (a: Actor, locale: 'ms' | 'en' = 'ms'): Person => ({
  id: a.id,
  name: a.name,
  locale,
  roles: a.roles,
  identities: { memory: a.id },
});

export const PEOPLE: Person[] = [
  asPerson(requester),
  asPerson(manager, 'en'),
  asPerson(approver),
  { ...asPerson({ id: 'u-rosli', name: 'Rosli (JDN)', roles: ['approver'] }) },
  asPerson(soc),
  asPerson(vendor),
  asPerson(desk),
  asPerson(admin),
];

export function createHarness(
  db: TestDatabase,
  options: { failFirst?: number; onDecided?: TicketServiceOptions['onDecided']; reports?: boolean } = {},
) {
  const clock = createFakeClock(NOW);
  const logger = createMemoryLogger();
  const memory = createMemoryPlatform('memory', { reports: options.reports ?? false });
  const directory = new Directory(
    PEOPLE,
    { memory: { approvals: 'C-APPROVALS', soc: 'C-SOC', vendor: 'C-VENDOR', announcements: 'C-ANNOUNCE' } },
    'ms',
  );
  const target = { directory, platforms: ['memory'], logger };
  const tickets = createTicketService({
    ...target,
    db: db.prisma,
    clock,
    slaDueAt: (kind, state, at) => dueAt(kind, state as never, at, DEFAULT_SLA_POLICY, CALENDAR),
    ...(options.onDecided ? { onDecided: options.onDecided } : {}),
  });
  /** A dispatcher as mailops runs one; a test makes a second (another replica) with what it changes. */
  const makeDispatcher = (overrides: Partial<DispatcherOptions> = {}) =>
    createDispatcher({
      db: db.prisma,
      platforms: new Map([['memory', memory.platform]]),
      context: {
        renderText: (m, locale) => renderMessage(m, locale === 'en' ? 'en' : 'ms'),
        buildCard: (id, card) => buildTicketCard(db.prisma, directory, id, card, clock.now()),
        buildReport: (report) => buildChecklistReport(db.prisma, report),
      },
      clock,
      logger,
      retryWindowMs: 3_600_000,
      backoff: { baseDelayMs: 1000, maxDelayMs: 60_000 },
      ...overrides,
    });
  const dispatcher = makeDispatcher();
  if (options.failFirst)
    memory.failNext(...Array.from({ length: options.failFirst }, () => ({ kind: 'transient' as const })));
  /** The actor the fixtures name for an action, looked up in the directory like an adapter would. */
  const actorFor = (type: keyof typeof ACTOR_FOR) => directory.actor(ACTOR_FOR[type].id);
  /** One run of the scheduler's SLA task at the clock's time, over the harness's calendar. */
  const escalate = (policy: SlaPolicy = DEFAULT_SLA_POLICY) =>
    escalateOverdue({ ...target, db: db.prisma, clock, policy, calendar: CALENDAR });
  /** A change request submitted where the service asks no endorsement: it waits for MAMPU/JDN at once. */
  async function openUnendorsed(key: string) {
    const form = VALID.submit_change_request.form;
    const action = { type: 'submit_change_request', form, endorsementRequired: false } as const;
    const opened = await tickets.submit(action, actorFor('submit_change_request'), key);
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    return opened.ticket;
  }
  /** A complaint reported by the fixtures' requester: it goes to SOC at once. */
  async function openComplaint(key: string = crypto.randomUUID()) {
    const opened = await tickets.submit(VALID.submit_complaint, actorFor('submit_complaint'), key);
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    return opened.ticket;
  }
  /** Takes each action in turn with the fixtures' values and actor; throws at the first not applied. */
  async function walk(number: string, types: readonly TicketActionType[]) {
    for (const type of types) {
      const result = await tickets.act(number, VALID[type], actorFor(type), `${number}-${type}`);
      if (result.status !== 'applied') throw new Error(JSON.stringify(result));
    }
  }
  return {
    clock,
    logger,
    memory,
    directory,
    tickets,
    dispatcher,
    makeDispatcher,
    /** Where decisions' messages go: what the outbox writer and the start-up steps take. */
    target,
    actorFor,
    escalate,
    openUnendorsed,
    openComplaint,
    walk,
  };
}

export type Harness = ReturnType<typeof createHarness>;

/** A harness over an emptied outbox: each outbox test counts and claims only the messages it makes. */
export async function harnessWithEmptyOutbox(db: TestDatabase): Promise<Harness> {
  await db.prisma.outboxMessage.deleteMany();
  return createHarness(db);
}
