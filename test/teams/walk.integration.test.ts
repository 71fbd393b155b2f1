import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formDefinition } from '../../cards/forms/definitions.ts';
import { actionIdOf } from '../../cards/ids.ts';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { describeEachDatabase, type TestDatabase, tempDir } from '../support/databases.ts';
import { freePort } from '../support/free-port.ts';
import { until } from '../support/slack-world.ts';
import { adaptiveCardAction, cardRefresh, messageActivity } from '../support/teams/activities.ts';
import { type BotClient, createBotClient } from '../support/teams/bot-client.ts';
import type { StoredActivity } from '../support/teams/connector-state.ts';
import { type FakeConnector, startFakeConnector } from '../support/teams/fake-connector.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';

// SOP 4.1 steps 1–5 in Microsoft Teams, through the real Agents SDK on mailops's /api/messages (anonymous,
// as the playground runs it) and the fake Bot Framework connector: a command answered with the form as a
// card, the form sent with Action.Execute, the approval card in the approvals channel as a status-only view
// whose buttons only the approver's own view (refresh) carries, the decision, and the card updated in place.

const { aminah, rosli } = TENANT.users;
// A SOC engineer the shared tenant fixture does not have.
const hafiz = {
  id: '29:1Hafiz5Tq2Lm8Nx4Kp7Rz0Wc3Vb6Yd9Gf1Sh4Jk',
  name: 'Muhammad Hafiz',
  aadObjectId: 'd3c4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  email: 'hafiz@soc.example',
  userPrincipalName: 'hafiz@soc.example',
  givenName: 'Muhammad',
  surname: 'Hafiz',
};
// Section D records what already happened: its times must be in the past.
const TWO_DAYS_AGO = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const azlan = {
  id: '29:1Azlan8Vb3Nm6Qw9Er2Ty5Ui8Op1As4Df7Gh0Jk',
  name: 'Azlan bin Omar',
  aadObjectId: 'e4d5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f7a',
  email: 'azlan@vendor.example',
  userPrincipalName: 'azlan@vendor.example',
  givenName: 'Azlan',
  surname: 'bin Omar',
};
const VENDOR_CHANNEL = '19:Ven6Cd9Ef2Gh5Ij8Kl1Mn4Op7Qr0St3Uv@thread.tacv2';
const SOC_CHANNEL = '19:Soc4Ab7Cd0Ef3Gh6Ij9Kl2Mn5Op8Qr1St@thread.tacv2';
const ANNOUNCE_CHANNEL = '19:Ann5Bc8De1Fg4Hi7Jk0Lm3No6Pq9Rs2Tu@thread.tacv2';
const YAML = `
people:
  - { id: aminah, name: Aminah binti Ali, email: aminah@agensi.gov.my, phone: 03-8888 1234, unit: BPM, roles: [requester], teams: ${aminah.aadObjectId} }
  - { id: rosli, name: Rosli bin Ahmad, email: rosli@jdn.gov.my, roles: [approver], teams: ${rosli.aadObjectId} }
  - { id: hafiz, name: Muhammad Hafiz, email: hafiz@soc.example, designation: Jurutera Keselamatan, roles: [soc], teams: ${hafiz.aadObjectId} }
  - { id: azlan, name: Azlan bin Omar, email: azlan@vendor.example, locale: en, roles: [vendor], teams: ${azlan.aadObjectId} }
channels:
  teams: { approvals: '${TENANT.channels.approvals}', soc: '${SOC_CHANNEL}', vendor: '${VENDOR_CHANNEL}', announcements: '${ANNOUNCE_CHANNEL}' }
endorsement:
  required: false
`;

type Json = Record<string, unknown>;
interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: Json | string;
}

/**
 * A form filled in as a person would: what is already there stays, and every required answer is given: the
 * first choice of a list, dates a week ahead with times an hour apart (an end after its start), a sentence.
 */
