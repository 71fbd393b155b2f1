import { describe, expect, it } from 'vitest';
import { createAfterAck } from '../../src/platform/slack/after-ack.ts';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('work after the acknowledgement', () => {
  it('runs nothing in the turn that queued it, then runs everything in order', async () => {
    const afterAck = createAfterAck({ budgetMs: 50 });
    const ran: number[] = [];
    for (const i of [1, 2, 3]) afterAck(async () => void ran.push(i));
    expect(ran).toEqual([]);
    await nextTurn();
    await nextTurn();
    expect(ran).toEqual([1, 2, 3]);
  });

  it('lets timers and I/O in once a turn has spent its budget, and always makes progress', async () => {
    const afterAck = createAfterAck({ budgetMs: 5 });
    const log: Array<number | string> = [];
    for (const i of [1, 2, 3]) {
      afterAck(async () => {
        log.push(i);
        if (i === 1) setTimeout(() => log.push('timer'), 0);
        busy(10);
      });
    }
    // Each task alone overspends the 5 ms, so every turn ends after one task and the timer gets in.
    await expect.poll(() => log.length).toBe(4);
    expect(log).toEqual([1, 'timer', 2, 3]);
  });

  it('keeps going when a task fails; reporting the failure is the task’s own job', async () => {
    const afterAck = createAfterAck({ budgetMs: 50 });
    const ran: string[] = [];
    afterAck(async () => {
      throw new Error('Slack is down');
    });
    afterAck(() => Promise.reject(new Error('also down')));
    afterAck(async () => void ran.push('after'));
    await expect.poll(() => ran).toEqual(['after']);
  });
});
