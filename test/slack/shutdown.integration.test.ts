import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf } from '../../cards/ids.ts';
import { sectionA as sectionAFixture, VALID } from '../flows/fixtures.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { blockActions, viewSubmission } from '../support/slack/interaction-payloads.ts';
import { CHANNELS, PEOPLE, type SlackWorld, startSlackWorld } from '../support/slack-world.ts';
import { note } from './form-answers.ts';
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

// Socket Mode answers a form over the socket, and only once the decision is made (the form's errors ride on
// the answer): the socket must stay open until the forms under way are answered.
const nextWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

describeEachDatabase('Slack Socket Mode: stopping mailops while a form is decided', (suite) => {
  let db: TestDatabase;
  let world: SlackWorld;
  let closed = false;
  beforeAll(async () => {
    db = await suite.create();
    world = await startSlackWorld(db, { socketMode: true });
  });
  afterAll(async () => {
    if (!closed) await world?.close();
    await db?.cleanup();
  });

  it('answers a rejection sent just before the stop over the socket, then stops', async () => {
    const { tickets } = world.app;
    const aminah = world.app.directory.actor('aminah');
    const opened = await tickets.submit(
      {
        ...VALID.submit_change_request,
        form: sectionAFixture({ requestedAt: nextWeek() }),
        endorsementRequired: false,
      },
      aminah,
      'socket-stop',
    );
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    const number = opened.ticket.number;
    await world.settle();
    const card = world.cardWith(CHANNELS.approvals, 'reject', number);
    const modals = world.modals().length;
    const from = { message: card };
    await world.socket!.deliver(
      'interactive',
      blockActions({ user: PEOPLE.zulkifli, actionId: actionIdOf('reject'), from }),
    );
    const form = await world.modalAfter(modals);
    // "Processing…" is slow to draw: the decision waits up to a second for it, so it is still to come.
    world.api.failNext('chat.update', { kind: 'slow', delayMs: 1_500 });
    const updates = world.api.callsTo('chat.update').length;
    const submission = viewSubmission({
      view: form,
      user: PEOPLE.zulkifli,
      values: note('comments', 'Domain belum disahkan.'),
    });
    const answered = world.socket!.deliver('interactive', submission);
    await expect.poll(() => world.api.callsTo('chat.update').length).toBeGreaterThan(updates);
    closed = true;
    await world.close();
    expect((await answered).payload ?? {}).toEqual({});
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { number } })).state).toBe('rejected');
    expect(world.logger.lines.filter((l) => /"level":"error"/.test(l))).toEqual([]);
  });
});
