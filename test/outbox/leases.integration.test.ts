import { beforeEach, expect, it } from 'vitest';
import type { Db } from '../../src/db/types.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { type Harness, harnessWithEmptyOutbox } from '../support/harness.ts';
import { createMemoryPlatform } from '../support/memory-platform.ts';

// What can still send a message twice, or never: a dispatcher that stalls past its lease while another
// replica takes the row over, a database that drops the connection just as a delivery is written down, a
// platform down for hours, and a stop in the middle of a backlog.

const MINUTE = 60_000;

describeEachDatabase('outbox leases and outages', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(async () => {
    h = await harnessWithEmptyOutbox(db());
  });

  const submit = () => h.openComplaint();
  const count = (status: string) => db().prisma.outboxMessage.count({ where: { status } });
  const sends = (deliveries: readonly { op: string }[]) => deliveries.filter((d) => d.op !== 'update');

  it('lets a replica that stalled past its lease overwrite nothing the replica that took over wrote', async () => {
    await submit();
    const replicaA = h.makeDispatcher({ batchSize: 1 });
    const hold = h.memory.holdNext();
    const drainingA = replicaA.drainOnce();
    await hold.reached;
    const stalled = await db().prisma.outboxMessage.findFirstOrThrow({
      where: { lockedUntil: { not: null } },
    });

    h.clock.advance(61_000);
    const other = createMemoryPlatform('memory');
    const replicaB = h.makeDispatcher({ platforms: new Map([['memory', other.platform]]) });
    await replicaB.drainOnce();
    const taken = await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: stalled.id } });
    expect(taken.status).toBe('sent');

    hold.release();
    await drainingA;
    const after = await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: stalled.id } });
    expect(after).toMatchObject({ status: 'sent', platformMessageId: taken.platformMessageId });
    expect(after.platformMessageId).toMatch(/^memory-/);
    expect(sends(other.deliveries).map((d) => ('id' in d ? d.id : ''))).toContain(after.platformMessageId);
    expect(await count('pending')).toBe(0);
    expect(await count('dead')).toBe(0);
    expect(h.logger.lines.some((l) => l.includes('another replica had taken it over'))).toBe(true);
  });

  it('keeps the lease of a delivery that takes long, so no other replica sends it too', async () => {
    await submit();
    const slow = h.makeDispatcher({ batchSize: 1, leaseMs: 300 });
    const hold = h.memory.holdNext();
    const draining = slow.drainOnce();
    await hold.reached;
    const held = await db().prisma.outboxMessage.findFirstOrThrow({ where: { lockedUntil: { not: null } } });
    h.clock.advance(1_000);
    // Past the first lease by the clock: only a renewal (every lease/3) keeps it.
    await expect
      .poll(async () => {
        const now = await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: held.id } });
        return (now.lockedUntil?.getTime() ?? 0) > h.clock.now().getTime();
      })
      .toBe(true);
    const other = createMemoryPlatform('memory');
    const replicaB = h.makeDispatcher({
      platforms: new Map([['memory', other.platform]]),
      leaseMs: 300,
    });
    await replicaB.drainOnce();
    hold.release();
    await draining;
    const all = sends([...h.memory.deliveries, ...other.deliveries]);
    const rows = await db().prisma.outboxMessage.findMany();
    expect(all).toHaveLength(rows.filter((r) => r.kind !== 'card.refresh').length);
  });

  /**
   * The database as a dispatcher sees it when the connection drops once as a delivery is written down:
   * before the write (`before`), or after it committed, its reply lost on the way (`after`).
   */
  function droppingOnce(when: 'before' | 'after') {
    const state = { dropped: false };
    const prisma = db().prisma;
    const dropped = () => new Error('terminating connection due to administrator command');
    const flaky = new Proxy(prisma, {
      get(target, property) {
        if (property === '$transaction')
          return async (work: unknown, ...rest: unknown[]) => {
            const real = () =>
              (target.$transaction as (...args: unknown[]) => Promise<unknown>)(work, ...rest);
            if (!Array.isArray(work) || state.dropped) return real();
            state.dropped = true;
            if (when === 'before') throw dropped();
            await real();
            throw dropped();
          };
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Db;
    return { flaky, state };
  }

  for (const when of ['before', 'after'] as const)
    it(`does not send a message again when the connection drops ${when} its delivery is written down`, async () => {
      await submit();
      const { flaky, state } = droppingOnce(when);
      const dispatcher = h.makeDispatcher({ db: flaky });
      const prisma = db().prisma;
      const rows = await prisma.outboxMessage.count();
      expect((await dispatcher.drainOnce()).sent).toBe(rows);
      expect(state.dropped).toBe(true);
      h.clock.advance(10 * MINUTE);
      expect(await dispatcher.drainOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
      const written = await prisma.outboxMessage.findMany();
      expect(sends(h.memory.deliveries)).toHaveLength(
        written.filter((r) => r.kind !== 'card.refresh').length,
      );
      // The write found again after a lost reply is this dispatcher's own, not a takeover.
      expect(h.logger.lines.some((l) => l.includes('another replica had taken it over'))).toBe(false);
    });

  it('counts the retry window from the first failure, so a message that waited still gets all of it', async () => {
    await submit();
    // mailops was down for longer than the window before the message could first be tried.
    h.clock.advance(2 * 60 * MINUTE);
    h.memory.failNext({ kind: 'transient' }, { kind: 'rate_limited', retryAfterMs: 30_000 });
    await h.dispatcher.drainOnce();
    expect(await count('dead')).toBe(0);
    const failing = await db().prisma.outboxMessage.findFirstOrThrow({
      where: { failingSince: { not: null } },
    });
    expect(failing.failingSince).toEqual(h.clock.now());
    // Past the window from its first failure, a rate limit still only says when to come back.
    h.clock.advance(61 * MINUTE);
    h.memory.failNext({ kind: 'rate_limited', retryAfterMs: 1_000 });
    await h.dispatcher.drainOnce();
    expect(await count('dead')).toBe(0);
    h.clock.advance(MINUTE);
    h.memory.failNext({ kind: 'transient' });
    await h.dispatcher.drainOnce();
    expect(await count('dead')).toBe(1);
  });

  it('keeps retrying through an outage of most of the retry window, however many attempts it takes', async () => {
    await submit();
    const total = await count('pending');
    h.memory.failNext(...Array.from({ length: 5_000 }, () => ({ kind: 'transient' as const })));
    for (let minutes = 0; minutes < 55; minutes += 5) {
      await h.dispatcher.drainOnce();
      h.clock.advance(5 * MINUTE);
    }
    expect(await count('dead')).toBe(0);
    // A message waits for the one before it to the same place, so the first of each takes every attempt.
    const tried = await db().prisma.outboxMessage.aggregate({ _max: { attempts: true } });
    expect(tried._max.attempts).toBeGreaterThanOrEqual(10);
    // The harness retries for an hour from each message's first failure: past it, the messages are parked
    // and reported, each once its own hour is over (those behind it to the same place began failing later).
    h.clock.advance(10 * MINUTE);
    for (let round = 0; round < 2 * total && (await count('pending')) > 0; round++) {
      await h.dispatcher.drainOnce();
      h.clock.advance(61 * MINUTE);
    }
    // A refresh with no card posted has nothing to redraw; every other message is parked.
    const refreshes = await db().prisma.outboxMessage.count({ where: { kind: 'card.refresh' } });
    expect(await count('pending')).toBe(0);
    expect(await count('dead')).toBe(total - refreshes);
  });

  it('finishes the batch in hand when stopped, and leaves the rest for the next start', async () => {
    await submit();
    const total = await count('pending');
    expect(total).toBeGreaterThan(1);
    const dispatcher = h.makeDispatcher({ batchSize: 1 });
    const hold = h.memory.holdNext();
    dispatcher.start(3_600_000);
    dispatcher.wake();
    await hold.reached;
    const stopping = dispatcher.stop();
    hold.release();
    await stopping;
    expect(await count('sent')).toBe(1);
    expect(await count('pending')).toBe(total - 1);
  });
});
