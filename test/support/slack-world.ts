import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as tick } from 'node:timers/promises';
import { actionIdOf } from '../../cards/ids.ts';
import type { Role, TicketActionType } from '../../flows/types.ts';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createMemoryLogger } from '../../src/log.ts';
import type { Clock } from '../../src/time.ts';
import { type TestDatabase, tempDir } from './databases.ts';
import { offlineChecks } from './fake-dns.ts';
import { freePort } from './free-port.ts';
import { type FakeSocketMode, startFakeSocketMode } from './slack/fake-socket-mode.ts';
import { type FakeSlackApi, startFakeSlackApi } from './slack/fake-web-api.ts';
import type { StoredMessage, StoredView } from './slack/fake-web-api-state.ts';
import { blockActions, viewSubmission } from './slack/interaction-payloads.ts';
import type { SlackUserRef } from './slack/payload-parts.ts';
import { createSignedClient } from './slack/signed-client.ts';
import { slashCommand } from './slack/slash-command.ts';
import type { ViewValues } from './slack/view-state.ts';
import { WORKSPACE } from './slack/workspace.ts';

// mailops as `mailops serve` runs it in HTTP mode (or Socket Mode), against the fake Slack Web API, on a
// test database: the people of a small agency with their Slack member ids, and a channel per purpose.
// The helpers act only through Slack payloads built from what the bot really sent, and wait for work by
// draining the outbox or polling with a deadline, never by sleeping a fixed time.

export const PEOPLE = {
  aminah: { id: 'U0AMINAH', name: 'aminah' },
  rahman: { id: 'U0RAHMAN', name: 'rahman' },
  farah: { id: 'U0FARAH', name: 'farah' },
  zulkifli: { id: 'U0ZULKIFLI', name: 'zulkifli' },
  noraini: { id: 'U0NORAINI', name: 'noraini' },
  hafiz: { id: 'U0HAFIZ', name: 'hafiz' },
  azlan: { id: 'U0AZLAN', name: 'azlan' },
  stranger: { id: 'U0STRANGER', name: 'stranger' },
} as const;

export const CHANNELS = {
  approvals: 'C0APPROVALS',
  soc: 'C0SOC',
  vendor: 'C0VENDOR',
  announcements: 'C0ANNOUNCE',
  service_desk: 'C0DESK',
} as const;

/** The bot's DM with a person: Slack answers a post to U… with the DM's D… id. */
export const dmOf = (user: SlackUserRef) => `D${user.id.slice(1)}`;

const YAML = `
people:
  - { id: aminah, name: Aminah binti Yusof, email: aminah@agensi.gov.my, phone: 03-8888 1234, unit: 'BPM, Kementerian Contoh', roles: [requester], slack: U0AMINAH }
  - { id: rahman, name: Abd Rahman bin Ismail, email: rahman@agensi.gov.my, phone: 03-8888 1000, designation: Timbalan Pengarah, unit: Kementerian Contoh, roles: [manager], slack: U0RAHMAN }
  - { id: farah, name: Nur Farah binti Ahmad, email: farah@1govuc.gov.my, roles: [service_desk], slack: U0FARAH }
  - { id: zulkifli, name: Zulkifli bin Hassan, email: zulkifli@jdn.gov.my, phone: 03-8000 1111, roles: [approver], slack: U0ZULKIFLI }
  - { id: noraini, name: Noraini binti Abdullah, email: noraini@jdn.gov.my, roles: [approver], slack: U0NORAINI }
  - { id: hafiz, name: Muhammad Hafiz bin Razak, email: hafiz@soc.example, designation: Jurutera Keselamatan, roles: [soc], slack: U0HAFIZ }
  - { id: azlan, name: Azlan bin Omar, email: azlan@vendor.example, locale: en, roles: [vendor], slack: U0AZLAN }
  - { id: salmah, name: Salmah binti Idris, email: salmah@agensi.gov.my, roles: [admin] }
channels:
  slack: { approvals: ${CHANNELS.approvals}, soc: ${CHANNELS.soc}, vendor: ${CHANNELS.vendor}, announcements: ${CHANNELS.announcements}, service_desk: ${CHANNELS.service_desk} }
calendar:
  holidays:
    - { date: '2026-08-31', name: Hari Kebangsaan }
    - { date: '2027-08-31', name: Hari Kebangsaan }
`;

