import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { mytParts } from '../../cards/teams/form-datetime.ts';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { adaptiveCardProblems } from './adaptive-card-checks.ts';
import { type TestDatabase, tempDir } from './databases.ts';
import { offlineChecks } from './fake-dns.ts';
import { freePort } from './free-port.ts';
import { checksSettled, until } from './slack-world.ts';
import { cardRefresh, messageActivity } from './teams/activities.ts';
import { createBotClient } from './teams/bot-client.ts';
import type { StoredActivity } from './teams/connector-state.ts';
import { startFakeConnector } from './teams/fake-connector.ts';
import { TENANT, type TeamsUser } from './teams/tenant.ts';

// mailops on the test database with Teams served anonymously (as the playground runs it), the fake Bot
// Framework connector it replies through, and the small agency the Teams suites walk the SOP with: the
// tenant fixture's Aminah (requester) and Rosli (approver), plus a SOC engineer and a vendor, each with the
// channel they work in.

export type Json = Record<string, unknown>;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

const { aminah, rosli } = TENANT.users;
export const hafiz: TeamsUser = {
  id: '29:1Hafiz5Tq2Lm8Nx4Kp7Rz0Wc3Vb6Yd9Gf1Sh4Jk',
  name: 'Muhammad Hafiz',
  aadObjectId: 'd3c4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  email: 'hafiz@soc.example',
  userPrincipalName: 'hafiz@soc.example',
  givenName: 'Muhammad',
  surname: 'Hafiz',
};
export const azlan: TeamsUser = {
  id: '29:1Azlan8Vb3Nm6Qw9Er2Ty5Ui8Op1As4Df7Gh0Jk',
  name: 'Azlan bin Omar',
  aadObjectId: 'e4d5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f7a',
  email: 'azlan@vendor.example',
  userPrincipalName: 'azlan@vendor.example',
  givenName: 'Azlan',
  surname: 'bin Omar',
};
export const VENDOR_CHANNEL = '19:Ven6Cd9Ef2Gh5Ij8Kl1Mn4Op7Qr0St3Uv@thread.tacv2';
export const SOC_CHANNEL = '19:Soc4Ab7Cd0Ef3Gh6Ij9Kl2Mn5Op8Qr1St@thread.tacv2';
export const ANNOUNCE_CHANNEL = '19:Ann5Bc8De1Fg4Hi7Jk0Lm3No6Pq9Rs2Tu@thread.tacv2';
// Section D and a complaint's start record what already happened: their times must be in the past.
export const TWO_DAYS_AGO = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
/** A day a week ahead, in Malaysia: requested and planned times must not be in the past (form Sections A, B). */
export const NEXT_WEEK = mytParts(new Date(Date.now() + 7 * 86_400_000).toISOString())!.date;
/** Date and time boxes for `minutes` ago in Malaysia: Section D's actual times come after MAMPU's approval. */
export function minutesAgo(minutes: number): { date: string; time: string } {
  return mytParts(new Date(Date.now() - minutes * 60_000).toISOString())!;
}

