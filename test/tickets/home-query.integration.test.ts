import { beforeEach, expect, it } from 'vitest';
import { loadHome } from '../../src/tickets/home-query.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// App Home's lists read every open ticket, however many there are: "waiting for me" may not leave out the
// oldest waits, and "and N more" must count them all.

describeEachDatabase('App Home read model', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(() => {
    h = createHarness(db());
  });

  it('lists every open ticket, once, for the requester and for the approver who must act', async () => {
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push((await h.openUnendorsed(crypto.randomUUID())).number);
    const open = await db().prisma.ticket.count({ where: { closedAt: null } });
    const requester = h.actorFor('submit_change_request');
    const approver = h.actorFor('approve');
    const mine = await loadHome(db().prisma, requester, true, h.clock.now());
    const waiting = await loadHome(db().prisma, approver, true, h.clock.now());
    // Soonest deadline first, as the buttons' urgency reads.
    const due = waiting.waitingForMe.map((t) => t.slaDueAt?.getTime() ?? Number.POSITIVE_INFINITY);
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(waiting.waitingForMe.length).toBeLessThanOrEqual(open);
    expect(mine.myOpen.map((t) => t.number)).toEqual(expect.arrayContaining(opened));
    expect(waiting.waitingForMe.map((t) => t.number)).toEqual(expect.arrayContaining(opened));
    expect(new Set(waiting.waitingForMe.map((t) => t.ticketId)).size).toBe(waiting.waitingForMe.length);
  });

  // The read was once capped at 300 rows: the tickets past the cap (the latest deadlines, and those with none)
  // vanished from "waiting for me".
  it('lists a waiting ticket that sorts after three hundred others', async () => {
    const first = await h.openUnendorsed(crypto.randomUUID());
    const ticket = await db().prisma.ticket.findUniqueOrThrow({
      where: { id: first.id },
      include: { sectionA: true },
    });
    const { id: _id, number: _number, seq: _seq, sectionA, ...rest } = ticket;
    const soon = new Date(h.clock.now().getTime() + 3_600_000);
    const copies = Array.from({ length: 320 }, (_, i) => ({
      ...rest,
      id: crypto.randomUUID(),
      number: `CR-${rest.year}-${String(900_000 + i)}`,
      seq: 900_000 + i,
      slaDueAt: soon,
    }));
    await db().prisma.ticket.createMany({ data: copies });
    await db().prisma.changeRequestSectionA.createMany({
      data: copies.map((c) => ({ ...sectionA!, ticketId: c.id })),
    });
    // The first ticket waits the longest of all: no deadline, so it sorts last.
    await db().prisma.ticket.update({ where: { id: first.id }, data: { slaDueAt: null } });
    const waiting = await loadHome(db().prisma, h.actorFor('approve'), true, h.clock.now());
    expect(waiting.waitingForMe.length).toBeGreaterThan(320);
    expect(waiting.waitingForMe.at(-1)?.number).toBe(first.number);
  });
});
