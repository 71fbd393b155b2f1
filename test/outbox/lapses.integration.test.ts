import { beforeEach, expect, it } from 'vitest';
import { claimDue, MAX_LAPSES } from '../../src/outbox/claim.ts';
import { retryParked } from '../../src/outbox/parked.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { type Harness, harnessWithEmptyOutbox } from '../support/harness.ts';

// A message whose deliveries keep ending with no outcome: each dispatcher that claims it is killed or stalls
// before it writes anything back, so its lease runs out and the next claim finds it still locked. Without a
// limit it would be handed out for ever (a crash loop, and the reader's later messages held behind it).

const LEASE_MS = 60_000;

describeEachDatabase('outbox lapses', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(async () => {
    h = await harnessWithEmptyOutbox(db());
    await h.openComplaint();
  });

  /** The first message due, claimed by a dispatcher that then dies; the clock goes past its lease. */
  async function claimAndDie(parked: string[] = []) {
    const [row] = await claimDue(db().prisma, {
      now: h.clock.now(),
      leaseMs: LEASE_MS,
      limit: 1,
      platforms: ['memory'],
      onParked: (p) => parked.push(p.id),
    });
    h.clock.advance(LEASE_MS + 1_000);
    return row;
  }

  it(`parks a message after ${MAX_LAPSES} attempts in a row with no outcome, and delivers what follows it`, async () => {
    const first = await claimAndDie();
    const parked: string[] = [];
    for (let lapse = 1; lapse < MAX_LAPSES; lapse++) expect((await claimAndDie(parked))?.id).toBe(first!.id);
    const lapsed = await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: first!.id } });
    expect(lapsed).toMatchObject({ status: 'pending', lapses: MAX_LAPSES - 1 });
    // Its retry window starts with the first claim that found it still locked.
    expect(lapsed.failingSince).not.toBeNull();
    expect(lapsed.lastError).toMatch(/^\[lapse\] no outcome was written/);
    expect(parked).toEqual([]);

    // The next claim parks it instead of handing it out again.
    const next = await claimAndDie(parked);
    expect(next?.id).not.toBe(first!.id);
    expect(parked).toEqual([first!.id]);
    const dead = await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: first!.id } });
    expect(dead).toMatchObject({ status: 'dead', lockedUntil: null });
    expect(dead.lastError).toMatch(/parked after 5 attempts in a row that ended with no outcome/);

    // A dispatcher delivers everything else, the reader's later messages included, and says what it parked.
    const result = await h.makeDispatcher().drainOnce();
    expect(await db().prisma.outboxMessage.count({ where: { status: 'pending' } })).toBe(0);
    expect(await db().prisma.outboxMessage.count({ where: { status: 'dead' } })).toBe(1);
    expect(result.sent).toBeGreaterThan(0);

    // Once the operator has found the cause, `mailops outbox retry` sends it with its count started afresh.
    expect(await retryParked(db().prisma, h.clock.now(), [first!.id])).toEqual({ ok: true, requeued: 1 });
    expect(await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      status: 'pending',
      lapses: 0,
    });
    await h.makeDispatcher().drainOnce();
    expect(await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      status: 'sent',
    });
  });

  it('hands a lapsed message out alone, so the messages first claimed beside it are not parked with it', async () => {
    const claim = (limit: number, parked: string[] = []) =>
      claimDue(db().prisma, {
        now: h.clock.now(),
        leaseMs: LEASE_MS,
        limit,
        platforms: ['memory'],
        onParked: (p) => parked.push(p.id),
      });
    // One batch of everything due; the dispatcher dies on its first message, with the others still in flight.
    const batch = await claim(20);
    expect(batch.length).toBeGreaterThan(1);
    const poison = batch[0]!.id;
    h.clock.advance(LEASE_MS + 1_000);
    const parked: string[] = [];
    for (let round = 0; round < 40; round++) {
      // Those to the poison message's reader wait behind it (delivery order) until it is parked.
      const rows = await claim(20, parked);
      // Each lapsed message comes alone; the poison one kills its dispatcher again, the others go out.
      if (rows.some((r) => r.id === poison)) {
        expect(rows).toHaveLength(1);
        h.clock.advance(LEASE_MS + 1_000);
      } else
        await db().prisma.outboxMessage.updateMany({
          where: { id: { in: rows.map((r) => r.id) } },
          data: { status: 'sent', lockedUntil: null },
        });
    }
    expect(parked).toEqual([poison]);
    const dead = await db().prisma.outboxMessage.findMany({ where: { status: 'dead' } });
    expect(dead.map((d) => d.id)).toEqual([poison]);
    // Every other message went out, those claimed beside it the first time and those that waited behind.
    expect(await db().prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(1);
  });

  it('counts only lapses in a row: an attempt that ends with a failure written down starts the count again', async () => {
    const first = await claimAndDie();
    for (let lapse = 1; lapse < MAX_LAPSES - 2; lapse++) await claimAndDie();
    // This time the dispatcher (its claim the next lapse) lives to write its failure down: a transient 500.
    h.memory.failNext({ kind: 'transient' });
    await h.makeDispatcher({ batchSize: 1 }).drainOnce();
    const failed = await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: first!.id } });
    expect(failed).toMatchObject({ status: 'pending', lapses: 0 });
    h.clock.advance(LEASE_MS * 10);
    // A claim of the released row, then MAX_LAPSES - 1 lapses: one short of parking, counted from zero.
    const parked: string[] = [];
    for (let claim = 0; claim < MAX_LAPSES; claim++) expect((await claimAndDie(parked))?.id).toBe(first!.id);
    expect(parked).toEqual([]);
    expect(await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      status: 'pending',
    });
  });

  it('treats a message released after each attempt as never lapsed', async () => {
    const row = await claimAndDie();
    await db().prisma.outboxMessage.update({ where: { id: row!.id }, data: { lockedUntil: null } });
    await claimAndDie();
    expect(await db().prisma.outboxMessage.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
      lapses: 0,
      failingSince: null,
      lastError: null,
    });
  });
});
