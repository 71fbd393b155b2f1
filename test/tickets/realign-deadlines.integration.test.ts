import { beforeEach, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../flows/business-hours.ts';
import { DEFAULT_SLA_POLICY, dueAt, type SlaPolicy } from '../../flows/sla.ts';
import { realignDeadlines } from '../../src/tickets/realign-deadlines.ts';
import { CALENDAR, VALID } from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// The deadline a card shows follows the SLA configuration mailops runs with, as the reminders do: a holiday
// added, a wait changed or a rule switched on or off between two runs moves every open ticket's deadline at
// start, and the cards of the tickets whose deadline moved are redrawn, once.

describeEachDatabase('realigning deadlines at start', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(async () => {
    await db().prisma.outboxMessage.deleteMany();
    // The tickets of earlier tests are closed, so each test counts only its own (the audit trail forbids deleting).
    await db().prisma.ticket.updateMany({
      where: { closedAt: null },
      data: { state: 'withdrawn', closedAt: new Date(), slaDueAt: null },
    });
    h = createHarness(db());
  });

  const realign = (policy: SlaPolicy, calendar: BusinessCalendar = CALENDAR) =>
    realignDeadlines({
      directory: h.directory,
      platforms: ['memory'],
      logger: h.logger,
      db: db().prisma,
      clock: h.clock,
      slaDueAt: (kind, state, at) => dueAt(kind, state as never, at, policy, calendar),
    });
  const ticket = (id: string) => db().prisma.ticket.findUniqueOrThrow({ where: { id } });
  const refreshes = () => db().prisma.outboxMessage.count({ where: { kind: 'card.refresh' } });

  async function awaitingApproval() {
    const opened = await h.openUnendorsed(crypto.randomUUID());
    await db().prisma.outboxMessage.deleteMany();
    return opened;
  }

  it('moves a deadline past a holiday added since, redraws the cards once, and leaves the version alone', async () => {
    const opened = await awaitingApproval();
    const before = await ticket(opened.id);
    // Monday 10:00 + two business days is Wednesday 10:00; a holiday on Tuesday makes it Thursday.
    expect(before.slaDueAt?.toISOString()).toBe('2025-06-18T02:00:00.000Z');
    const holiday = { ...CALENDAR, holidays: [{ date: '2025-06-17', name: 'Cuti peristiwa' }] };
    expect(await realign(DEFAULT_SLA_POLICY, holiday)).toBe(1);
    const after = await ticket(opened.id);
    expect(after.slaDueAt?.toISOString()).toBe('2025-06-19T02:00:00.000Z');
    expect(after.version).toBe(before.version);
    expect(await refreshes()).toBeGreaterThan(0);
    const queued = await refreshes();
    expect(await realign(DEFAULT_SLA_POLICY, holiday)).toBe(0);
    expect(await refreshes()).toBe(queued);
    expect(h.logger.lines.some((l) => l.includes('ticket deadline follows the SLA configuration'))).toBe(
      true,
    );
  });

  it('drops the deadline of a state whose rule was switched off, and sets it again when switched back on', async () => {
    const opened = await awaitingApproval();
    const { awaiting_approval: _off, ...others } = DEFAULT_SLA_POLICY.change_request;
    const off: SlaPolicy = { ...DEFAULT_SLA_POLICY, change_request: others };
    expect(await realign(off)).toBe(1);
    expect((await ticket(opened.id)).slaDueAt).toBeNull();
    // Switched on again: the reminders would count from the state's entry, so the card's date does too.
    expect(await realign(DEFAULT_SLA_POLICY)).toBe(1);
    expect((await ticket(opened.id)).slaDueAt?.toISOString()).toBe('2025-06-18T02:00:00.000Z');
    h.clock.advance(3 * 24 * 3_600_000);
    expect((await h.escalate()).reminded).toBe(1);
  });

  it("starts the reminders over from a moved deadline, so the desk's card offers to close once it passes", async () => {
    const { number, id } = await awaitingApproval();
    await h.walk(number, ['approve', 'start_implementation', 'mark_implemented']);
    const first = (await ticket(id)).slaDueAt!;
    // Every notice the old deadline owed, sent.
    for (let day = 1; day <= 10; day++) {
      h.clock.set(new Date(first.getTime() + day * 86_400_000).toISOString());
      await h.escalate();
    }
    const sent = () => db().prisma.slaNotice.count({ where: { ticketId: id } });
    expect(await sent()).toBeGreaterThan(0);
    // The requester is given 30 business days instead of 3; mailops restarts.
    const { awaiting_confirmation: rule, ...rest } = DEFAULT_SLA_POLICY.change_request;
    const longer: SlaPolicy = {
      ...DEFAULT_SLA_POLICY,
      change_request: { ...rest, awaiting_confirmation: { ...rule!, waitMinutes: 30 * 9 * 60 } },
    };
    expect(await realign(longer)).toBe(1);
    expect(await sent()).toBe(0);
    const moved = (await ticket(id)).slaDueAt!;
    expect(moved.getTime()).toBeGreaterThan(h.clock.now().getTime());
    const redraws = () => db().prisma.outboxMessage.count({ where: { ticketId: id, kind: 'card.refresh' } });
    const before = await redraws();
    h.clock.set(new Date(moved.getTime() + 60_000).toISOString());
    expect((await h.escalate(longer)).reminded).toBe(1);
    expect(await redraws()).toBe(before + 1);
  });

  it('keeps the reminders sent when the moved deadline is still past, so none is sent twice', async () => {
    const { id } = await awaitingApproval();
    h.clock.set('2025-06-30T02:00:00Z');
    await h.escalate();
    await h.escalate();
    const sent = () => db().prisma.slaNotice.findMany({ where: { ticketId: id }, orderBy: { level: 'asc' } });
    const before = (await sent()).map((n) => [n.level, n.count]);
    expect(before.length).toBeGreaterThan(0);
    const holiday = { ...CALENDAR, holidays: [{ date: '2025-06-17', name: 'Cuti peristiwa' }] };
    expect(await realign(DEFAULT_SLA_POLICY, holiday)).toBe(1);
    expect((await sent()).map((n) => [n.level, n.count])).toEqual(before);
    expect((await h.escalate()).reminded + (await h.escalate()).escalated).toBe(0);
  });

  it('follows a changed wait, and leaves closed tickets and unchanged ones as they are', async () => {
    const opened = await awaitingApproval();
    const closed = await awaitingApproval();
    const rejected = await h.tickets.act(
      closed.number,
      VALID.reject,
      h.actorFor('reject'),
      crypto.randomUUID(),
    );
    expect(rejected.status).toBe('applied');
    await db().prisma.outboxMessage.deleteMany();
    const longer: SlaPolicy = {
      ...DEFAULT_SLA_POLICY,
      change_request: {
        ...DEFAULT_SLA_POLICY.change_request,
        awaiting_approval: {
          ...DEFAULT_SLA_POLICY.change_request.awaiting_approval!,
          waitMinutes: 3 * 9 * 60,
        },
      },
    };
    expect(await realign(DEFAULT_SLA_POLICY)).toBe(0);
    expect(await refreshes()).toBe(0);
    expect(await realign(longer)).toBe(1);
    expect((await ticket(opened.id)).slaDueAt?.toISOString()).toBe('2025-06-19T02:00:00.000Z');
    expect((await ticket(closed.id)).slaDueAt).toBeNull();
  });
});
