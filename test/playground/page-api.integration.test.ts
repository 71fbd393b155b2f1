import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf } from '../../cards/ids.ts';
import { createMessageStore } from '../../src/platform/playground/message-store.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import {
  clickData,
  type Json,
  type PageMessage,
  type PlaygroundWorld,
  startPlaygroundWorld,
  verbsOn,
} from '../support/playground-world.ts';
import { filledForm } from '../support/teams-world.ts';

// The local playground through the API its page uses, on the sample configuration's agency: the bot is added
// to every chat and channel at start, a command typed in a person's chat is answered with the form as a
// card, the manager endorses from his chat, the approval card in the approvals channel shows its buttons
// only to the approvers (their own view, fetched as Teams does with `refresh`), the decision updates the card
// for everyone, and the ticket timeline follows. Wrong input is refused with a sentence in the page's
// language and changes nothing; a restart keeps every conversation and the bot can still update its cards.

const APPROVALS = '19:playground-approvals@thread.tacv2';
const SOC = '19:playground-soc@thread.tacv2';
const chatOf = (person: string) => `a:playground-${person}`;
const cards = (messages: PageMessage[]) => messages.filter((m) => m.card !== undefined);
const mentions = (number: string) => (m: PageMessage) => JSON.stringify(m.card ?? {}).includes(number);
describeEachDatabase('Playground: a change request through the page', (suite) => {
  let db: TestDatabase;
  let world: PlaygroundWorld;
  let number = '';
  beforeAll(async () => {
    db = await suite.create();
    world = await startPlaygroundWorld(db);
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  it('lists the agency: every configured person with their roles and personal chat, and the channels', async () => {
    const ms = await world.page.setup('ms');
    expect(ms.status).toBe(200);
    const people = ms.body.people as Json[];
    expect(people.map((p) => p.id)).toEqual([
      'aminah',
      'rahman',
      'farah',
      'zulkifli',
      'noraini',
      'hafiz',
      'syafiqah',
      'azlan',
      'salmah',
    ]);
    expect(people[0]).toMatchObject({
      name: 'Aminah binti Yusof',
      roles: ['requester'],
      roleLabels: ['Pemohon (Pentadbir UC Agensi)'],
      chat: chatOf('aminah'),
    });
    expect((ms.body.channels as Json[]).map((c) => c.purpose)).toEqual([
      'approvals',
      'soc',
      'vendor',
      'announcements',
      'service_desk',
    ]);
    const en = await world.page.setup('en');
    expect((en.body.texts as Record<string, string>)['role.approver']).toBe('Approver');
    expect((en.body.channels as Json[])[0]).toMatchObject({ id: APPROVALS });
    // The bot was added everywhere at start: it holds a conversation reference for each place.
    expect(await db.prisma.conversationRef.count()).toBe(9 + 5);
  });

  it('answers /changerequest in the requester’s chat with the form, and opens the ticket when it is sent', async () => {
    const sent = await world.page.send('aminah', chatOf('aminah'), '/changerequest Tambah rakan.com.my');
    expect(sent).toEqual({ status: 200, body: { ok: true } });
    const messages = await world.seen(chatOf('aminah'), 'aminah', (m) => cards(m).length === 1);
    expect(messages[0]).toMatchObject({ from: { bot: false, name: 'Aminah binti Yusof' } });
    expect(messages[0]!.text).toBe('/changerequest Tambah rakan.com.my');
    const form = cards(messages)[0]!;
    expect(adaptiveCardProblems(form.card)).toEqual([]);
    expect(JSON.stringify(form.card)).toContain('Tambah rakan.com.my');

    const answer = await world.page.action(
      'aminah',
      chatOf('aminah'),
      form.id,
      'form:change_request',
      clickData(form.card, 'form:change_request', filledForm(form.card)),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.card).toBeDefined();
    number = /CR-\d{4}-\d+/.exec(JSON.stringify(answer.body.card))![0];
    // The answer replaced the form for Aminah: it is what she sees on that message from now on.
    const after = await world.page.messages(chatOf('aminah'), 'aminah');
    expect(JSON.stringify(after.body.messages.find((m) => m.id === form.id)?.card)).toContain(number);
  });

  it('asks the manager in his chat, and the approvers in the approvals channel once he endorses', async () => {
    const rahman = await world.seen(chatOf('rahman'), 'rahman', (m) => cards(m).some(mentions(number)));
    const endorsement = cards(rahman).find(mentions(number))!;
    expect(verbsOn(endorsement.card)).toContain(actionIdOf('endorse'));
    const endorsed = await world.page.action(
      'rahman',
      chatOf('rahman'),
      endorsement.id,
      actionIdOf('endorse'),
      clickData(endorsement.card, actionIdOf('endorse')),
    );
    expect(endorsed.status).toBe(200);
    expect(verbsOn(endorsed.body.card)).not.toContain(actionIdOf('endorse'));

    // An approver sees their own view with the buttons; anyone else the status only.
    const asApprover = await world.seen(APPROVALS, 'zulkifli', (m) => cards(m).some(mentions(number)));
    const approval = cards(asApprover).find(mentions(number))!;
    expect(approval.personal).toBe(true);
    expect(verbsOn(approval.card)).toEqual(
      expect.arrayContaining([actionIdOf('approve'), actionIdOf('reject')]),
    );
    const asRequester = (await world.page.messages(APPROVALS, 'aminah')).body.messages.find(
      (m) => m.id === approval.id,
    )!;
    expect(verbsOn(asRequester.card)).not.toContain(actionIdOf('approve'));
    expect(asRequester.personal).toBeUndefined();
  });

  it('answers "tiket" in an approver’s chat with her home card, whose Open brings the card with her buttons', async () => {
    const chat = chatOf('noraini');
    expect((await world.page.send('noraini', chat, 'tiket')).status).toBe(200);
    const homes = await world.seen(chat, 'noraini', (m) => cards(m).some(mentions(number)));
    const home = cards(homes).find(mentions(number))!;
    expect(adaptiveCardProblems(home.card)).toEqual([]);
    expect(JSON.stringify(home.card)).toContain('Menunggu tindakan saya');
    const opened = await world.page.action('noraini', chat, home.id, 'open', clickData(home.card, 'open'));
    expect(opened.status).toBe(200);
    expect(JSON.stringify(opened.body.card)).toContain('Menunggu tindakan saya');
    const after = await world.seen(chat, 'noraini', (m) => cards(m).filter(mentions(number)).length === 2);
    const ticketCard = cards(after).filter(mentions(number)).at(-1)!;
    expect(verbsOn(ticketCard.card)).toEqual(
      expect.arrayContaining([actionIdOf('approve'), actionIdOf('reject')]),
    );
    expect(JSON.stringify(ticketCard.card)).toMatch(/Menunggu tindakan Pelulus: anda, Zulkifli bin Hassan/);
  });

  it('refuses a click by someone the SOP does not let act, with a sentence and nothing changed', async () => {
    const approval = cards((await world.page.messages(APPROVALS, 'zulkifli')).body.messages).find(
      mentions(number),
    )!;
    const data = clickData(approval.card, actionIdOf('approve'));
    const byRequester = await world.page.action(
      'aminah',
      APPROVALS,
      approval.id,
      actionIdOf('approve'),
      data,
    );
    expect(byRequester.status).toBe(200);
    expect(byRequester.body.text).toMatch(/Pelulus|approver/i);
    const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect(ticket.state).toBe('awaiting_approval');
  });

  /** Zulkifli, an approver, presses a button on a card in the approvals channel, as the page sends it. */
  const asApprover = (messageId: string, card: unknown, verb: string) =>
    world.page.action('zulkifli', APPROVALS, messageId, verb, clickData(card, verb));

  it('gives a form opened from the card a Cancel that brings the card back, nothing decided, after a reload too', async () => {
    const listed = async () =>
      cards((await world.page.messages(APPROVALS, 'zulkifli')).body.messages).find(mentions(number))!;
    await world.settle();
    const approval = await listed();
    const reject = actionIdOf('reject');
    const form = await asApprover(approval.id, approval.card, reject);
    // The form keeps the request in view while it is shown in the card's place.
    expect(verbsOn(form.body.card)).toEqual(['form:reject', 'cancel']);
    expect(JSON.stringify(form.body.card)).toContain('Tambah rakan.com.my');
    expect(verbsOn((await listed()).card)).toEqual(['form:reject', 'cancel']);
    const back = await asApprover(approval.id, form.body.card, 'cancel');
    expect(verbsOn(back.body.card)).toEqual(expect.arrayContaining([actionIdOf('approve'), reject]));
    // A reload lists the card, not the form; nothing was decided or written.
    expect(verbsOn((await listed()).card)).toEqual(expect.arrayContaining([actionIdOf('approve'), reject]));
    const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect(ticket.state).toBe('awaiting_approval');
    expect(await db.prisma.auditEvent.count({ where: { ticketId: ticket.id, type: 'cr.rejected' } })).toBe(0);
  });

  it('approves from the channel: one decision on a double click, and the card updated for everyone', async () => {
    const approval = cards((await world.page.messages(APPROVALS, 'zulkifli')).body.messages).find(
      mentions(number),
    )!;
    const reject = actionIdOf('reject');
    const form = await asApprover(approval.id, approval.card, reject);
    const data = clickData(approval.card, actionIdOf('approve'));
    const [first, second] = await Promise.all([
      world.page.action('zulkifli', APPROVALS, approval.id, actionIdOf('approve'), data),
      world.page.action('noraini', APPROVALS, approval.id, actionIdOf('approve'), data),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const events = await db.prisma.auditEvent.findMany({
      where: { ticket: { number }, type: 'cr.approved' },
    });
    expect(events).toHaveLength(1);
    // A form sent after the decision is answered in words; the card stays the card, not a notice in its place.
    const late = await world.page.action('zulkifli', APPROVALS, approval.id, 'form:reject', {
      ...clickData(form.body.card, 'form:reject'),
      comments: 'Tidak setuju.',
    });
    expect(late.body.card).toBeUndefined();
    expect(late.body.text).toMatch(/Zulkifli|Noraini/);
    const updated = await world.seen(APPROVALS, 'aminah', (m) =>
      m.some((x) => x.id === approval.id && x.edited === true),
    );
    expect(verbsOn(updated.find((m) => m.id === approval.id)!.card)).not.toContain(actionIdOf('approve'));
    // SOC is asked next, in its channel.
    await world.seen(SOC, 'hafiz', (m) => cards(m).some(mentions(number)));

    const timeline = await world.page.tickets('en');
    const ticket = timeline.body.tickets.find((t) => t.number === number)!;
    expect(ticket).toMatchObject({
      state: 'awaiting_implementation',
      kindLabel: 'Change request',
      closed: false,
    });
    expect(ticket.next).toMatch(/^Waiting for .+ by \d/);
    expect((ticket.events as Json[]).map((e) => e.label)).toEqual(
      expect.arrayContaining(['Request submitted', 'Endorsed by the manager', 'Approved (Section C)']),
    );
  });

  it('refuses wrong input with a sentence in the page’s language, and changes nothing', async () => {
    await world.settle();
    const count = await db.prisma.playgroundMessage.count();
    const nobody = await world.page.send('siti', chatOf('aminah'), 'hello', 'en');
    expect(nobody.status).toBe(404);
    expect(nobody.body.error?.message).toBe('No person called siti in the configuration.');
    const elsewhere = await world.page.messages(chatOf('aminah'), 'rahman', 'ms');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error?.message).toContain('Abd Rahman bin Ismail');
    const empty = await world.page.send('aminah', chatOf('aminah'), '   ', 'ms');
    expect(empty.status).toBe(400);
    expect(empty.body.error?.message).toBe('Taip mesej atau arahan dahulu.');
    const long = await world.page.send(
      'aminah',
      chatOf('aminah'),
      `/changerequest ${'x'.repeat(4001)}`,
      'en',
    );
    expect(long.status).toBe(400);
    expect(long.body.error?.message).toBe('The message is too long: 4000 characters at most.');
    const lost = await world.page.action('aminah', chatOf('aminah'), '42', 'refresh', {}, 'en');
    expect(lost.status).toBe(404);
    expect(lost.body.error?.message).toBe(
      'That message is not in this conversation. Reload the page and try again.',
    );
    const lostMs = await world.page.action('aminah', chatOf('aminah'), '42', 'refresh', {}, 'ms');
    expect(lostMs.body.error?.message).toBe(
      'Mesej itu tiada dalam perbualan ini. Muat semula halaman dan cuba lagi.',
    );
    const garbage = await fetch(`${world.base}/playground/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(garbage.status).toBe(400);
    expect(await db.prisma.playgroundMessage.count()).toBe(count);
  });

  it('tells the page about every change on its event stream', async () => {
    const controller = new AbortController();
    const res = await fetch(`${world.base}/playground/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let seen = '';
    try {
      const reading = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          seen += new TextDecoder().decode(value);
          if (seen.includes('event: message') && seen.includes('event: ticket')) return;
        }
      })();
      await world.page.send('hafiz', SOC, 'help');
      const soc = await world.seen(SOC, 'hafiz', (m) => m.some((x) => x.text === 'help'));
      const mine = soc.find((m) => m.text === 'help')!;
      // In a channel the bot answers in the thread the message started.
      await world.seen(SOC, 'hafiz', (m) => m.some((x) => x.replyToId === mine.id && x.from.bot));
      // A ticket change: SOC starts the implementation from its own view of the SOC card; it asks for
      // Section B inside the card.
      const socCard = cards((await world.page.messages(SOC, 'hafiz')).body.messages).find(mentions(number))!;
      const started = await world.page.action(
        'hafiz',
        SOC,
        socCard.id,
        actionIdOf('start_implementation'),
        clickData(socCard.card, actionIdOf('start_implementation')),
      );
      const sectionB = started.body.card!;
      expect(verbsOn(sectionB)).toContain('form:start_implementation');
      const planned = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      const sent = await world.page.action(
        'hafiz',
        SOC,
        socCard.id,
        'form:start_implementation',
        clickData(
          sectionB,
          'form:start_implementation',
          filledForm(sectionB, {
            plannedStart: planned,
            plannedEnd: planned,
          }),
        ),
      );
      expect(sent.status).toBe(200);
      await reading;
    } finally {
      await reader.cancel();
      controller.abort();
    }
    expect(seen).toMatch(
      /event: message\ndata: \{"conversation":"19:playground-soc@thread\.tacv2","messageId":"\d+"\}/,
    );
  });

  it('keeps every conversation across a restart, realigns a stale deadline, and the bot still updates the cards it posted before', async () => {
    const before = (await world.page.messages(SOC, 'hafiz')).body.messages;
    // A deadline written under another configuration (a holiday since removed, say) is worked out again at start.
    const { slaDueAt } = await db.prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect(slaDueAt).not.toBeNull();
    await db.prisma.ticket.update({
      where: { number },
      data: { slaDueAt: new Date('2020-01-01T00:00:00Z') },
    });
    await world.close();
    world = await startPlaygroundWorld(db);
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { number } })).slaDueAt).toEqual(slaDueAt);
    const after = (await world.page.messages(SOC, 'hafiz')).body.messages;
    // The outbox may have delivered more since; nothing from before is lost or changed place.
    expect(after.map((m) => m.id).slice(0, before.length)).toEqual(before.map((m) => m.id));
    // The next decision updates the SOC card posted before the restart, in place.
    const socCard = cards(after).find(mentions(number))!;
    const data = clickData(socCard.card, actionIdOf('mark_implemented'));
    const answer = await world.page.action('hafiz', SOC, socCard.id, actionIdOf('mark_implemented'), data);
    // Section D is a form: it opens inside the card.
    expect(answer.status).toBe(200);
    expect(verbsOn(answer.body.card)).toContain('form:mark_implemented');
    const message = await db.prisma.playgroundMessage.findUniqueOrThrow({ where: { id: socCard.id } });
    expect(message.version).toBeGreaterThan(1);
    // New ids stay above the ones given before the restart.
    await world.page.send('hafiz', SOC, 'help');
    const latest = (await world.page.messages(SOC, 'hafiz')).body.messages.at(-1)!;
    expect(Number(latest.id)).toBeGreaterThan(Math.max(...before.map((m) => Number(m.id))));
  });
});

