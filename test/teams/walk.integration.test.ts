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
const YAML = `
people:
  - { id: aminah, name: Aminah binti Ali, email: aminah@agensi.gov.my, phone: 03-8888 1234, unit: BPM, roles: [requester], teams: ${aminah.aadObjectId} }
  - { id: rosli, name: Rosli bin Ahmad, email: rosli@jdn.gov.my, roles: [approver], teams: ${rosli.aadObjectId} }
  - { id: hafiz, name: Muhammad Hafiz, email: hafiz@soc.example, roles: [soc] }
channels:
  teams: { approvals: '${TENANT.channels.approvals}' }
endorsement:
  required: false
`;

type Json = Record<string, unknown>;
interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: Json | string;
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
    // Rosli says hello in the approvals channel and to the bot, so mailops can reach both later.
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

  it('tells the requester she may not approve, and changes nothing', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
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
