import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf, FORM_IDS } from '../../cards/ids.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { blockActions, viewSubmission } from '../support/slack/interaction-payloads.ts';
import { slashCommand } from '../support/slack/slash-command.ts';
import { field } from '../support/slack/view-state.ts';
import { CHANNELS, dmOf, PEOPLE, type SlackWorld, startSlackWorld, until } from '../support/slack-world.ts';
import { note, sectionA } from './form-answers.ts';
import { buttonsOf, expectEverySurfaceValid, wordsOf } from './slack-output.ts';
import { awaitingApproval, stateBecomes } from './sop-steps.ts';

// How mailops talks to Slack.
// HTTP mode with Slack's Web API misbehaving under the outbox and under interactive calls: a 429 with
// Retry-After, a 500, a card that cannot be redrawn, a modal that cannot be opened. Every notification
// still arrives exactly once, no sooner than Slack asked, and people are told when their own request
// failed.
// Socket Mode, for agencies without a public endpoint: started with SLACK_APP_TOKEN and no signing
// secret, mailops connects through apps.connections.open to the local Socket Mode server, acknowledges
// every envelope on the socket, and runs the same procedures as over HTTP.

const { aminah, rahman } = PEOPLE;

interface Row {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  payload: unknown;
  platformMessageId: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

/** The Slack conversation an outbox row posts to: a channel as is, a person in their DM with the bot. */
function conversationOf(row: Row): string {
  const to = (row.payload as { to: { kind: 'channel'; channel: string } | { kind: 'user'; user: string } })
    .to;
  return to.kind === 'channel' ? to.channel : dmOf({ id: to.user });
}

describeEachDatabase('Slack over HTTP when the Web API fails', (suite) => {
  let db: TestDatabase;
  let world: SlackWorld;
  let number = '';
  beforeAll(async () => {
    db = await suite.create();
    world = await startSlackWorld(db);
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  it('delivers every notification of a decision exactly once through a 429 and a 500', async () => {
    world.api.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    world.api.failNext('chat.postMessage', { kind: 'server_error', status: 500 });
    await world.command(aminah, '/changerequest', 'Hantar walaupun Slack sibuk');
    const modal = await world.modalAfter(0);
    expect(await world.submit(aminah, modal, sectionA(rahman.id))).toMatchObject({ status: 200, body: '' });
    number = (await db.prisma.ticket.findFirstOrThrow()).number;

    // Retry-After is honoured: the limited row is not tried again for at least a second.
    const limited = await until(
      () => db.prisma.outboxMessage.findFirst({ where: { lastError: { contains: 'rate limited' } } }),
      'the rate-limited row to be rescheduled',
    );
    const call429 = world.api.callsTo('chat.postMessage').find((c) => c.injected === 'rate_limited')!;
    expect(call429.status).toBe(429);
    expect(limited.status).toBe('pending');
    expect(limited.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(call429.at + 1000);

    await world.settle();
    const rows = (await db.prisma.outboxMessage.findMany({
      where: { kind: { in: ['notify', 'card.post'] } },
    })) as Row[];
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const retried = rows.filter((r) => r.attempts > 1);
    expect(retried.map((r) => r.attempts)).toEqual([2, 2]);
    const again = rows.find((r) => r.id === limited.id)!;
    expect(again.sentAt!.getTime()).toBeGreaterThanOrEqual(limited.nextAttemptAt.getTime());
    const deliveredAgain = world.api
      .callsTo('chat.postMessage')
      .find((c) => c.answer?.ok && c.answer.ts === again.platformMessageId)!;
    expect(deliveredAgain.at).toBeGreaterThanOrEqual(limited.nextAttemptAt.getTime());

    // Exactly once: per conversation, one accepted post per outbox row, each row naming its own message.
    const posts = world.api.callsTo('chat.postMessage');
    expect(posts.filter((c) => c.injected)).toHaveLength(2);
    expect(posts.filter((c) => !c.answer?.ok && !c.injected)).toEqual([]);
    const expected = new Map<string, number>();
    for (const row of rows) expected.set(conversationOf(row), (expected.get(conversationOf(row)) ?? 0) + 1);
    const accepted = new Map<string, number>();
    for (const c of posts.filter((p) => p.answer?.ok)) {
      const channel = String(c.answer?.channel);
      accepted.set(channel, (accepted.get(channel) ?? 0) + 1);
    }
    expect(accepted).toEqual(expected);
    expect(new Set(rows.map((r) => r.platformMessageId)).size).toBe(rows.length);
    for (const row of rows)
      expect(world.api.message(conversationOf(row), row.platformMessageId!)).toBeDefined();
  });

  it('endorses even when Slack will not redraw the card, and the card still ends up right', async () => {
    // The first chat.update is the "Processing…" swap, the second the outbox's refresh.
    world.api.failNext('chat.update', { kind: 'server_error', status: 503 });
    world.api.failNext('chat.update', { kind: 'server_error', status: 502 });
    const card = world.cardWith(dmOf(rahman), 'endorse', number);
    await world.click(rahman, card, 'endorse');
    await stateBecomes(world, number, 'awaiting_approval');
    await world.settle();
    expect(world.logged('warn').some((l) => l.includes('could not redraw the card'))).toBe(true);
    const final = world.api.message(card.channel, card.ts)!;
    expect(buttonsOf(final.blocks)).toEqual([]);
    expect(wordsOf(final.blocks)).toMatch(/Disokong oleh Abd Rahman bin Ismail pada .+ \(MYT\)/);
    const approvalCards = world.messagesIn(CHANNELS.approvals).filter((m) => m.blocks);
    expect(approvalCards).toHaveLength(1);
  });

  /** Waits for every redraw, the slow one too, and for the card to show the decision. */
  async function afterSlowRedraw(card: { channel: string; ts: string }, decided: RegExp) {
    await world.settle();
    await until(
      async () => world.api.callsTo('chat.update').every((c) => c.outcome === 'answered'),
      'the slow redraw to land',
    );
    await expect.poll(() => wordsOf(world.api.message(card.channel, card.ts)!.blocks)).toMatch(decided);
  }

  it('rejects through the form while Slack is slow to redraw; the late "Processing…" does not stay', async () => {
    const ticket = await awaitingApproval(world, 'Slack lambat melukis semula kad');
    await world.settle();
    const card = world.cardWith(CHANNELS.approvals, 'reject', ticket);
    const opened = world.modals().length;
    await world.click(PEOPLE.zulkifli, card, 'reject');
    const form = await world.modalAfter(opened);
    // The swap to "Processing…" lands 1.5 s late, after the decision and the outbox's refresh.
    world.api.failNext('chat.update', { kind: 'slow', delayMs: 1500 });
    const answer = await world.submit(PEOPLE.zulkifli, form, note('comments', 'Tidak sesuai sekarang.'));
    expect(answer).toMatchObject({ status: 200, body: '' });
    await stateBecomes(world, ticket, 'rejected');
    await afterSlowRedraw(card, /Tidak diluluskan oleh Zulkifli bin Hassan pada .+ \(MYT\)/);
    const processing = world.api
      .message(card.channel, card.ts)!
      .versions.map((v) => wordsOf(v.blocks).includes('Sedang diproses…'));
    // The late "Processing…" landed and the final card was drawn after it, whichever of the decision's own
    // redraw and the outbox's refresh came first.
    expect(processing.lastIndexOf(true)).toBeGreaterThanOrEqual(0);
    expect(processing.lastIndexOf(true)).toBeLessThan(processing.length - 1);
    expect(buttonsOf(world.api.message(card.channel, card.ts)!.blocks)).toEqual([]);
  });

  it('approves on a click while Slack is slow to redraw; the late "Processing…" does not stay', async () => {
    const ticket = await awaitingApproval(world, 'Slack lambat semasa klik Lulus');
    await world.settle();
    const card = world.cardWith(CHANNELS.approvals, 'approve', ticket);
    world.api.failNext('chat.update', { kind: 'slow', delayMs: 1500 });
    await world.click(PEOPLE.zulkifli, card, 'approve');
    await stateBecomes(world, ticket, 'awaiting_implementation');
    await afterSlowRedraw(card, /Diluluskan oleh Zulkifli bin Hassan pada .+ \(MYT\)/);
    expect(wordsOf(world.api.message(card.channel, card.ts)!.blocks)).not.toContain('Sedang diproses…');
  });

  it('tells the requester, with a reference, when the modal cannot be opened, and writes nothing', async () => {
    const tickets = await db.prisma.ticket.count();
    const seen = world.ephemeralsFor(aminah).length;
    world.api.failNext('views.open', { kind: 'server_error', status: 500 });
    expect(await world.command(aminah, '/changerequest', 'Slack tidak dapat membuka borang')).toMatchObject({
      status: 200,
    });
    const [reply] = await world.repliesTo(aminah, seen);
    expect(reply!.channel).toBe(dmOf(aminah));
    const reference = /reference (\w{8})|rujukan (\w{8})/.exec(reply!.text ?? '');
    expect(reference).not.toBeNull();
    const id = reference![1] ?? reference![2]!;
    expect(world.logged('error').filter((l) => l.includes(id))).toHaveLength(1);
    expect(await db.prisma.ticket.count()).toBe(tickets);
  });

  it('sent nothing Slack would refuse', () => {
    expect(expectEverySurfaceValid(world.api)).toBeGreaterThan(10);
    world.api.expectNoUnansweredRequests();
  });
});

// A database of its own: the fake Web API numbers its views from V000000001 in every world, and a
// submitted form's view id is the idempotency key of the ticket it opens.
describeEachDatabase('Slack in Socket Mode', (suite) => {
  let world: SlackWorld;
  let tickets = 0;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await suite.create();
    world = await startSlackWorld(db, { socketMode: true });
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  it('connects with the app-level token and serves no HTTP endpoint', async () => {
    // mailops's own check of the app token at start, then Bolt's connection.
    expect(world.api.callsTo('apps.connections.open')).toEqual([
      expect.objectContaining({ tokenKind: 'app', status: 200 }),
      expect.objectContaining({ tokenKind: 'app', status: 200 }),
    ]);
    expect(world.socket!.openConnections).toBe(1);
    expect(
      (await world.client.command(slashCommand({ command: '/changerequest', user: aminah }))).status,
    ).toBe(404);
  });

  it('acks a /changerequest envelope and opens the modal', async () => {
    tickets = await db.prisma.ticket.count();
    const command = slashCommand({ command: '/changerequest', text: 'Melalui Socket Mode', user: aminah });
    const ack = await world.socket!.deliver('slash_commands', command);
    expect(ack.afterMs).toBeLessThan(3000);
    const modal = await world.modalAfter(0);
    expect(modal.callback_id).toBe(FORM_IDS.changeRequest);
    expect(await db.prisma.ticket.count()).toBe(tickets);
  });

  it('puts field errors in the envelope ack, then opens the ticket from an interactive view_submission', async () => {
    const modal = world.modals()[0]!;
    const others = { ...sectionA(rahman.id), requestType: { value: field.select('others') } };
    const refused = await world.socket!.deliver(
      'interactive',
      viewSubmission({ view: modal, user: aminah, values: others }),
    );
    expect(refused.payload).toEqual({
      response_action: 'errors',
      errors: { requestTypeOther: expect.any(String) },
    });
    expect(await db.prisma.ticket.count()).toBe(tickets);

    const ack = await world.socket!.deliver(
      'interactive',
      viewSubmission({ view: modal, user: aminah, values: sectionA(rahman.id) }),
    );
    expect(ack.payload ?? {}).toEqual({});
    const ticket = await db.prisma.ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(ticket.seq).toBe(tickets + 1);
    expect(ticket).toMatchObject({ state: 'awaiting_endorsement', requesterId: 'aminah' });
    await world.settle();

    const card = world.cardWith(dmOf(rahman), 'endorse', ticket.number);
    await world.socket!.deliver(
      'interactive',
      blockActions({ user: rahman, actionId: actionIdOf('endorse'), from: { message: card } }),
    );
    await stateBecomes(world, ticket.number, 'awaiting_approval');
    await world.settle();
  });

  it('sent nothing Slack would refuse, and every Web API call used the bot token', () => {
    expect(expectEverySurfaceValid(world.api)).toBeGreaterThan(5);
    const byBot = world.api.calls.filter((c) => c.method !== 'apps.connections.open');
    expect(byBot.every((c) => c.tokenKind === 'bot')).toBe(true);
    expect(world.logged('error')).toEqual([]);
  });
});