function filledForm(card: unknown, typed: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  let hour = 9;
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Json;
    const id = typeof n.id === 'string' ? n.id : '';
    const value = typeof n.value === 'string' ? n.value : '';
    // Optional boxes left empty stay empty, as a person in a hurry leaves them.
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && n.isRequired !== true)
      values[id] = value;
    else if (n.type === 'Input.ChoiceSet')
      values[id] = value || String((n.choices as Json[])[0]?.value ?? '');
    else if (n.type === 'Input.Date') values[id] = value || '2026-12-07';
    else if (n.type === 'Input.Time') values[id] = value || `${String(++hour).padStart(2, '0')}:00`;
    else if (n.type === 'Input.Text') values[id] = value || 'Diuji dan disahkan oleh pasukan.';
    Object.values(n).forEach(visit);
  };
  visit(card);
  return { ...values, ...typed };
}

/** The values a person would send: every input's current value, then what they typed over it. */
function inputsOf(card: unknown, typed: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Json;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string')
      values[n.id] = typeof n.value === 'string' ? n.value : '';
    Object.values(n).forEach(visit);
  };
  visit(card);
  return { ...values, ...typed };
}

const cardOf = (stored: StoredActivity) =>
  ((stored.activity.attachments as Json[] | undefined)?.[0]?.content ?? null) as Json | null;

