import { afterAll, beforeAll, expect, it } from 'vitest';
import { formDefinition } from '../../cards/forms/definitions.ts';
import { actionIdOf } from '../../cards/ids.ts';
import type { TicketActionType } from '../../flows/types.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { until } from '../support/slack-world.ts';
import { adaptiveCardAction, messageActivity } from '../support/teams/activities.ts';
import type { StoredActivity } from '../support/teams/connector-state.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';
import {
  AGENCY_YAML,
  azlan,
  cardOf,
  filledForm,
  hafiz,
  inputsOf,
  type Json,
  SOC_CHANNEL,
  startTeamsWorld,
  type TeamsWorld,
  TWO_DAYS_AGO,
  VENDOR_CHANNEL,
  withCard,
} from '../support/teams-world.ts';

// SOP 4.2 in Microsoft Teams, as the change-request walk does SOP 4.1: the complaint form as a card, SOC
// resolving from its own view of the card, a failed retest going back to SOC, the vendor loop, and every
// notice delivered once however the connector misbehaves.

const { aminah } = TENANT.users;

describeEachDatabase('Teams: a complaint, the vendor loop and delivery failures', (suite) => {
  let db: TestDatabase;
  let world: TeamsWorld;
  let connector: TeamsWorld['connector'];
  let bot: TeamsWorld['bot'];
  let app: TeamsWorld['app'];
  beforeAll(async () => {
    db = await suite.create();
    world = await startTeamsWorld(db, AGENCY_YAML);
    ({ connector, bot, app } = world);
    await world.greet();
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });
  // The names the steps below use, bound to this suite's world.
  const serviceUrl = () => world.connector.url;
  const settle = () => world.settle();
  const invoke = (activity: object) => world.invoke(activity);
  const ownView = (from: typeof hafiz, stored: StoredActivity) => world.ownView(from, stored);
  const cardIn = (conversation: string, number: string) => world.cardIn(conversation, number);
  type Person = Parameters<typeof adaptiveCardAction>[0]['from'];
  /** A button pressed on a card: its answer is the form the action asks for, or the card as it now stands. */
  const press = async (from: Person, card: StoredActivity, action: TicketActionType) =>
    (await invoke(adaptiveCardAction({ serviceUrl: serviceUrl(), from, card, verb: actionIdOf(action) })))
      .value as Json;
  /** Sends the form a button opened inside `card`, filled as a person would. */
  const send = (from: Person, card: StoredActivity, form: Json, action: TicketActionType) =>
    invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from,
        card: withCard(card, form),
        verb: `form:${action}`,
        inputs: filledForm(form),
      }),
    );
  /** Sends a form the bot posted as a message of its own (what /mailcomplaint and /changerequest answer). */
  const sendPosted = (form: StoredActivity, verb: string, inputs: Record<string, string>) =>
    invoke(adaptiveCardAction({ serviceUrl: serviceUrl(), from: aminah, card: form, verb, inputs }));
  // Aminah files a complaint from the form /mailcomplaint sends her; the newest complaint is hers.
  async function fileComplaint(domain: string, exampleSender: string, exampleRecipient: string) {
    await bot.send(
      messageActivity({ serviceUrl: serviceUrl(), from: aminah, text: `mailcomplaint ${domain}` }),
    );
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const inputs = filledForm(cardOf(form), { exampleSender, exampleRecipient, startedAt: TWO_DAYS_AGO });
    await sendPosted(form, 'form:complaint', inputs);
    return db.prisma.ticket.findFirstOrThrow({
      where: { kind: 'complaint' },
      orderBy: { createdAt: 'desc' },
    });
  }

  it('walks a complaint (SOP 4.2): form, SOC resolves, a failed retest goes back to SOC, then it closes', async () => {
    const said = messageActivity({
      serviceUrl: serviceUrl(),
      from: aminah,
      text: 'mailcomplaint agensi.gov.my',
    });
    expect((await bot.send(said)).status).toBe(200);
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    expect(adaptiveCardProblems(cardOf(form))).toEqual([]);
    expect(inputsOf(cardOf(form), {}).domain).toBe('agensi.gov.my');
    const inputs = filledForm(cardOf(form), {
      exampleSender: 'pegawai@agensi.gov.my',
      exampleRecipient: 'rakan@rakan.com.my',
      startedAt: TWO_DAYS_AGO,
    });
    for (const [id, value] of Object.entries(inputs))
      if (value === 'Diuji dan disahkan oleh pasukan.') inputs[id] = '';
    const opened = await sendPosted(form, 'form:complaint', inputs);
    expect(JSON.stringify(opened.value)).toMatch(/AD-\d{4}-\d{6}/);
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { kind: 'complaint' } });
    expect(ticket.state).toBe('investigating');

    const resolve = async () => {
      await settle();
      const soc = await ownView(hafiz, cardIn(SOC_CHANNEL, ticket.number));
      const notes = await press(hafiz, soc, 'mark_resolved');
      expect(adaptiveCardProblems(notes)).toEqual([]);
      await send(hafiz, soc, notes, 'mark_resolved');
      expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
        'awaiting_confirmation',
      );
      await settle();
      return cardIn(personalChatOf(aminah), ticket.number);
    };

    // Still failing: the requester says what failed, and the ticket goes back to SOC (steps 7 → 8 → 3).
    const first = await resolve();
    const failing = await press(aminah, first, 'report_still_failing');
    expect(adaptiveCardProblems(failing)).toEqual([]);
    await send(aminah, first, failing, 'report_still_failing');
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'investigating',
    );

    const second = await resolve();
    await press(aminah, second, 'confirm_resolved');
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe('closed');
  });

  it('escalates a complaint to the vendor channel; the vendor, in English, hands it back to SOC', async () => {
    const ticket = await fileComplaint('rakan.gov.my', '', '');
    expect(ticket.state).toBe('investigating');
    await settle();
    const soc = await ownView(hafiz, cardIn(SOC_CHANNEL, ticket.number));
    const ask = await press(hafiz, soc, 'escalate_to_vendor');
    await send(hafiz, soc, ask, 'escalate_to_vendor');
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'escalated_to_vendor',
    );
    await settle();
    const vendorCard = cardIn(VENDOR_CHANNEL, ticket.number);
    expect(adaptiveCardProblems(cardOf(vendorCard))).toEqual([]);
    const own = await ownView(azlan, vendorCard);
    const notes = await press(azlan, own, 'vendor_resolved');
    // Azlan's configuration says English.
    expect(JSON.stringify(notes)).not.toContain('Hantar');
    await send(azlan, own, notes, 'vendor_resolved');
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'investigating',
    );
    // Done, he holds no button, and still reads the channel's card in English (the shared card is Malay).
    await settle();
    const after = cardIn(VENDOR_CHANNEL, ticket.number);
    expect(JSON.stringify(cardOf(after))).toContain('Diselesaikan di pihak vendor oleh Azlan bin Omar');
    const his = JSON.stringify((await ownView(azlan, after)).activity);
    expect(his).toContain("Resolved on the vendor's side by Azlan bin Omar");
    expect(his).not.toContain('Action.Execute","verb":"vendor_resolved');
  });

  it('records one set of findings for a findings form sent twice, as Slack does', async () => {
    const ticket = await fileComplaint('agensi.gov.my', 'pegawai@agensi.gov.my', 'rakan@rakan.com.my');
    await settle();
    const soc = await ownView(hafiz, cardIn(SOC_CHANNEL, ticket.number));
    const findings = await press(hafiz, soc, 'record_findings');
    // The form takes the card's place, so it keeps the bot's investigation in view above the box.
    expect(JSON.stringify(findings)).toContain('Siasatan automatik (SOP 4.2 langkah 3)');
    // Submit pressed twice, or the invoke re-sent: the ticket stays in `investigating` either way, so only
    // the form's own version tells the second from a new set of findings.
    await send(hafiz, soc, findings, 'record_findings');
    await send(hafiz, soc, findings, 'record_findings');
    const events = await db.prisma.auditEvent.findMany({ where: { ticketId: ticket.id } });
    expect(events.filter((e) => e.type.endsWith('findings_recorded'))).toHaveLength(1);
  });

  it('delivers every notice exactly once through a 429 with Retry-After, a 500 and a reset connection', async () => {
    await bot.send(
      messageActivity({
        serviceUrl: serviceUrl(),
        from: aminah,
        text: 'changerequest Ujian penghantaran semula',
      }),
    );
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const typed: Record<string, string> = {};
    for (const field of formDefinition('change_request', { endorsementRequired: false }).fields)
      if (field.kind === 'multiline' && field.id !== 'description') typed[field.id] = 'Ujian.';
    // Whatever earlier steps left for delivery goes first, so the failures below spoil this ticket's calls.
    await settle();
    connector.failNext('sendToConversation', { kind: 'rate_limited', retryAfterSeconds: 1 });
    connector.failNext('sendToConversation', { kind: 'server_error', status: 500 });
    connector.failNext('sendToConversation', { kind: 'connection_reset' });
    const before = connector.callsTo('sendToConversation').length;
    await sendPosted(form, 'form:change_request', filledForm(cardOf(form), typed));
    const ticket = await db.prisma.ticket.findFirstOrThrow({
      where: { title: { contains: 'Ujian penghantaran semula' } },
    });
    await until(
      async () => {
        await app.dispatcher.drainOnce();
        return (
          (await db.prisma.outboxMessage.count({
            where: { ticketId: ticket.id, status: { not: 'sent' } },
          })) === 0
        );
      },
      'every notice to be delivered despite the failures',
      15_000,
    );
    const rows = await db.prisma.outboxMessage.findMany({
      where: { ticketId: ticket.id, kind: { not: 'card.refresh' } },
    });
    const calls = connector.callsTo('sendToConversation').slice(before);
    // Three spoiled calls were retried; everything else was accepted once, one message per row.
    expect(calls.filter((c) => c.status !== 200 && c.status !== 201)).toHaveLength(3);
    expect(new Set(rows.map((r) => r.platformMessageId)).size).toBe(rows.length);
    const accepted = calls.filter((c) => c.status === 200 || c.status === 201);
    expect(accepted).toHaveLength(rows.length);
    // The 429's Retry-After was honoured: that conversation heard nothing more for a second.
    const limited = calls.find((c) => c.status === 429)!;
    const next = calls.find((c) => c.at > limited.at && c.conversationId === limited.conversationId);
    expect(next).toBeDefined();
    expect(next!.at - limited.at).toBeGreaterThanOrEqual(1000);
    connector.expectNoUnansweredRequests();
  });
});
