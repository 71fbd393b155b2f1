import { expect, it } from 'vitest';
import {
  type FireFence,
  FireHandedBack,
  FireLost,
  holdFire,
  type RunOutcome,
  runOnce,
} from '../../src/scheduler/coordinator.ts';
import { createFakeClock } from '../../src/time.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { type Failure, flakyDb } from './flaky-db.ts';

// The coordinator's lease against a replica that is not dead but slow or cut off (DESIGN.md: each fire runs
// exactly once): it must stop its task once its fire may be another replica's, write nothing over that
// replica's run, and not turn a run that went well into a failure because the database blinked as it ended.

describeEachDatabase('scheduler coordinator', (suite) => {
  const db = useTestDatabase(() => suite.create());
  const row = (task: string) => db().prisma.schedulerRun.findFirstOrThrow({ where: { task } });

  /** A task that runs until its lease signal aborts, then ends as `then` says. */
  function untilLeaseLost(then: () => unknown) {
    const seen: { signal?: AbortSignal } = {};
    const task = async (_attempt: number, signal: AbortSignal) => {
      seen.signal = signal;
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return then();
    };
    return { seen, task };
  }

  it('stops a run whose fire another replica took over meanwhile, and stores nothing of it', async () => {
    const fireAt = new Date('2026-03-06T23:30:00Z');
    let stalled = true;
    // replica-1's renewals cannot land (its event loop stalled, or the database was out of reach) ...
    const slow = flakyDb(db().prisma, (call) => (stalled && call === '$executeRaw' ? 'refused' : null));
    const { seen, task } = untilLeaseLost(() => ({ by: 'replica-1' }));
    const first = runOnce(slow, 'overlap', fireAt, 'replica-1', task, {
      leaseMs: 300,
      clock: createFakeClock(fireAt),
    });
    await expect.poll(() => seen.signal).toBeDefined();
    // ... past its lease, and replica-2's INSERT takes the fire over.
    await db().prisma
      .$executeRaw`UPDATE scheduler_runs SET lease_until = now() - interval '1 second' WHERE task = 'overlap'`;
    expect(
      await runOnce(db().prisma, 'overlap', fireAt, 'replica-2', async () => ({ by: 'replica-2' })),
    ).toEqual({ ran: true, status: 'ok', attempt: 2 });
    stalled = false;
    // replica-1's next renewal finds the fire held at attempt 2: its task is told to stop.
    await expect.poll(() => seen.signal?.aborted).toBe(true);
    expect(String(seen.signal?.reason)).toContain('the fire is no longer this run');
    expect(await first).toEqual({ ran: true, status: 'lost', attempt: 1 });
    expect(await row('overlap')).toMatchObject({
      owner: 'replica-2',
      status: 'ok',
      attempts: 2,
      result: { by: 'replica-2' },
    });
  });

  it("makes a takeover wait for a write fenced by the fire's attempt, and refuses that write once it is taken", async () => {
    const fireAt = new Date('2026-03-09T23:30:00Z');
    const seen: { fence?: FireFence } = {};
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => {
      resume = resolve;
    });
    // replica-1 is paused with its lease run out, and no renewal has told it so.
    const first = runOnce(db().prisma, 'fenced', fireAt, 'replica-1', async (_attempt, _signal, fence) => {
      seen.fence = fence;
      await paused;
    });
    await expect.poll(() => seen.fence).toBeDefined();
    await db().prisma
      .$executeRaw`UPDATE scheduler_runs SET lease_until = now() - interval '1 second' WHERE task = 'fenced'`;
    let takeover: Promise<RunOutcome> | undefined;
    await db().prisma.$transaction(async (tx) => {
      await holdFire(tx, seen.fence!);
      takeover = runOnce(db().prisma, 'fenced', fireAt, 'replica-2', async () => ({ by: 'replica-2' }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Not before this write commits: replica-2 then finds whatever it wrote.
      expect(await tx.schedulerRun.findFirstOrThrow({ where: { task: 'fenced' } })).toMatchObject({
        attempts: 1,
      });
    });
    expect(await takeover).toEqual({ ran: true, status: 'ok', attempt: 2 });
    await expect(db().prisma.$transaction((tx) => holdFire(tx, seen.fence!))).rejects.toThrow(FireLost);
    resume();
    expect(await first).toEqual({ ran: true, status: 'lost', attempt: 1 });
  });

  it('stops a run whose renewals failed until its lease would end, as timed by its own clock, and leaves the fire to a takeover', async () => {
    const fireAt = new Date('2026-03-07T23:30:00Z');
    const clock = createFakeClock(fireAt);
    let renewals = 0;
    // The database is out of reach for every write after the claim.
    const away = flakyDb(db().prisma, (call) => {
      if (call === '$executeRaw') renewals += 1;
      return call === '$queryRaw' ? null : 'refused';
    });
    const { seen, task } = untilLeaseLost(() => {
      throw new FireHandedBack();
    });
    const run = runOnce(away, 'cut-off', fireAt, 'replica-1', task, {
      leaseMs: 300,
      clock,
      storeRetryMs: [0],
    });
    // Failed renewals while most of the lease is left are no reason to stop.
    await expect.poll(() => renewals).toBeGreaterThanOrEqual(2);
    expect(seen.signal?.aborted).toBe(false);
    // Two thirds of the lease gone without a renewal: it would end before the next one could land.
    clock.advance(200);
    await expect.poll(() => seen.signal?.aborted).toBe(true);
    expect(String(seen.signal?.reason)).toContain('could not be renewed before it ended');
    // Nothing could be written: the fire stays running under its ending lease, for a takeover to find.
    expect(await run).toEqual({ ran: true, status: 'unrecorded', attempt: 1 });
    expect(await row('cut-off')).toMatchObject({ status: 'running', attempts: 1, finishedAt: null });
  });

  it('stores a run that went well as ok when storing its end fails once, or its commit goes unacknowledged', async () => {
    const flaky = (failure: Failure) => {
      let tries = 0;
      return flakyDb(db().prisma, (call) => {
        if (call !== 'schedulerRun.updateMany') return null;
        tries += 1;
        return tries === 1 ? failure : null;
      });
    };
    for (const [task, failure] of [
      ['blip', 'refused'],
      ['reply-lost', 'reply_lost'],
    ] as const) {
      const outcome = await runOnce(
        flaky(failure),
        task,
        new Date('2026-03-08T01:00:00Z'),
        'replica-1',
        async () => ({ escalated: 1 }),
        { storeRetryMs: [0, 0] },
      );
      expect(outcome).toEqual({ ran: true, status: 'ok', attempt: 1 });
      expect(await row(task)).toMatchObject({ status: 'ok', result: { escalated: 1 }, leaseUntil: null });
    }
  });
});
