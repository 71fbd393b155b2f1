import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTION_ID_PREFIX, actionIdOf } from '../../cards/ids.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { urlVerification } from '../support/slack/event-payloads.ts';
import type { StoredView } from '../support/slack/fake-web-api-state.ts';
import { blockActions, viewSubmission } from '../support/slack/interaction-payloads.ts';
import { slashCommand } from '../support/slack/slash-command.ts';
import { CHANNELS, PEOPLE, type SlackWorld, startSlackWorld, until } from '../support/slack-world.ts';
import { note } from './form-answers.ts';
import { buttonsOf, expectEverySurfaceValid, wordsOf } from './slack-output.ts';
import { awaitingApproval } from './sop-steps.ts';

// Requests that must not get in: forged, replayed, cut short, or carrying form context and button values
// the bot never wrote. Each is refused (401/400) or answered with a clear message, nothing in the database
// moves, and the next genuine request is served as usual.

const { aminah, zulkifli } = PEOPLE;

describeEachDatabase('Slack bad requests', (suite) => {
  let db: TestDatabase;
  let world: SlackWorld;
  let number = '';
  let rejectForm: StoredView;
  beforeAll(async () => {
    db = await suite.create();
    world = await startSlackWorld(db);
    number = await awaitingApproval(world);
    const opened = world.modals().length;
    await world.click(zulkifli, world.cardWith(CHANNELS.approvals, 'reject', number), 'reject');
    rejectForm = await world.modalAfter(opened);
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  /** Everything a request could have changed. */
  async function footprint() {
    const p = db.prisma;
    const [tickets, events, outbox, handled, cards, ticket] = await Promise.all([
      p.ticket.count(),
      p.auditEvent.count(),
      p.outboxMessage.count(),
      p.handledAction.count(),
      p.postedCard.count(),
      world.ticket(number),
    ]);
    return { tickets, events, outbox, handled, cards, state: ticket.state, version: ticket.version };
  }

  const command = () => slashCommand({ command: '/changerequest', text: 'palsu', user: aminah });
  const approveClick = () =>
    blockActions({
      user: zulkifli,
      actionId: actionIdOf('approve'),
      from: { message: world.cardWith(CHANNELS.approvals, 'approve', number) },
    });

  it('refuses a forged signature, a replayed (stale) request and an unsigned one with 401', async () => {
    const before = await footprint();
    const calls = world.api.calls.length;
    expect(await world.client.command(command(), { signature: 'bad' })).toMatchObject({ status: 401 });
    expect(await world.client.command(command(), { timestamp: 'stale' })).toMatchObject({ status: 401 });
    expect(await world.client.command(command(), { signature: 'missing' })).toMatchObject({ status: 401 });
    expect(await world.client.interaction(approveClick(), { signature: 'bad' })).toMatchObject({
      status: 401,
    });
    // Signed within the last five minutes, but just outside them.
    const fiveMinutesAgo = Math.floor(Date.now() / 1000) - 5 * 60 - 2;
    expect(await world.client.interaction(approveClick(), { timestamp: fiveMinutesAgo })).toMatchObject({
      status: 401,
    });
    expect(world.api.calls.length).toBe(calls);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a body cut short with 400', async () => {
    const before = await footprint();
    const calls = world.api.calls.length;
    expect(await world.client.interaction(approveClick(), { malformed: true })).toMatchObject({
      status: 400,
    });
    expect(await world.client.event(urlVerification(), { malformed: true })).toMatchObject({ status: 400 });
    expect(world.api.calls.length).toBe(calls);
    expect(await footprint()).toEqual(before);
  });

  it('answers a form whose private_metadata the bot never wrote with a notice, and decides nothing', async () => {
    const before = await footprint();
    const metadatas = [
      'garbage{',
      '[]',
      '{"kind":42}',
      '{"kind":"drop_tables","ticketId":"x"}',
      // Looks enough like a uuid to be sent to the database, which would refuse it.
      JSON.stringify({ kind: 'reject', ticketId: '-'.repeat(36), version: 1 }),
    ];
    for (const metadata of metadatas) {
      const submission = viewSubmission({
        view: rejectForm,
        user: zulkifli,
        values: note('comments', 'Lulus'),
      });
      submission.view.private_metadata = metadata;
      const answer = await world.client.interaction(submission);
      expect(answer.status, metadata).toBe(200);
      const json = answer.json as { response_action: string; view: { blocks: unknown[] } };
      expect(json.response_action, metadata).toBe('update');
      expect(wordsOf(json.view.blocks), metadata).toBe(
        'Borang ini tidak dapat dibaca. Tutup dan buka semula daripada kad tiket.',
      );
    }
    expect(await footprint()).toEqual(before);
  });

  it('tells the clicker a button it cannot read, logs it, and decides nothing', async () => {
    const before = await footprint();
    const calls = world.api.calls.length;
    const warnings = world.logged('warn').length;
    const seen = world.ephemeralsFor(zulkifli).length;
    const values = ['not json', '{"ticketId":"x","version":1}', JSON.stringify({ ticketId: randomUUID() })];
    for (const value of values) {
      const click = approveClick();
      click.actions[0] = { ...click.actions[0]!, value };
      expect(await world.client.interaction(click), value).toMatchObject({ status: 200 });
    }
    const unknown = approveClick();
    unknown.actions[0] = { ...unknown.actions[0]!, action_id: `${ACTION_ID_PREFIX}drop_tables` };
    expect(await world.client.interaction(unknown)).toMatchObject({ status: 200 });
    await until(() => world.logged('warn').length >= warnings + 4, 'a warning for each bad button');
    expect(
      world
        .logged('warn')
        .slice(warnings)
        .every((l) => l.includes('unknown or malformed button')),
    ).toBe(true);
    const replies = await world.repliesTo(zulkifli, seen, 4);
    expect(replies.map((r) => r.text)).toEqual(
      Array.from(
        { length: 4 },
        () => 'Butang ini tidak dapat dibaca. Buka tiket daripada App Home dan cuba sekali lagi.',
      ),
    );
    expect(world.api.calls.slice(calls).every((c) => c.method === 'chat.postEphemeral')).toBe(true);
    expect(await footprint()).toEqual(before);
  });

  it('tells the clicker when the button names a ticket that does not exist', async () => {
    const before = await footprint();
    const seen = world.ephemeralsFor(zulkifli).length;
    const click = approveClick();
    click.actions[0] = {
      ...click.actions[0]!,
      value: JSON.stringify({ ticketId: randomUUID(), version: 1 }),
    };
    expect(await world.client.interaction(click)).toMatchObject({ status: 200 });
    const [reply] = await world.repliesTo(zulkifli, seen);
    expect(reply!.text).toMatch(/tidak ditemui lagi/);
    expect(await footprint()).toEqual(before);
  });

  it('tells the person with a reference when the database fails under a submission; nothing is kept', async () => {
    const before = await footprint();
    await db.prisma.$executeRawUnsafe('ALTER TABLE handled_actions RENAME TO handled_actions_away');
    let answer: Awaited<ReturnType<SlackWorld['submit']>>;
    try {
      answer = await world.submit(zulkifli, rejectForm, note('comments', 'Tidak perlu.'));
    } finally {
      await db.prisma.$executeRawUnsafe('ALTER TABLE handled_actions_away RENAME TO handled_actions');
    }
    expect(answer.status).toBe(200);
    const json = answer.json as { response_action: string; view: { blocks: unknown[] } };
    expect(json.response_action).toBe('update');
    const reference = /rujukan (\w{8}) kepada Meja Bantuan/.exec(wordsOf(json.view.blocks))?.[1];
    expect(reference).toBeDefined();
    expect(world.logged('error').filter((l) => l.includes(reference!))).toHaveLength(1);
    expect(await footprint()).toEqual(before);
  });

  it('puts the buttons back and gives a reference when the database fails under a click', async () => {
    const before = await footprint();
    // The failed submission above puts the card's buttons back after its answer.
    await expect
      .poll(() => buttonsOf(world.cardWith(CHANNELS.approvals, 'reject', number).blocks))
      .toContain(actionIdOf('approve'));
    const card = world.cardWith(CHANNELS.approvals, 'approve', number);
    const seen = world.ephemeralsFor(zulkifli).length;
    await db.prisma.$executeRawUnsafe('ALTER TABLE handled_actions RENAME TO handled_actions_away');
    try {
      await world.click(zulkifli, card, 'approve');
      const [reply] = await world.repliesTo(zulkifli, seen);
      expect(reply!.text).toMatch(/rujukan \w{8}/);
    } finally {
      await db.prisma.$executeRawUnsafe('ALTER TABLE handled_actions_away RENAME TO handled_actions');
    }
    const drawn = world.api.message(card.channel, card.ts)!;
    expect(drawn.versions.some((v) => wordsOf(v.blocks).includes('Sedang diproses…'))).toBe(true);
    expect(buttonsOf(drawn.blocks)).toContain(actionIdOf('approve'));
    expect(await footprint()).toEqual(before);
  });

  it('puts the buttons back when the database goes down after "Processing…" and before the decision', async () => {
    const before = await footprint();
    const card = world.cardWith(CHANNELS.approvals, 'approve', number);
    const seen = world.ephemeralsFor(zulkifli).length;
    const updates = world.api.callsTo('chat.update').length;
    // The swap's update is slow, so the database can go after the swap read it and before the decision.
    world.api.failNext('chat.update', { kind: 'slow', delayMs: 600 });
    const clicked = world.click(zulkifli, card, 'approve');
    await until(() => world.api.callsTo('chat.update').length > updates, 'the swap to "Processing…"');
    await db.prisma.$executeRawUnsafe('ALTER TABLE handled_actions RENAME TO handled_actions_away');
    await db.prisma.$executeRawUnsafe('ALTER TABLE posted_cards RENAME TO posted_cards_away');
    try {
      await clicked;
      const [reply] = await world.repliesTo(zulkifli, seen);
      expect(reply!.text).toMatch(/rujukan \w{8}/);
      await until(
        () => world.api.callsTo('chat.update').length >= updates + 2,
        'the card drawn again without "Processing…"',
      );
    } finally {
      await db.prisma.$executeRawUnsafe('ALTER TABLE posted_cards_away RENAME TO posted_cards');
      await db.prisma.$executeRawUnsafe('ALTER TABLE handled_actions_away RENAME TO handled_actions');
    }
    const drawn = world.api.message(card.channel, card.ts)!;
    expect(wordsOf(drawn.blocks)).not.toContain('Sedang diproses…');
    expect(buttonsOf(drawn.blocks)).toContain(actionIdOf('approve'));
    expect(await footprint()).toEqual(before);
  });

  it('keeps serving: the next genuine command opens its modal and the form still decides', async () => {
    const opened = world.modals().length;
    expect(await world.command(aminah, '/changerequest', 'Selepas serangan')).toMatchObject({ status: 200 });
    await world.modalAfter(opened);
    const answer = await world.submit(zulkifli, rejectForm, note('comments', 'Tidak perlu.'));
    expect(answer).toMatchObject({ status: 200, body: '' });
    expect((await world.ticket(number)).state).toBe('rejected');
    await world.settle();
    expect(expectEverySurfaceValid(world.api)).toBeGreaterThan(10);
    expect(world.logged('error').filter((l) => !/slack (form submission|request) failed/.test(l))).toEqual(
      [],
    );
  });
});
