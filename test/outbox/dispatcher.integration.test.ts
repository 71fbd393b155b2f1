import { beforeEach, expect, it } from 'vitest';
import { VALID } from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness, harnessWithEmptyOutbox } from '../support/harness.ts';
import type { Failure } from '../support/memory-platform.ts';

// The outbox dispatcher against real databases and an in-memory platform that fails on demand:
// delivered once, in order, with backoff and Retry-After honoured, and posted cards updated in place.

describeEachDatabase('outbox dispatcher', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(async () => {
    h = await harnessWithEmptyOutbox(db());
  });

  const submit = () => h.openComplaint();

  const pending = () => db().prisma.outboxMessage.count({ where: { status: 'pending' } });

  it('delivers every message of a decision once, cards before their refresh, in the reader language', async () => {
    await submit();
    const queued = await db().prisma.outboxMessage.count();
    expect(queued).toBeGreaterThan(0);
    const result = await h.dispatcher.drainOnce();
    expect(result).toEqual({ sent: queued, retried: 0, dead: 0 });
    expect(await pending()).toBe(0);
    expect(await h.dispatcher.drainOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
    const posts = h.memory.deliveries.filter((d) => d.op === 'post');
    expect(posts.length).toBeGreaterThan(0);
    const soc = posts.find((d) => d.op === 'post' && d.to.kind === 'channel' && d.to.channel === 'C-SOC');
    expect(soc?.op === 'post' && soc.card.actions).toEqual([
      'record_findings',
      'mark_resolved',
      'escalate_to_vendor',
    ]);
    const texts = h.memory.deliveries.filter((d) => d.op === 'text');
    expect(texts.every((d) => d.op === 'text' && !d.text.includes('{'))).toBe(true);
  });

  it('retries a platform failing twice, then delivers every message exactly once', async () => {
    await submit();
    const rows = await db().prisma.outboxMessage.findMany();
    h.memory.failNext({ kind: 'transient' }, { kind: 'transient' });
    const first = await h.dispatcher.drainOnce();
    expect(first).toMatchObject({ retried: 2, dead: 0 });
    expect(await h.dispatcher.drainOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
    h.clock.advance(60_000);
    const second = await h.dispatcher.drainOnce();
    expect(first.sent + second.sent).toBe(rows.length);
    expect(await pending()).toBe(0);
    const sends = h.memory.deliveries.filter((d) => d.op !== 'update');
    expect(sends).toHaveLength(rows.filter((r) => r.kind !== 'card.refresh').length);
    expect(h.memory.attempts).toHaveLength(
      sends.length + 2 + h.memory.deliveries.filter((d) => d.op === 'update').length,
    );
  });

  it('waits at least the Retry-After of a 429 before trying again', async () => {
    await submit();
    h.memory.failNext({ kind: 'rate_limited', retryAfterMs: 30_000 });
    await h.dispatcher.drainOnce();
    const limited = await db().prisma.outboxMessage.findFirstOrThrow({
      where: { status: 'pending', attempts: 1 },
    });
    expect(limited.nextAttemptAt.getTime() - h.clock.now().getTime()).toBeGreaterThanOrEqual(30_000);
    h.clock.advance(29_000);
    expect((await h.dispatcher.drainOnce()).sent).toBe(0);
    h.clock.advance(1_000);
    expect((await h.dispatcher.drainOnce()).sent).toBeGreaterThanOrEqual(1);
    expect(await pending()).toBe(0);
  });

  it('parks a message the platform refuses for good, with a reference, and goes on with the rest', async () => {
    await submit();
    const total = await pending();
    h.memory.failNext({ kind: 'permanent' });
    const result = await h.dispatcher.drainOnce();
    expect(result).toEqual({ sent: total - 1, retried: 0, dead: 1 });
    const dead = await db().prisma.outboxMessage.findFirstOrThrow({ where: { status: 'dead' } });
    expect(dead.lastError).toMatch(/^\[[0-9a-f]{8}\] channel_not_found$/);
    expect(h.logger.lines.some((l) => l.includes('"final":true'))).toBe(true);
  });

  it('updates the posted cards in place after a later decision', async () => {
    const ticket = await submit();
    await h.dispatcher.drainOnce();
    const posted = await db().prisma.postedCard.findMany({ where: { ticketId: ticket.id } });
    expect(posted.length).toBeGreaterThan(0);
    const next = await h.tickets.act(
      ticket.number,
      VALID.mark_resolved,
      h.actorFor('mark_resolved'),
      'resolve',
    );
    expect(next.status).toBe('applied');
    h.memory.deliveries.length = 0;
    await h.dispatcher.drainOnce();
    const nowPosted = await db().prisma.postedCard.findMany({ where: { ticketId: ticket.id } });
    // Every earlier card is updated, none re-posted. No confirmation card yet: the bot's investigation is still
    // queued (no worker here), so its re-check will ask the requester (SOP 4.2 step 6).
    expect(nowPosted.map((p) => p.card).sort()).toEqual(posted.map((p) => p.card).sort());
    const updates = h.memory.deliveries.filter((d) => d.op === 'update');
    expect(updates.map((u) => u.op === 'update' && u.ref.messageId).sort()).toEqual(
      nowPosted.map((p) => p.messageId).sort(),
    );
    expect(updates.every((u) => u.op === 'update' && u.card.state === 'awaiting_confirmation')).toBe(true);
  });

  async function resolvedWithOldestCard(failing: Failure) {
    const ticket = await submit();
    await h.dispatcher.drainOnce();
    const posted = await db().prisma.postedCard.findMany({
      where: { ticketId: ticket.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(posted.length).toBeGreaterThan(1);
    await db().prisma.outboxMessage.deleteMany();
    h.memory.breakCard(posted[0]!.messageId, failing);
    const next = await h.tickets.act(
      ticket.number,
      VALID.mark_resolved,
      h.actorFor('mark_resolved'),
      crypto.randomUUID(),
    );
    expect(next.status).toBe('applied');
    h.memory.deliveries.length = 0;
    const updated = () =>
      h.memory.deliveries.flatMap((d) => (d.op === 'update' ? [d.ref.messageId] : [])).sort();
    const refresh = () =>
      db().prisma.outboxMessage.findFirstOrThrow({
        where: { kind: 'card.refresh' },
        orderBy: { createdAt: 'desc' },
      });
    /** Every copy but the broken one. */
    const others = posted
      .slice(1)
      .map((p) => p.messageId)
      .sort();
    const refusalLogged = () =>
      h.logger.lines.some((l) => l.includes('outbox refresh left cards the platform refused'));
    return { posted, updated, refresh, others, refusalLogged };
  }

  it('redraws every other copy of a card when one is gone for good, and records which one', async () => {
    const { posted, updated, refresh, others, refusalLogged } = await resolvedWithOldestCard({
      kind: 'permanent',
    });
    expect(await h.dispatcher.drainOnce()).toMatchObject({ retried: 0, dead: 0 });
    expect(updated()).toEqual(others);
    const row = await refresh();
    expect(row.status).toBe('sent');
    expect(row.lastError).toMatch(
      new RegExp(
        `^\\[[0-9a-f]{8}\\] not updated: ${posted[0]!.channel}/${posted[0]!.messageId}: channel_not_found$`,
      ),
    );
    expect(refusalLogged()).toBe(true);
  });

  it('forgets a copy whose message was deleted: the others are redrawn, and no later refresh tries it again', async () => {
    const { posted, updated, refresh, others, refusalLogged } = await resolvedWithOldestCard({
      kind: 'gone',
    });
    expect(await h.dispatcher.drainOnce()).toMatchObject({ retried: 0, dead: 0 });
    expect(updated()).toEqual(others);
    const row = await refresh();
    expect(row.status).toBe('sent');
    expect(row.lastError).toBeNull();
    const left = await db().prisma.postedCard.findMany({ where: { ticketId: posted[0]!.ticketId } });
    expect(left.map((p) => p.id)).not.toContain(posted[0]!.id);
    expect(left).toHaveLength(posted.length - 1);
    expect(refusalLogged()).toBe(false);
    // The next refresh of the ticket's cards does not try the deleted message at all.
    h.memory.deliveries.length = 0;
    await db().prisma.outboxMessage.create({
      data: {
        ticketId: posted[0]!.ticketId,
        platform: 'memory',
        kind: 'card.refresh',
        payload: { kind: 'card.refresh', card: 'all' },
        nextAttemptAt: h.clock.now(),
      },
    });
    const attempts = h.memory.attempts.length;
    expect(await h.dispatcher.drainOnce()).toMatchObject({ sent: 1, retried: 0, dead: 0 });
    expect(updated()).toEqual(others);
    expect(h.memory.attempts.length - attempts).toBe(posted.length - 1);
  });

  it('parks a refresh only when no copy of the card can be updated', async () => {
    const { posted, refresh } = await resolvedWithOldestCard({ kind: 'permanent' });
    for (const p of posted) h.memory.breakCard(p.messageId, { kind: 'permanent' });
    expect(await h.dispatcher.drainOnce()).toMatchObject({ dead: 1 });
    expect((await refresh()).status).toBe('dead');
  });

  it('redraws the other copies before retrying one that failed for a while', async () => {
    const { posted, updated, refresh, others } = await resolvedWithOldestCard({ kind: 'transient' });
    expect(await h.dispatcher.drainOnce()).toMatchObject({ retried: 1, dead: 0 });
    expect(updated()).toEqual(others);
    h.memory.breakCard(posted[0]!.messageId, undefined);
    h.memory.deliveries.length = 0;
    h.clock.advance(60_000);
    expect(await h.dispatcher.drainOnce()).toMatchObject({ sent: 1, retried: 0, dead: 0 });
    expect(updated()).toEqual(posted.map((p) => p.messageId).sort());
    expect((await refresh()).status).toBe('sent');
  });

  it('stops a refresh at the first rate limit, as the platform asks', async () => {
    const { updated } = await resolvedWithOldestCard({ kind: 'rate_limited', retryAfterMs: 30_000 });
    expect(await h.dispatcher.drainOnce()).toMatchObject({ retried: 1 });
    expect(updated()).toEqual([]);
  });

  it('never lets two dispatchers deliver the same row', async () => {
    for (let i = 0; i < 3; i++) await submit();
    const total = await pending();
    const other = createHarness(db());
    const [a, b] = await Promise.all([h.dispatcher.drainOnce(), other.dispatcher.drainOnce()]);
    expect(a.sent + b.sent).toBe(total);
    const sends = [...h.memory.deliveries, ...other.memory.deliveries].filter((d) => d.op !== 'update');
    expect(sends.length).toBe(
      total - (await db().prisma.outboxMessage.count({ where: { kind: 'card.refresh' } })),
    );
  });
});