describeEachDatabase('Playground: what each person sees on a card', (suite) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await suite.create();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('keeps a form a person opened when a refresh for the same version lands after it', async () => {
    const store = createMessageStore(db.prisma);
    const card = (verb: string) => ({ type: 'AdaptiveCard', actions: [{ type: 'Action.Execute', verb }] });
    const posted = await store.post({
      conversationId: SOC,
      activity: { type: 'message', attachments: [] },
      fromBot: true,
      fromName: 'mailops',
    });
    await store.setView(posted, '29:hafiz', card('form:mark_implemented'), 'answer');
    await store.setView(posted, '29:hafiz', card('refresh-view'), 'refresh');
    expect(verbsOn(await store.viewOf(posted.id, '29:hafiz'))).toEqual(['form:mark_implemented']);
    // Once the bot updates the message, the form is gone for everyone and a refresh fills the view again.
    await store.update(posted, { type: 'message', attachments: [] });
    expect(await store.viewOf(posted.id, '29:hafiz')).toBeUndefined();
    const updated = (await store.find(SOC, posted.id))!;
    await store.setView(updated, '29:hafiz', card('refresh-view'), 'refresh');
    expect(verbsOn(await store.viewOf(posted.id, '29:hafiz'))).toEqual(['refresh-view']);
    // An answer to the old version written late does not replace the current view.
    await store.setView(posted, '29:hafiz', card('late'), 'answer');
    expect(verbsOn(await store.viewOf(posted.id, '29:hafiz'))).toEqual(['refresh-view']);
  });
});
