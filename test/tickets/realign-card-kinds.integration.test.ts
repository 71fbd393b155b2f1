import { beforeEach, expect, it } from 'vitest';
import { realignCardKinds } from '../../src/tickets/realign-card-kinds.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// Cards posted before the service desk's copy had a kind of its own, in an installation whose desk has no
// channel (the harness's): the desk's copies went to each desk person's own chat as the requester's kind.
// At start they become the desk's, so the desk keeps its "close unconfirmed"; the requester's stays hers.

describeEachDatabase('the desk card kind at start', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(async () => {
    await db().prisma.outboxMessage.deleteMany();
    await db().prisma.postedCard.deleteMany();
    h = createHarness(db());
  });

  /** What a version before the desk's kind wrote: the desk's copies as `ticket`. */
  async function asBeforeTheSplit() {
    await db().prisma.postedCard.updateMany({ where: { card: 'desk' }, data: { card: 'ticket' } });
    await db().prisma.$executeRaw`
      UPDATE outbox_messages SET payload = jsonb_set(payload, '{card}', '"ticket"')
      WHERE payload ->> 'card' = 'desk'`;
  }
  const realign = () =>
    realignCardKinds({ ...h.target, db: db().prisma, clock: h.clock, directory: h.directory });

  it("gives the desk's copies in desk people's chats the desk's kind, and redraws the ticket once", async () => {
    const delivered = await h.openComplaint();
    await h.dispatcher.drainOnce();
    const waiting = await h.openComplaint();
    await asBeforeTheSplit();
    const cardsOf = async (ticketId: string) =>
      (await db().prisma.postedCard.findMany({ where: { ticketId } })).map((c) => [c.channel, c.card]).sort();
    expect(await cardsOf(delivered.id)).toEqual([
      ['C-SOC', 'soc'],
      ['D-u-aminah', 'ticket'],
      ['D-u-desk', 'ticket'],
    ]);
    const refreshes = () =>
      db().prisma.outboxMessage.count({
        where: { ticketId: delivered.id, kind: 'card.refresh', status: 'pending' },
      });
    const before = await refreshes();

    expect(await realign()).toBe(1);
    expect(await cardsOf(delivered.id)).toEqual([
      ['C-SOC', 'soc'],
      ['D-u-aminah', 'ticket'],
      ['D-u-desk', 'desk'],
    ]);
    expect(await refreshes()).toBe(before + 1);
    const posts = await db().prisma.outboxMessage.findMany({
      where: { ticketId: waiting.id, kind: 'card.post' },
    });
    const byUser = posts.map((p) => p.payload as { card: string; to: { user?: string } });
    expect(byUser.find((p) => p.to.user === 'u-desk')?.card).toBe('desk');
    expect(byUser.find((p) => p.to.user === 'u-aminah')?.card).toBe('ticket');

    // A second start (or replica) finds nothing left to move and redraws nothing again.
    expect(await realign()).toBe(0);
    expect(await refreshes()).toBe(before + 1);
  });
});
