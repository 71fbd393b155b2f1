import { beforeEach, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../flows/sla.ts';
import { findOverdueTickets } from '../../src/scheduler/overdue-tickets.ts';
import { VALID } from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// The SLA clock of a state across decisions that stay in it, and after its last escalation, on a real
// database: the notices are counted by the ticket's version (src/tickets/advance-ticket.ts) and the overdue
// query holds them against the policy (src/scheduler/overdue-tickets.ts).

describeEachDatabase('SLA clock', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(() => {
    h = createHarness(db());
  });

  // Each test reads its own ticket's notices: the suite's tickets share one database.
  const notices = async (ticketId: string) =>
    (
      await db().prisma.auditEvent.findMany({
        where: { ticketId, type: { startsWith: 'sla.' } },
        orderBy: { seq: 'asc' },
        select: { type: true, data: true },
      })
    ).map((e) => `${e.type} ${(e.data as { count: number }).count}`);

  it("keeps SOC's investigation deadline and its reminder count when SOC records findings", async () => {
    // Monday 16 June 2025, 10:00 MYT: SOC has four business hours, reminded hourly (4 in all).
    const opened = await h.tickets.submit(VALID.submit_complaint, h.actorFor('submit_complaint'), 'sla-ad');
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    h.clock.set('2025-06-16T06:01:00Z');
    await h.escalate();
    expect(await notices(opened.ticket.id)).toEqual(['sla.reminded 1']);

    h.clock.set('2025-06-16T06:30:00Z');
    const findings = await h.tickets.act(
      opened.ticket.number,
      VALID.record_findings,
      h.actorFor('record_findings'),
    );
    expect(findings.status).toBe('applied');
    const ticket = await db().prisma.ticket.findUniqueOrThrow({ where: { id: opened.ticket.id } });
    expect(ticket.version).toBe(opened.ticket.version + 1);
    expect(ticket.stateSince.toISOString()).toBe('2025-06-16T02:00:00.000Z');
    expect(ticket.slaDueAt?.toISOString()).toBe('2025-06-16T06:00:00.000Z');

    // An hour after the first reminder the second is owed, counted on from the first.
    h.clock.set('2025-06-16T07:02:00Z');
    await h.escalate();
    expect(await notices(opened.ticket.id)).toEqual(['sla.reminded 1', 'sla.reminded 2']);
  });

  it('keeps the due date on the card after the last escalation, and sends nothing more', async () => {
    const approval = DEFAULT_SLA_POLICY.change_request.awaiting_approval;
    if (!approval) throw new Error('the default policy has an approval SLA');
    const once: SlaPolicy = {
      ...DEFAULT_SLA_POLICY,
      change_request: { awaiting_approval: { ...approval, maxReminders: 1, maxEscalations: 1 } },
    };
    const opened = await h.openUnendorsed('sla-exhausted');
    h.clock.set('2025-06-18T02:01:00Z');
    await h.escalate(once);
    h.clock.set('2025-06-19T02:01:00Z');
    const owed = await findOverdueTickets(db().prisma, h.clock.now(), once, 500);
    expect(owed.map((t) => t.id)).toContain(opened.id);
    await h.escalate(once);
    expect(await notices(opened.id)).toEqual(['sla.reminded 1', 'sla.escalated 1']);

    // Nothing more is owed, so the ticket no longer takes a place in the scheduler's batch.
    h.clock.set('2025-06-23T02:01:00Z');
    const overdue = await findOverdueTickets(db().prisma, h.clock.now(), once, 500);
    expect(overdue.map((t) => t.id)).not.toContain(opened.id);
    await h.escalate(once);
    expect(await notices(opened.id)).toEqual(['sla.reminded 1', 'sla.escalated 1']);
    const ticket = await db().prisma.ticket.findUniqueOrThrow({ where: { id: opened.id } });
    expect(ticket.slaDueAt?.toISOString()).toBe('2025-06-18T02:00:00.000Z');
  });

  it("redraws the cards once the requester's test deadline passes, so the desk's card offers to close it", async () => {
    const { number, id } = await h.openUnendorsed('sla-deadline-refresh');
    await h.walk(number, ['approve', 'start_implementation', 'mark_implemented']);
    const refreshes = () =>
      db().prisma.outboxMessage.count({ where: { ticketId: id, kind: 'card.refresh' } });
    const before = await refreshes();
    const { slaDueAt } = await db().prisma.ticket.findUniqueOrThrow({ where: { id } });
    h.clock.set(new Date(slaDueAt!.getTime() + 60_000).toISOString());
    await h.escalate();
    expect(await notices(id)).toEqual(['sla.reminded 1']);
    expect(await refreshes()).toBe(before + 1);
    // Later notices in the same state change nothing on the cards.
    h.clock.set(new Date(slaDueAt!.getTime() + 7 * 86_400_000).toISOString());
    await h.escalate();
    expect((await notices(id)).length).toBeGreaterThan(1);
    expect(await refreshes()).toBe(before + 1);
  });

  it('drops the due date of a state whose SLA was switched off since the ticket entered it', async () => {
    const opened = await h.openUnendorsed('sla-switched-off');
    h.clock.set('2025-06-18T02:01:00Z');
    const noApprovalSla: SlaPolicy = { ...DEFAULT_SLA_POLICY, change_request: {} };
    await h.escalate(noApprovalSla);
    expect(await notices(opened.id)).toEqual([]);
    const ticket = await db().prisma.ticket.findUniqueOrThrow({ where: { id: opened.id } });
    expect(ticket.slaDueAt).toBeNull();
  });
});