export const AGENCY_YAML = `
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

export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: Json | string;
}

export const cardOf = (stored: StoredActivity) =>
  ((stored.activity.attachments as Json[] | undefined)?.[0]?.content ?? null) as Json | null;

/** The message as one person sees it once its card was replaced for them (their own view, a form). */
export const withCard = (stored: StoredActivity, card: Json): StoredActivity => ({
  ...stored,
  activity: { ...stored.activity, attachments: [{ contentType: ADAPTIVE_CARD, content: card }] },
});

function visitInputs(card: unknown, each: (input: Json, id: string, value: string) => void) {
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Json;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string')
      each(n, n.id, typeof n.value === 'string' ? n.value : '');
    Object.values(n).forEach(visit);
  };
  visit(card);
}

/** The values a person would send: every input's current value, then what they typed over it. */
export function inputsOf(card: unknown, typed: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  visitInputs(card, (_input, id, value) => {
    values[id] = value;
  });
  return { ...values, ...typed };
}

/**
 * A form filled in as a person would: what is already there stays, and every required answer is given: the
 * first choice of a list, dates a week ahead with times an hour apart (an end after its start), a sentence.
 */
export function filledForm(card: unknown, typed: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  let hour = 9;
  visitInputs(card, (n, id, value) => {
    // Optional boxes left empty stay empty, as a person in a hurry leaves them.
    if (n.isRequired !== true) values[id] = value;
    else if (n.type === 'Input.ChoiceSet')
      values[id] = value || String((n.choices as Json[])[0]?.value ?? '');
    else if (n.type === 'Input.Date') values[id] = value || NEXT_WEEK;
    else if (n.type === 'Input.Time') values[id] = value || `${String(++hour).padStart(2, '0')}:00`;
    else if (n.type === 'Input.Text') values[id] = value || 'Diuji dan disahkan oleh pasukan.';
  });
  return { ...values, ...typed };
}

export async function startTeamsWorld(db: TestDatabase, yaml: string) {
  const connector = await startFakeConnector();
  const dir = tempDir('teams-world');
  writeFileSync(join(dir, 'mailops.yaml'), yaml);
  const port = await freePort();
  const loaded = loadConfig({
    MAILOPS_CONFIG: join(dir, 'mailops.yaml'),
    PORT: String(port),
    MAILOPS_SCHEDULER: 'off',
    MAILOPS_OUTBOX_BASE_DELAY_MS: '20',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const app = await startApp({
    config: loaded.config,
    logger: createMemoryLogger(),
    version: 'test',
    database: db,
    ...offlineChecks(loaded.config),
    teamsAnonymous: true,
  });
  const bot = createBotClient({ url: `http://127.0.0.1:${port}/api/messages` });

  async function invoke(activity: object): Promise<InvokeAnswer> {
    const res = await bot.send(activity);
    expect(res.status).toBe(200);
    return res.json as InvokeAnswer;
  }

  return {
    app,
    bot,
    connector,
    invoke,
    /** Works the bot's checks, then delivers everything the outbox holds. */
    settle: () =>
      until(async () => {
        const checked = await checksSettled(app, db);
        await app.dispatcher.drainOnce();
        return checked && (await db.prisma.outboxMessage.count({ where: { status: 'pending' } })) === 0;
      }, "the bot's checks and the outbox to deliver"),
    /** Everyone says hello where they work and to the bot, so mailops can reach those places later. */
    async greet() {
      for (const [from, channelId] of [
        [hafiz, SOC_CHANNEL],
        [aminah, ANNOUNCE_CHANNEL],
        [azlan, VENDOR_CHANNEL],
        [rosli, TENANT.channels.approvals],
      ] as const) {
        const said = messageActivity({
          serviceUrl: connector.url,
          from,
          in: { type: 'channel', channelId },
          text: 'help',
        });
        expect((await bot.send(said)).status).toBe(200);
        expect(
          (await bot.send(messageActivity({ serviceUrl: connector.url, from, text: 'help' }))).status,
        ).toBe(200);
      }
    },
    /** A card as one person sees it after Teams fetched their own view (refresh). */
    async ownView(from: TeamsUser, stored: StoredActivity): Promise<StoredActivity> {
      const view = (await invoke(cardRefresh({ serviceUrl: connector.url, from, card: stored })))
        .value as Json;
      expect(adaptiveCardProblems(view)).toEqual([]);
      return withCard(stored, view);
    },
    /** The newest card about ticket `number` in a conversation. */
    cardIn: (conversation: string, number: string) =>
      connector
        .messagesIn(conversation)
        .filter((m) => cardOf(m) !== null && JSON.stringify(m.activity).includes(number))
        .at(-1)!,
    async close() {
      await app.close();
      await connector.close();
    },
  };
}

export type TeamsWorld = Awaited<ReturnType<typeof startTeamsWorld>>;
