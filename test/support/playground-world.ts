import { request } from 'node:http';
import { startApp } from '../../src/app.ts';
import { loadConfig, SAMPLE_CONFIG_PATH } from '../../src/config/index.ts';
import { createMemoryLogger } from '../../src/log.ts';
import type { TestDatabase } from './databases.ts';
import { offlineChecks } from './fake-dns.ts';
import { freePort } from './free-port.ts';
import { checksSettled, until } from './slack-world.ts';

// mailops as `npm start` runs it without chat credentials: the sample configuration's agency in the local
// playground, on a test database, and a client that speaks the page's API (src/platform/playground/
// page-api.ts) as the page's modules in web/ do, so the suites read like a person using the page.

export type Json = Record<string, unknown>;

export interface PageMessage {
  id: string;
  from: { name: string; bot: boolean };
  at: string;
  replyToId?: string;
  text?: string;
  card?: Json;
  personal?: boolean;
  edited?: boolean;
}

export interface PageAnswer<T> {
  status: number;
  body: T & { error?: { message: string } };
}

/** `env`: more of the environment mailops starts with (MAILOPS_PLAYGROUND_HOSTS, …). */
export async function startPlaygroundWorld(
  db: TestDatabase,
  port?: number,
  env: Readonly<Record<string, string>> = {},
) {
  const bound = port ?? (await freePort());
  const loaded = loadConfig({
    MAILOPS_CONFIG: SAMPLE_CONFIG_PATH,
    PORT: String(bound),
    MAILOPS_SCHEDULER: 'off',
    MAILOPS_OUTBOX_BASE_DELAY_MS: '20',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const logger = createMemoryLogger();
  const app = await startApp({
    config: loaded.config,
    logger,
    version: 'test',
    database: db,
    ...offlineChecks(loaded.config),
    playground: true,
  });
  const base = `http://127.0.0.1:${app.port}`;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<PageAnswer<T>> {
    const res = await fetch(`${base}${path}`, {
      method,
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T & { error?: { message: string } } };
  }

  const page = {
    setup: (lang = 'ms') => call<Json>('GET', `/playground/api/setup?lang=${lang}`),
    messages: (conversation: string, as: string, lang = 'ms') =>
      call<{ messages: PageMessage[] }>(
        'GET',
        `/playground/api/messages?conversation=${encodeURIComponent(conversation)}&as=${as}&lang=${lang}`,
      ),
    send: (as: string, conversation: string, text: string, lang = 'ms') =>
      call<{ ok: true }>('POST', '/playground/api/send', { as, conversation, text, lang }),
    action: (as: string, conversation: string, messageId: string, verb: string, data: Json, lang = 'ms') =>
      call<{ card?: Json; text?: string }>('POST', '/playground/api/action', {
        as,
        conversation,
        messageId,
        verb,
        data,
        lang,
      }),
    tickets: (lang = 'ms') => call<{ tickets: Json[] }>('GET', `/playground/api/tickets?lang=${lang}`),
  };

  /** What one person sees in a conversation, once the bot has said what `ready` waits for. */
  async function seen(conversation: string, as: string, ready: (messages: PageMessage[]) => boolean) {
    return until(async () => {
      const answer = await page.messages(conversation, as);
      if (answer.status !== 200) throw new Error(`messages: HTTP ${answer.status}`);
      return ready(answer.body.messages) ? answer.body.messages : null;
    }, `the playground to show it in ${conversation} to ${as}`);
  }

  /** Until the bot's checks are recorded and the outbox has delivered everything the decisions wrote. */
  const settle = () =>
    until(
      async () =>
        (await checksSettled(app, db)) &&
        (await db.prisma.outboxMessage.count({ where: { status: 'pending' } })) === 0,
      "the bot's checks and the outbox to deliver",
    );

  return { app, base, page, seen, settle, logger, close: () => app.close() };
}

export interface RawAnswer {
  status: number;
  body: Json;
}

/**
 * A request with the headers a browser or an attacker chooses (fetch will not set Host): what another site's
 * page, or a DNS-rebound name, sends to the playground.
 */
export function rawRequest(
  base: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const type = res.headers['content-type'] ?? '';
        resolve({
          status: res.statusCode ?? 0,
          body: type.includes('json') ? (JSON.parse(text) as Json) : {},
        });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export type PlaygroundWorld = Awaited<ReturnType<typeof startPlaygroundWorld>>;

/** The Action.Execute with this verb on a card, wherever it sits (actions, ActionSets, ShowCards). */
export function executeOn(card: unknown, verb: string): Json | undefined {
  if (Array.isArray(card)) {
    for (const item of card) {
      const found = executeOn(item, verb);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof card !== 'object' || card === null) return undefined;
  const node = card as Json;
  if (node.type === 'Action.Execute' && node.verb === verb) return node;
  return executeOn(Object.values(node), verb);
}

/** The verbs of every Action.Execute on a card, in order. */
export function verbsOn(card: unknown): string[] {
  const verbs: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Json;
    if (n.type === 'Action.Execute' && typeof n.verb === 'string') verbs.push(n.verb);
    Object.values(n).forEach(visit);
  };
  visit(card);
  return verbs;
}

/** What the renderer sends for a click: the action's own data merged with the card's input values. */
export function clickData(card: unknown, verb: string, inputs: Record<string, string> = {}): Json {
  const action = executeOn(card, verb);
  if (!action) throw new Error(`no Action.Execute "${verb}" on the card: ${verbsOn(card).join(', ')}`);
  return { ...((action.data as Json | undefined) ?? {}), ...inputs };
}
