import { afterAll, beforeAll, expect, it } from 'vitest';
import { formDefinition } from '../../cards/forms/definitions.ts';
import { actionIdOf } from '../../cards/ids.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { adaptiveCardAction, cardRefresh, messageActivity } from '../support/teams/activities.ts';
import type { StoredActivity } from '../support/teams/connector-state.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';
import {
  AGENCY_YAML,
  ANNOUNCE_CHANNEL,
  cardOf,
  filledForm,
  hafiz,
  inputsOf,
  type Json,
  minutesAgo,
  NEXT_WEEK,
  SOC_CHANNEL,
  startTeamsWorld,
  type TeamsWorld,
  withCard,
} from '../support/teams-world.ts';

// SOP 4.1 in Microsoft Teams, through the real Agents SDK on mailops's /api/messages (anonymous, as the
// playground runs it) and the fake Bot Framework connector: a command answered with the form as a card,
// the form sent with Action.Execute, the approval card in the approvals channel as a status-only view whose
// buttons only the approver's own view (refresh) carries, the decision and the card updated in place,
// SOC's Sections B and D inside the card, the requester's confirmation and the closure notice.

const { aminah, rosli } = TENANT.users;

describeEachDatabase('Teams: a change request from command to decision', (suite) => {
  let db: TestDatabase;
  let world: TeamsWorld;
  let connector: TeamsWorld['connector'];
  let bot: TeamsWorld['bot'];
  beforeAll(async () => {
    db = await suite.create();
    world = await startTeamsWorld(db, AGENCY_YAML);
    ({ connector, bot } = world);
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
  const approvalCardOf = (number: string) => world.cardIn(TENANT.channels.approvals, number);
  const greet = () => world.greet();

  it('answers "changerequest …" in the personal chat with the form as a card, pre-filled', async () => {
    // Everyone talks to the bot where they work, so mailops can reach those places later.
    await greet();

    const sent = messageActivity({
      serviceUrl: serviceUrl(),
      from: aminah,
      // A description typed over several lines keeps them (Teams sends the message's line breaks as \n).
      text: 'changerequest Tambah rakan.com.my ke senarai putih\nSebab:  rakan kongsi projek MyGov',
    });
    expect((await bot.send(sent)).status).toBe(200);
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const card = cardOf(form)!;
    expect(adaptiveCardProblems(card)).toEqual([]);
    const inputs = inputsOf(card, {});
    expect(inputs.description).toBe(
      'Tambah rakan.com.my ke senarai putih\nSebab:  rakan kongsi projek MyGov',
    );
    expect(Object.values(inputs)).toContain('aminah@agensi.gov.my');
  });

  it('opens the ticket when the form is sent, and posts the approval card to the approvals channel', async () => {
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const definition = formDefinition('change_request', { endorsementRequired: false });
    const typed: Record<string, string> = {};
    for (const field of definition.fields) {
      if (field.kind === 'select') typed[field.id] = field.options![0]!.value;
      if (field.kind === 'datetime')
        Object.assign(typed, { [field.id]: NEXT_WEEK, [`${field.id}__time`]: '10:00' });
      if (field.kind === 'multiline' && field.id !== 'description')
        typed[field.id] = 'Penghantaran e-mel rakan akan terus disekat.';
    }
    const answer = await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: aminah,
        card: form,
        verb: 'form:change_request',
        inputs: inputsOf(cardOf(form), typed),
      }),
    );
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value)).toMatch(/CR-\d{4}-\d{6}/);
    const ticket = await db.prisma.ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    expect(ticket.state).toBe('awaiting_approval');

    await settle();
    const approval = approvalCardOf(ticket.number);
    const card = cardOf(approval)!;
    expect(adaptiveCardProblems(card)).toEqual([]);
    // The requested time is shown in Malaysia time, as the form asked for it, not as a UTC timestamp.
    expect(JSON.stringify(card)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    const [year, month, day] = NEXT_WEEK.split('-').map(Number) as [number, number, number];
    const malayMonth = ['Jan', 'Feb', 'Mac', 'Apr', 'Mei', 'Jun', 'Jul', 'Ogo', 'Sep', 'Okt', 'Nov', 'Dis'];
    expect(JSON.stringify(card)).toContain(`${day} ${malayMonth[month - 1]} ${year}, 10:00 PG (MYT)`);
    // Everyone sees the status; only Rosli's own view, fetched by Teams through refresh, has the buttons.
    expect(JSON.stringify(card.actions ?? [])).not.toContain(actionIdOf('approve'));
    expect((card.refresh as { userIds: string[] }).userIds).toEqual([rosli.id]);
  });

  it('gives the approver his view even when Teams asks before mailops has recorded the posted message', async () => {
    // Teams may refresh a card while mailops's post is still being answered, before the message id is
    // recorded; the card's own data then says which card it is.
    const ticket = await db.prisma.ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    const unrecorded = { ...approvalCardOf(ticket.number), id: '1700000000000' };
    const own = await invoke(cardRefresh({ serviceUrl: serviceUrl(), from: rosli, card: unrecorded }));
    expect(own.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(own.value)).toContain(actionIdOf('approve'));

    // A card an older mailops posted names no kind: Rosli then gets the status, never a failure.
    const card = cardOf(unrecorded)!;
    const refresh = card.refresh as { action: { data: Json } };
    const { card: _kind, ...olderData } = refresh.action.data;
    const older = withCard(unrecorded, {
      ...card,
      refresh: { ...refresh, action: { ...refresh.action, data: olderData } },
    });
    const status = await invoke(cardRefresh({ serviceUrl: serviceUrl(), from: rosli, card: older }));
    expect(status.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(status.value)).toContain(ticket.number);
    expect(JSON.stringify(status.value)).not.toContain(actionIdOf('approve'));
  });

  it('gives the approver his own view with Approve, records one decision, and updates the card in place', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    const approval = approvalCardOf(ticket.number);
    const own = await invoke(cardRefresh({ serviceUrl: serviceUrl(), from: rosli, card: approval }));
    const view = own.value as Json;
    expect(adaptiveCardProblems(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain(actionIdOf('approve'));

    const seen: StoredActivity = withCard(approval, view as Json);
    const click = () =>
      invoke(
        adaptiveCardAction({
          serviceUrl: serviceUrl(),
          from: rosli,
          card: seen,
          verb: actionIdOf('approve'),
        }),
      );
    const [first, second] = await Promise.all([click(), click()]);
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'awaiting_implementation',
    );
    expect(await db.prisma.auditEvent.count({ where: { ticketId: ticket.id, type: 'cr.approved' } })).toBe(1);
    const texts = [first, second].map((a) => JSON.stringify(a.value));
    expect(texts.some((t) => /Diluluskan oleh Rosli bin Ahmad/.test(t))).toBe(true);

    await settle();
    const updated = connector.message(TENANT.channels.approvals, approval.id)!;
    expect(updated.versions.length).toBeGreaterThan(1);
    expect(JSON.stringify(cardOf(updated))).toMatch(/Diluluskan oleh Rosli bin Ahmad/);
  });

  it('SOC starts implementing with Section B in the card itself, then marks it implemented with Section D', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    const soc = await ownView(hafiz, cardIn(SOC_CHANNEL, ticket.number));
    const formAnswer = await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: hafiz,
        card: soc,
        verb: actionIdOf('start_implementation'),
      }),
    );
    const sectionB = formAnswer.value as Json;
    expect(adaptiveCardProblems(sectionB)).toEqual([]);
    // Signed with his own name and designation, as on the paper form.
    expect(inputsOf(sectionB, {}).name).toBe('Muhammad Hafiz');
    const asForm: StoredActivity = withCard(soc, sectionB as Json);
    const sent = await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: hafiz,
        card: asForm,
        verb: 'form:start_implementation',
        inputs: filledForm(sectionB),
      }),
    );
    expect(sent.type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'implementing',
    );
    expect(await db.prisma.changeRequestSectionB.count({ where: { ticketId: ticket.id } })).toBe(1);

    await settle();
    const again = await ownView(hafiz, cardIn(SOC_CHANNEL, ticket.number));
    const sectionD = (
      await invoke(
        adaptiveCardAction({
          serviceUrl: serviceUrl(),
          from: hafiz,
          card: again,
          verb: actionIdOf('mark_implemented'),
        }),
      )
    ).value as Json;
    const asFormD: StoredActivity = withCard(again, sectionD as Json);
    await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: hafiz,
        card: asFormD,
        verb: 'form:mark_implemented',
        inputs: filledForm(sectionD, {
          actualStart: minutesAgo(3).date,
          actualStart__time: minutesAgo(3).time,
          actualEnd: minutesAgo(1).date,
          actualEnd__time: minutesAgo(1).time,
        }),
      }),
    );
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'awaiting_confirmation',
    );
  });

  it('asks the requester in her chat to confirm; Test passed closes the ticket and the announcements channel hears', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    await settle();
    const confirm = cardIn(personalChatOf(aminah), ticket.number);
    expect(adaptiveCardProblems(cardOf(confirm))).toEqual([]);
    // In her own chat the card carries its buttons directly, and says the step is hers.
    expect(JSON.stringify(cardOf(confirm))).toContain(actionIdOf('confirm_resolved'));
    expect(JSON.stringify(cardOf(confirm))).toMatch(/Menunggu tindakan anda sebelum .+ \(MYT\)/);
    const answer = await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: aminah,
        card: confirm,
        verb: actionIdOf('confirm_resolved'),
      }),
    );
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe('closed');
    await settle();
    const told = connector.messagesIn(ANNOUNCE_CHANNEL).map((m) => JSON.stringify(m.activity));
    expect(told.some((t) => t.includes(ticket.number))).toBe(true);
    connector.expectNoUnansweredRequests();
  });

  it('rejects with the Section C comment asked for in the card: an empty comment is refused on its field', async () => {
    const said = messageActivity({
      serviceUrl: serviceUrl(),
      from: aminah,
      text: 'changerequest Buang domain lama',
    });
    await bot.send(said);
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const definition = formDefinition('change_request', { endorsementRequired: false });
    const typed: Record<string, string> = {};
    for (const field of definition.fields)
      if (field.kind === 'multiline' && field.id !== 'description')
        typed[field.id] = 'Domain lama masih aktif.';
    await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: aminah,
        card: form,
        verb: 'form:change_request',
        inputs: filledForm(cardOf(form), typed),
      }),
    );
    const ticket = await db.prisma.ticket.findFirstOrThrow({
      where: { title: { contains: 'Buang domain lama' } },
    });
    await settle();
    const own = await ownView(rosli, approvalCardOf(ticket.number));
    const reject = (
      await invoke(
        adaptiveCardAction({ serviceUrl: serviceUrl(), from: rosli, card: own, verb: actionIdOf('reject') }),
      )
    ).value as Json;
    expect(adaptiveCardProblems(reject)).toEqual([]);
    const refused = (
      await invoke(
        adaptiveCardAction({
          serviceUrl: serviceUrl(),
          from: rosli,
          card: withCard(own, reject),
          verb: 'form:reject',
          inputs: { comments: '   ' },
        }),
      )
    ).value as Json;
    expect(JSON.stringify(refused)).toContain('Sila nyatakan ulasan apabila permohonan tidak diluluskan.');
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'awaiting_approval',
    );
    await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: rosli,
        card: withCard(own, refused),
        verb: 'form:reject',
        inputs: { comments: 'Domain ini masih digunakan.' },
      }),
    );
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe('rejected');
    await settle();
    expect(JSON.stringify(cardOf(approvalCardOf(ticket.number)))).toMatch(
      /Tidak diluluskan oleh Rosli bin Ahmad/,
    );
  });

  it('tells the requester she may not approve, and changes nothing', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { kind: 'change_request' } });
    const before = await db.prisma.auditEvent.count({ where: { ticketId: ticket.id } });
    const approval = approvalCardOf(ticket.number);
    const forged = {
      ...adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: aminah,
        card: {
          ...approval,
          activity: {
            ...approval.activity,
            attachments: [
              {
                contentType: 'application/vnd.microsoft.card.adaptive',
                content: {
                  type: 'AdaptiveCard',
                  actions: [
                    {
                      type: 'Action.Execute',
                      verb: actionIdOf('approve'),
                      data: { ticketId: ticket.id, version: 1 },
                    },
                  ],
                },
              },
            ],
          },
        },
        verb: actionIdOf('approve'),
      }),
    };
    const answer = await invoke(forged);
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(answer.value)).not.toBe('');
    expect(await db.prisma.auditEvent.count({ where: { ticketId: ticket.id } })).toBe(before);
  });
});
