import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../../db/types.ts';
import type { Directory } from '../../directory/directory.ts';
import { type Route, sendJson } from '../../http/server.ts';
import { createTranslator, type Locale, messagesStartingWith } from '../../i18n/index.ts';
import type { Logger } from '../../log.ts';
import type { Clock } from '../../time.ts';
import type { ActionAnswer, PlaygroundChannelService } from './channel.ts';
import { ADAPTIVE_CARD, isObject, type Json } from './connector-protocol.ts';
import type { MessageStore, StoredMessage } from './message-store.ts';
import { ticketTimeline } from './timeline.ts';
import type { PlaygroundPerson, Workspace } from './workspace.ts';

// What the playground page asks of the server (its contract with the page's modules in web/): who is in
// the workspace, a conversation's messages as one person sees them, writing and clicking as that person, the
// ticket timeline, and an event stream of changes. Every refusal is a sentence in the page's language.

export interface PageApiDeps {
  readonly workspace: Workspace;
  readonly directory: Directory;
  readonly db: Db;
  readonly store: MessageStore;
  readonly channel: PlaygroundChannelService;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly events: EventEmitter<{ message: [Json]; ticket: [] }>;
}

const MAX_BODY_BYTES = 64 * 1024;
const MAX_TEXT = 4000;
const langOf = (value: unknown): Locale => (value === 'en' ? 'en' : 'ms');

/** A request the page should not have made: answered with its status and a sentence for the person. */
class Refusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (isObject(body)) return body;
  } catch {}
  throw new Refusal(400, 'body is not a JSON object');
}

const cardOf = (activity: Json): Json | undefined => {
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  const card = attachments.find((a) => isObject(a) && a.contentType === ADAPTIVE_CARD && isObject(a.content));
  return card ? ((card as Json).content as Json) : undefined;
};

/** Teams refreshes a card for the people its `refresh.userIds` names (all readers when it names none). */
function refreshFor(card: Json, person: PlaygroundPerson): Json | undefined {
  const refresh = isObject(card.refresh) ? card.refresh : undefined;
  if (!refresh || !isObject(refresh.action) || refresh.action.type !== 'Action.Execute') return undefined;
  const userIds = refresh.userIds;
  if (Array.isArray(userIds) && !userIds.includes(person.teamsId)) return undefined;
  return refresh.action;
}

