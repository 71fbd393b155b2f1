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
});
