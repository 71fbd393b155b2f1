import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { CHANNELS, PEOPLE, type SlackWorld, startSlackWorld } from '../support/slack-world.ts';
import { awaitingApproval, stateOf } from './sop-steps.ts';

// A restart (a deploy, a service manager's stop) while a person's click is being decided: Slack already has
// its acknowledgement, so a stop that closed the database under the decision would lose the click, and the
// approver would be told it failed. mailops stops taking new work and lets the decision finish first.

describeEachDatabase('Slack: stopping mailops while a click is decided', (suite) => {
  let db: TestDatabase;
  let world: SlackWorld;
  let closed = false;
  beforeAll(async () => {
    db = await suite.create();
    world = await startSlackWorld(db);
  });
  afterAll(async () => {
    if (!closed) await world?.close();
    await db?.cleanup();
  });

  it('decides an approval clicked just before the stop, and only then stops', async () => {
    const number = await awaitingApproval(world, 'Tambah rakan.com.my sebelum mailops dimulakan semula');
    const card = world.cardWith(CHANNELS.approvals, 'approve', number);
    // The approver's language is looked up first, slowly: the decision is still to come when the stop begins.
    world.api.failNext('users.info', { kind: 'slow', delayMs: 1_500 });
    const acknowledged = await world.click(PEOPLE.zulkifli, card, 'approve');
    expect(acknowledged.status).toBe(200);
    expect(await stateOf(world, number)).toBe('awaiting_approval');
    closed = true;
    await world.close();
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { number } })).state).toBe(
      'awaiting_implementation',
    );
    expect(world.logger.lines.filter((l) => l.includes('slack request failed'))).toEqual([]);
  });
});