describeEachDatabase('Teams: a change request from command to decision', (suite) => {
  let db: TestDatabase;
  let connector: FakeConnector;
  let app: Awaited<ReturnType<typeof startApp>>;
  let bot: BotClient;
  const serviceUrl = () => connector.url;

  beforeAll(async () => {
    db = await suite.create();
    connector = await startFakeConnector();
    const dir = tempDir('teams-world');
    writeFileSync(join(dir, 'mailops.yaml'), YAML);
    const port = await freePort();
    const loaded = loadConfig({
      MAILOPS_CONFIG: join(dir, 'mailops.yaml'),
      PORT: String(port),
      MAILOPS_SCHEDULER: 'off',
      MAILOPS_OUTBOX_BASE_DELAY_MS: '20',
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    app = await startApp({
      config: loaded.config,
      logger: createMemoryLogger(),
      version: 'test',
      database: db,
      teamsAnonymous: true,
    });
    bot = createBotClient({ url: `http://127.0.0.1:${port}/api/messages` });
  });
  afterAll(async () => {
    await app?.close();
    await connector?.close();
    await db?.cleanup();
  });

  const settle = () =>
    until(async () => {
      await app.dispatcher.drainOnce();
      return (await db.prisma.outboxMessage.count({ where: { status: 'pending' } })) === 0;
    }, 'the outbox to deliver');

  const approvalCardOf = (number: string) =>
    connector
      .messagesIn(TENANT.channels.approvals)
      .find((m) => cardOf(m) !== null && JSON.stringify(m.activity).includes(number))!;

  async function invoke(activity: object): Promise<InvokeAnswer> {
    const res = await bot.send(activity);
    expect(res.status).toBe(200);
    return res.json as InvokeAnswer;
  }

  it('answers "changerequest …" in the personal chat with the form as a card, pre-filled', async () => {
    // Rosli, Hafiz and Aminah talk to the bot where they work, so mailops can reach those places later.
    for (const [from, channelId] of [
      [hafiz, SOC_CHANNEL],
      [aminah, ANNOUNCE_CHANNEL],
      [azlan, VENDOR_CHANNEL],
    ] as const) {
      const said = messageActivity({
        serviceUrl: serviceUrl(),
        from,
        in: { type: 'channel', channelId },
        text: 'help',
      });
      expect((await bot.send(said)).status).toBe(200);
      expect((await bot.send(messageActivity({ serviceUrl: serviceUrl(), from, text: 'help' }))).status).toBe(
        200,
      );
    }
    const hello = messageActivity({
      serviceUrl: serviceUrl(),
      from: rosli,
      in: { type: 'channel', channelId: TENANT.channels.approvals },
      text: 'help',
    });
    expect((await bot.send(hello)).status).toBe(200);
    expect(
      (await bot.send(messageActivity({ serviceUrl: serviceUrl(), from: rosli, text: 'help' }))).status,
    ).toBe(200);

    const sent = messageActivity({
      serviceUrl: serviceUrl(),
      from: aminah,
      text: 'changerequest Tambah rakan.com.my ke senarai putih',
    });
    expect((await bot.send(sent)).status).toBe(200);
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const card = cardOf(form)!;
    expect(adaptiveCardProblems(card)).toEqual([]);
    const inputs = inputsOf(card, {});
    expect(inputs.description).toBe('Tambah rakan.com.my ke senarai putih');
    expect(Object.values(inputs)).toContain('aminah@agensi.gov.my');
  });

  it('opens the ticket when the form is sent, and posts the approval card to the approvals channel', async () => {
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const definition = formDefinition('change_request', { endorsementRequired: false });
    const typed: Record<string, string> = {};
    for (const field of definition.fields) {
      if (field.kind === 'select') typed[field.id] = field.options![0]!.value;
      if (field.kind === 'datetime')
        Object.assign(typed, { [field.id]: '2026-12-07', [`${field.id}__time`]: '10:00' });
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
    expect(JSON.stringify(card)).toContain('7 Dis 2026, 10:00 PG (MYT)');
    // Everyone sees the status; only Rosli's own view, fetched by Teams through refresh, has the buttons.
    expect(JSON.stringify(card.actions ?? [])).not.toContain(actionIdOf('approve'));
    expect((card.refresh as { userIds: string[] }).userIds).toEqual([rosli.id]);
  });

  it('gives the approver his own view with Approve, records one decision, and updates the card in place', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    const approval = approvalCardOf(ticket.number);
    const own = await invoke(cardRefresh({ serviceUrl: serviceUrl(), from: rosli, card: approval }));
    const view = own.value as Json;
    expect(adaptiveCardProblems(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain(actionIdOf('approve'));

    const seen: StoredActivity = {
      ...approval,
      activity: {
        ...approval.activity,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: view }],
      },
    };
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

  /** A card as one person sees it after Teams fetched their own view (refresh). */
  async function ownView(from: typeof hafiz, stored: StoredActivity): Promise<StoredActivity> {
    const view = (await invoke(cardRefresh({ serviceUrl: serviceUrl(), from, card: stored }))).value as Json;
    expect(adaptiveCardProblems(view)).toEqual([]);
    return {
      ...stored,
      activity: {
        ...stored.activity,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: view }],
      },
    };
  }
  const cardIn = (conversation: string, number: string) =>
    connector
      .messagesIn(conversation)
      .filter((m) => cardOf(m) !== null && JSON.stringify(m.activity).includes(number))
      .at(-1)!;

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
    const asForm: StoredActivity = {
      ...soc,
      activity: {
        ...soc.activity,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: sectionB }],
      },
    };
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
    const asFormD: StoredActivity = {
      ...again,
      activity: {
        ...again.activity,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: sectionD }],
      },
    };
    await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: hafiz,
        card: asFormD,
        verb: 'form:mark_implemented',
        inputs: filledForm(sectionD, { actualStart: TWO_DAYS_AGO, actualEnd: TWO_DAYS_AGO }),
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
    // In her own chat the card carries its buttons directly.
    expect(JSON.stringify(cardOf(confirm))).toContain(actionIdOf('confirm_resolved'));
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
    const opened = await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: aminah,
        card: form,
        verb: 'form:complaint',
        inputs,
      }),
    );
    expect(JSON.stringify(opened.value)).toMatch(/AD-\d{4}-\d{6}/);
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { kind: 'complaint' } });
    expect(ticket.state).toBe('investigating');

    const resolve = async () => {
      await settle();
      const soc = await ownView(hafiz, cardIn(SOC_CHANNEL, ticket.number));
      const notes = (
        await invoke(
          adaptiveCardAction({
            serviceUrl: serviceUrl(),
            from: hafiz,
            card: soc,
            verb: actionIdOf('mark_resolved'),
          }),
        )
      ).value as Json;
      expect(adaptiveCardProblems(notes)).toEqual([]);
      const asForm: StoredActivity = {
        ...soc,
        activity: {
          ...soc.activity,
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: notes }],
        },
      };
      await invoke(
        adaptiveCardAction({
          serviceUrl: serviceUrl(),
          from: hafiz,
          card: asForm,
          verb: 'form:mark_resolved',
          inputs: filledForm(notes),
        }),
      );
      expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
        'awaiting_confirmation',
      );
      await settle();
      return cardIn(personalChatOf(aminah), ticket.number);
    };

    // Still failing: the requester says what failed, and the ticket goes back to SOC (steps 7 → 8 → 3).
    const first = await resolve();
    const failing = (
      await invoke(
        adaptiveCardAction({
          serviceUrl: serviceUrl(),
          from: aminah,
          card: first,
          verb: actionIdOf('report_still_failing'),
        }),
      )
    ).value as Json;
    expect(adaptiveCardProblems(failing)).toEqual([]);
    const asForm: StoredActivity = {
      ...first,
      activity: {
        ...first.activity,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: failing }],
      },
    };
    await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: aminah,
        card: asForm,
        verb: 'form:report_still_failing',
        inputs: filledForm(failing, {}),
      }),
    );
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'investigating',
    );

    const second = await resolve();
    await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: aminah,
        card: second,
        verb: actionIdOf('confirm_resolved'),
      }),
    );
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe('closed');
  });

  /** The card as the form the button opened, for sending it back. */
  const asFormCard = (stored: StoredActivity, form: Json): StoredActivity => ({
    ...stored,
    activity: {
      ...stored.activity,
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: form }],
    },
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
          card: asFormCard(own, reject),
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
        card: asFormCard(own, refused),
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

  it('escalates a complaint to the vendor channel; the vendor, in English, hands it back to SOC', async () => {
    await bot.send(
      messageActivity({ serviceUrl: serviceUrl(), from: aminah, text: 'mailcomplaint rakan.gov.my' }),
    );
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const inputs = filledForm(cardOf(form), {
      exampleSender: '',
      exampleRecipient: '',
      startedAt: TWO_DAYS_AGO,
    });
    await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: aminah,
        card: form,
        verb: 'form:complaint',
        inputs,
      }),
    );
    const ticket = await db.prisma.ticket.findFirstOrThrow({
      where: { kind: 'complaint', state: 'investigating' },
    });
    await settle();
    const soc = await ownView(hafiz, cardIn(SOC_CHANNEL, ticket.number));
    const ask = (
      await invoke(
        adaptiveCardAction({
          serviceUrl: serviceUrl(),
          from: hafiz,
          card: soc,
          verb: actionIdOf('escalate_to_vendor'),
        }),
      )
    ).value as Json;
    await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: hafiz,
        card: asFormCard(soc, ask),
        verb: 'form:escalate_to_vendor',
        inputs: filledForm(ask),
      }),
    );
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'escalated_to_vendor',
    );
    await settle();
    const vendorCard = cardIn(VENDOR_CHANNEL, ticket.number);
    expect(adaptiveCardProblems(cardOf(vendorCard))).toEqual([]);
    const own = await ownView(azlan, vendorCard);
    const notes = (
      await invoke(
        adaptiveCardAction({
          serviceUrl: serviceUrl(),
          from: azlan,
          card: own,
          verb: actionIdOf('vendor_resolved'),
        }),
      )
    ).value as Json;
    // Azlan's configuration says English.
    expect(JSON.stringify(notes)).not.toContain('Hantar');
    await invoke(
      adaptiveCardAction({
        serviceUrl: serviceUrl(),
        from: azlan,
        card: asFormCard(own, notes),
        verb: 'form:vendor_resolved',
        inputs: filledForm(notes),
      }),
    );
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'investigating',
    );
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