export function pageApiRoutes(deps: PageApiDeps): Route[] {
  const { workspace, directory, store, channel } = deps;

  function personOf(id: unknown, lang: Locale): PlaygroundPerson {
    const person = typeof id === 'string' ? workspace.person(id) : undefined;
    if (!person)
      throw new Refusal(
        404,
        createTranslator(lang)('playground.error.unknown_person', { person: String(id ?? '') }),
      );
    return person;
  }

  /** A channel is open to everyone in the team; a personal chat only to its person. */
  function conversationFor(id: unknown, person: PlaygroundPerson, lang: Locale): string {
    const t = createTranslator(lang);
    const conversation = typeof id === 'string' ? id : '';
    const base = conversation.split(';')[0]!;
    if (workspace.channel(base)) return conversation;
    const owner = workspace.people.find((p) => p.chat === base);
    if (!owner) throw new Refusal(404, t('playground.error.unknown_conversation', { conversation }));
    if (owner.id !== person.id)
      throw new Refusal(403, t('playground.error.not_member', { person: person.name }));
    return conversation;
  }

  /** The card this person sees on a message: their own view while it is current, else the posted one. */
  async function viewOf(message: StoredMessage, person: PlaygroundPerson, lang: Locale) {
    const posted = cardOf(message.activity);
    if (!posted) return {};
    const shared = message.place.startsWith('19:');
    const own = message.views[person.teamsId];
    if (own && own.version === message.version) return { card: own.card, personal: shared };
    const refresh = refreshFor(posted, person);
    if (refresh) {
      const data = isObject(refresh.data) ? refresh.data : {};
      const verb = typeof refresh.verb === 'string' ? refresh.verb : '';
      const answer = await channel.act(person, message, { verb, data }, lang, 'automatic');
      // What is stored wins: an action answered while this refresh ran (a form opened) stays on screen.
      const stored = await store.viewOf(message.id, person.teamsId);
      if (stored) return { card: stored, personal: shared };
      if (answer.kind === 'card') return { card: answer.card, personal: shared };
      // A refresh that fails leaves the card as everyone else sees it; the operator learns why from the log.
      if (answer.kind === 'failed')
        deps.logger.warn('playground: the bot did not refresh a card', {
          messageId: message.id,
          why: answer.why,
        });
    }
    return { card: posted };
  }

  async function messages(url: URL) {
    const lang = langOf(url.searchParams.get('lang'));
    const person = personOf(url.searchParams.get('as'), lang);
    const place = conversationFor(url.searchParams.get('conversation'), person, lang).split(';')[0]!;
    const list = await store.list(place);
    return {
      messages: await Promise.all(
        list.map(async (m) => {
          const text = typeof m.activity.text === 'string' ? m.activity.text : undefined;
          return {
            id: m.id,
            from: { name: m.fromName, bot: m.fromBot },
            at: m.createdAt.toISOString(),
            // In a channel a message belongs to the thread its root post names; Teams shows replies under it.
            ...(m.conversationId.includes(';messageid=') && !m.conversationId.endsWith(`=${m.id}`)
              ? { replyToId: m.conversationId.split(';messageid=')[1] }
              : {}),
            ...(text ? { text } : {}),
            ...(await viewOf(m, person, lang)),
            ...(m.version > 1 ? { edited: true } : {}),
          };
        }),
      ),
    };
  }

  function setup(url: URL) {
    const lang = langOf(url.searchParams.get('lang'));
    const t = createTranslator(lang);
    return {
      lang,
      texts: messagesStartingWith(lang, ['playground.', 'role.']),
      bot: { name: 'mailops' },
      people: workspace.people.map((p) => {
        const person = directory.person(p.id)!;
        return {
          id: p.id,
          name: p.name,
          ...(person.designation ? { designation: person.designation } : {}),
          ...(person.unit ? { unit: person.unit } : {}),
          roles: person.roles,
          roleLabels: person.roles.map((r) => t(`role.${r}`)),
          locale: person.locale,
          chat: p.chat,
        };
      }),
      channels: workspace.channels.map((c) => ({
        id: c.id,
        purpose: c.purpose,
        name: t(`playground.channel.${c.purpose}`),
      })),
    };
  }

  async function send(req: IncomingMessage) {
    const body = await readJson(req);
    const lang = langOf(body.lang);
    const person = personOf(body.as, lang);
    const conversation = conversationFor(body.conversation, person, lang);
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    if (text === '') throw new Refusal(400, createTranslator(lang)('playground.error.empty_text'));
    if (text.length > MAX_TEXT)
      throw new Refusal(400, createTranslator(lang)('playground.error.long_text', { max: MAX_TEXT }));
    const answer = await channel.say(person, conversation.split(';')[0]!, text, lang);
    if (answer.status >= 300) return failed(lang, answer.why ?? `bot answered HTTP ${answer.status}`);
    return { ok: true };
  }

  async function act(req: IncomingMessage) {
    const body = await readJson(req);
    const lang = langOf(body.lang);
    const person = personOf(body.as, lang);
    const conversation = conversationFor(body.conversation, person, lang);
    const message = await store.find(conversation, typeof body.messageId === 'string' ? body.messageId : '');
    const t = createTranslator(lang);
    if (!message) throw new Refusal(404, t('playground.error.unknown_message'));
    const verb = typeof body.verb === 'string' ? body.verb : '';
    const answer: ActionAnswer = await channel.act(
      person,
      message,
      { verb, data: isObject(body.data) ? body.data : {} },
      lang,
    );
    if (answer.kind === 'card') return { card: answer.card };
    if (answer.kind === 'text') return { text: answer.text };
    return failed(lang, answer.why);
  }

  function failed(lang: Locale, why: string): never {
    const reference = randomUUID().slice(0, 8);
    deps.logger.error('playground: the bot did not answer', { reference, why });
    throw new Refusal(502, createTranslator(lang)('playground.error.bot_failed', { reference }));
  }

  function events(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const onMessage = (change: Json) => res.write(`event: message\ndata: ${JSON.stringify(change)}\n\n`);
    const onTicket = () => res.write('event: ticket\ndata: {}\n\n');
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    deps.events.on('message', onMessage);
    deps.events.on('ticket', onTicket);
    req.on('close', () => {
      clearInterval(keepAlive);
      deps.events.off('message', onMessage);
      deps.events.off('ticket', onTicket);
    });
  }

  const json =
    (answer: (req: IncomingMessage, url: URL) => unknown) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://playground.invalid');
      try {
        sendJson(res, 200, await answer(req, url));
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        sendJson(res, error.status, { error: { message: error.message } });
      }
    };

  return [
    { method: 'GET', path: '/playground/api/setup', handler: json((_req, url) => setup(url)) },
    { method: 'GET', path: '/playground/api/messages', handler: json((_req, url) => messages(url)) },
    { method: 'POST', path: '/playground/api/send', handler: json((req) => send(req)) },
    { method: 'POST', path: '/playground/api/action', handler: json((req) => act(req)) },
    {
      method: 'GET',
      path: '/playground/api/tickets',
      handler: json((_req, url) =>
        ticketTimeline(deps.db, directory, langOf(url.searchParams.get('lang')), deps.clock.now()).then(
          (tickets) => ({ tickets }),
        ),
      ),
    },
    { method: 'GET', path: '/playground/events', handler: events },
  ];
}