export interface SlackWorldOptions {
  /** More environment variables (they win over the world's own). */
  readonly env?: Record<string, string>;
  /**
   * Socket Mode: SLACK_APP_TOKEN and no signing secret; the fake Web API's apps.connections.open hands
   * out the fake Socket Mode server, which must see the bot connect before the world is returned.
   */
  readonly socketMode?: boolean;
  /** Roles that differ from the usual agency's, by person id (e.g. a requester who is also an approver). */
  readonly roles?: Partial<Record<keyof typeof PEOPLE, readonly Role[]>>;
  /** mailops's clock (decisions, SLA); Slack's own, which mints triggers, stays the real one. */
  readonly clock?: Clock;
  /** Spoils Slack before mailops starts (a revoked token, an outage at start). */
  readonly beforeStart?: (api: FakeSlackApi) => void;
  /** Teams too, anonymous (no credentials), on the same mailops: one ticket, both platforms. */
  readonly teamsAnonymous?: boolean;
  /** Changes the world's configuration file before mailops reads it (Teams ids and channels). */
  readonly configure?: (yaml: string) => string;
}

function configFile(roles: SlackWorldOptions['roles'] = {}): string {
  let yaml = YAML;
  for (const [id, list] of Object.entries(roles)) {
    const line = new RegExp(`(- \\{ id: ${id},.*?roles: )\\[[^\\]]*\\]`);
    if (!line.test(yaml)) throw new Error(`no person ${id} in the world's configuration`);
    yaml = yaml.replace(line, `$1[${list.join(', ')}]`);
  }
  return yaml;
}

/**
 * Polls `probe` until it returns something truthy; fails naming `what` after `timeoutMs`. The default is
 * expect.poll's (vitest.config.ts): a wait for something that will happen, not a timed assertion, so a busy
 * machine's slow moment is no failure.
 */
export async function until<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
): Promise<Exclude<T, false | 0 | '' | null | undefined>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Exclude<T, false | 0 | '' | null | undefined>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await tick(5);
  }
}

type App = Awaited<ReturnType<typeof startApp>>;

/**
 * Works the bot's due check runs now (SOP 4.2 step 3: a complaint's investigation and re-check) and says
 * whether none is left: what the SOP shows after them (the confirmation card after a re-check) is written
 * only once they are recorded, so a test that waits for the outbox alone can look too early.
 */
export async function checksSettled(app: App, db: TestDatabase): Promise<boolean> {
  await app.investigation?.runOnce();
  // A /mailtest run's own lease (abandoned-runs.ts) is not a complaint's check waiting.
  const waiting = { leaseUntil: { not: null }, purpose: { not: 'request' } };
  return (await db.prisma.mailtestRun.count({ where: waiting })) === 0;
}

export async function startSlackWorld(db: TestDatabase, options: SlackWorldOptions = {}) {
  const socket: FakeSocketMode | undefined = options.socketMode ? await startFakeSocketMode() : undefined;
  const api: FakeSlackApi = await startFakeSlackApi({
    users: { [PEOPLE.azlan.id]: { locale: 'en-GB' }, [PEOPLE.aminah.id]: { locale: 'en-US' } },
    ...(socket ? { socketMode: socket } : {}),
  });
  const dir = tempDir('slack-world');
  const configPath = join(dir, 'mailops.yaml');
  writeFileSync(configPath, (options.configure ?? ((y: string) => y))(configFile(options.roles)));
  const port = await freePort();
  const transport: Record<string, string> = socket
    ? { SLACK_APP_TOKEN: WORKSPACE.appToken }
    : { SLACK_SIGNING_SECRET: WORKSPACE.signingSecret };
  const loaded = loadConfig({
    MAILOPS_CONFIG: configPath,
    PORT: String(port),
    SLACK_BOT_TOKEN: WORKSPACE.botToken,
    SLACK_API_URL: api.url,
    MAILOPS_SCHEDULER: 'off',
    MAILOPS_OUTBOX_BASE_DELAY_MS: '20',
    ...transport,
    ...options.env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const logger = createMemoryLogger();
  options.beforeStart?.(api);
  const app = await startApp({
    config: loaded.config,
    logger,
    version: 'test',
    database: db,
    ...offlineChecks(loaded.config),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.teamsAnonymous ? { teamsAnonymous: true } : {}),
  }).catch(async (error: unknown) => {
    await api.close();
    await socket?.close();
    throw error;
  });
  if (socket) await socket.waitForConnections(1);
  const client = createSignedClient({
    url: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: WORKSPACE.signingSecret,
  });
  const prisma = app.db;

  /** Every modal the bot opened (views.open answered ok), oldest first, as Slack stores it. */
  function modals(): StoredView[] {
    return api
      .callsTo('views.open')
      .filter((c) => c.answer?.ok)
      .map((c) => api.view((c.answer?.view as { id?: string } | undefined)?.id ?? ''))
      .filter((v) => v !== undefined);
  }

  /** Every message the bot posted to a channel (or DM), in its latest version, oldest first. */
  function messagesIn(channel: string): StoredMessage[] {
    return api
      .callsTo('chat.postMessage')
      .filter((c) => c.answer?.ok && c.answer.channel === channel)
      .map((c) => api.message(channel, String(c.answer?.ts)))
      .filter((m) => m !== undefined);
  }

  function hasButton(message: StoredMessage, action: TicketActionType): boolean {
    return JSON.stringify(message.blocks ?? []).includes(`"${actionIdOf(action)}"`);
  }

  const world = {
    api,
    app,
    client,
    /** mailops's time: what "already happened" in a form is judged against (the real one unless set). */
    now: () => options.clock?.now() ?? new Date(),
    logger,
    socket,
    db: prisma,
    modals,
    messagesIn,
    /** Texts of the bot's messages in a channel or DM, latest versions, oldest first. */
    textsIn: (channel: string) => messagesIn(channel).map((m) => m.text ?? ''),
    ephemeralsFor: (user: SlackUserRef) => api.ephemerals.filter((e) => e.user === user.id),
    /** Waits for `count` ephemeral replies to `user` after the first `seen`, and returns them. */
    repliesTo(user: SlackUserRef, seen: number, count = 1) {
      return until(
        () => {
          const replies = world.ephemeralsFor(user).slice(seen);
          return replies.length >= count && replies;
        },
        `${count} ephemeral repl${count === 1 ? 'y' : 'ies'} to ${user.id}`,
      );
    },
    /** Messages logged at `level` or above, e.g. to hold a walk to no warnings. */
    logged(level: 'warn' | 'error'): string[] {
      const levels = level === 'warn' ? ['warn', 'error'] : ['error'];
      return logger.lines.filter((line) => levels.includes((JSON.parse(line) as { level: string }).level));
    },
    /** Outbox rows not delivered yet (due now or waiting for a retry). */
    pending: () => prisma.outboxMessage.count({ where: { status: 'pending' } }),
    /**
     * Delivers the outbox until no row is pending. The background dispatcher may hold some rows under
     * its lease meanwhile; a row waiting for its Retry-After is waited for, within `timeoutMs`.
     */
    async settle(timeoutMs = 10_000) {
      await until(
        async () => {
          const checked = await checksSettled(app, db);
          await app.dispatcher.drainOnce();
          return checked && (await world.pending()) === 0;
        },
        "the bot's checks and the outbox to deliver every pending row",
        timeoutMs,
      );
    },
    /** The newest message in `channel` that carries the button for `action` (on that ticket, if given). */
    cardWith(channel: string, action: TicketActionType, ticketNumber?: string): StoredMessage {
      const card = messagesIn(channel).findLast(
        (m) => hasButton(m, action) && (ticketNumber === undefined || (m.text ?? '').includes(ticketNumber)),
      );
      if (!card)
        throw new Error(`no card with ${action}${ticketNumber ? ` for ${ticketNumber}` : ''} in ${channel}`);
      return card;
    },
    /** A slash command typed in the person's DM with the bot, or in `channel`. */
    command(user: SlackUserRef, command: string, text = '', channel?: { id: string; name: string }) {
      return client.command({
        ...slashCommand({
          command,
          text,
          user,
          responseUrl: api.responseUrl(),
          ...(channel ? { channel } : {}),
        }),
      });
    },
    click(user: SlackUserRef, message: StoredMessage, action: TicketActionType) {
      return client.interaction(blockActions({ user, actionId: actionIdOf(action), from: { message } }));
    },
    submit(user: SlackUserRef, view: StoredView, values: ViewValues = {}) {
      return client.interaction(viewSubmission({ view, user, values }));
    },
    /** Waits for the modal opened after the first `count` and returns it. */
    async modalAfter(count: number): Promise<StoredView> {
      return until(() => modals()[count], `modal number ${count + 1} to open`);
    },
    async ticket(number: string) {
      return prisma.ticket.findUniqueOrThrow({ where: { number } });
    },
    async close() {
      await app.close();
      await api.close();
      await socket?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

export type SlackWorld = Awaited<ReturnType<typeof startSlackWorld>>;
