import { createHash } from 'node:crypto';
import { checkBlocks } from './block-kit-checks.ts';
import {
  type ApiAnswer,
  type Args,
  botMessage,
  CONVERSATION_ID,
  dmChannelOf,
  type FakeWorkspaceState,
  fail,
  messageKey,
  missing,
  USER_ID,
} from './fake-web-api-state.ts';

// chat.postMessage, chat.update, chat.postEphemeral and conversations.open, with the argument checks and
// error codes of https://docs.slack.dev/reference/methods/<method>. Slack answers an omitted or unknown
// channel with channel_not_found (not invalid_arguments), and a message with neither text nor blocks
// with no_text.

function contentProblem(args: Args): ApiAnswer | undefined {
  const { text, blocks, attachments } = args;
  if (blocks !== undefined) {
    // blocks arrive as a JSON-encoded string in form bodies; one that is not a JSON array is a format error.
    if (!Array.isArray(blocks)) return fail('invalid_blocks_format');
    const problems = checkBlocks(blocks, 'message');
    if (problems.length > 0) {
      return {
        ok: false,
        error: 'invalid_blocks',
        errors: problems.map((p) => p.replace('[ERROR] ', '')),
        response_metadata: { messages: problems },
      };
    }
  }
  const hasText = typeof text === 'string' && text.length > 0;
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (!hasText && !hasBlocks && attachments === undefined) return fail('no_text');
  if (typeof text === 'string' && text.length > 40_000) return fail('msg_too_long');
  return undefined;
}

const asBlocks = (blocks: unknown) => (Array.isArray(blocks) ? blocks : undefined);
const asText = (text: unknown) => (typeof text === 'string' ? text : undefined);

export function postMessage(args: Args, state: FakeWorkspaceState): ApiAnswer {
  const target = String(args.channel ?? '');
  const channel = USER_ID.test(target) ? dmChannelOf(target) : target;
  if (!CONVERSATION_ID.test(channel)) return fail('channel_not_found');
  const problem = contentProblem(args);
  if (problem) return problem;
  const ts = state.nextTs();
  const content = { text: asText(args.text), blocks: asBlocks(args.blocks) };
  const thread = typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {};
  state.messages.set(messageKey(channel, ts), { channel, ts, ...content, ...thread, versions: [content] });
  return { ok: true, channel, ts, message: { ...botMessage(args.text, args.blocks, ts), ...thread } };
}

// Fields left out of chat.update keep their previous value; an empty blocks array removes the blocks.
export function updateMessage(args: Args, state: FakeWorkspaceState): ApiAnswer {
  const channel = String(args.channel ?? '');
  if (!CONVERSATION_ID.test(channel)) return fail('channel_not_found');
  if (typeof args.ts !== 'string') return missing('ts');
  const stored = state.messages.get(messageKey(channel, args.ts));
  if (!stored) return fail('message_not_found');
  const problem = contentProblem({ text: args.text ?? stored.text, blocks: args.blocks ?? stored.blocks });
  if (problem) return problem;
  if (args.text !== undefined) stored.text = asText(args.text);
  if (args.blocks !== undefined) stored.blocks = asBlocks(args.blocks);
  stored.versions.push({ text: stored.text, blocks: stored.blocks });
  return {
    ok: true,
    channel,
    ts: stored.ts,
    text: stored.text ?? '',
    message: botMessage(stored.text, stored.blocks, stored.ts),
  };
}

export function postEphemeral(args: Args, state: FakeWorkspaceState): ApiAnswer {
  const channel = String(args.channel ?? '');
  if (!CONVERSATION_ID.test(channel)) return fail('channel_not_found');
  if (typeof args.user !== 'string') return missing('user');
  if (!USER_ID.test(args.user)) return fail('user_not_found');
  const problem = contentProblem(args);
  if (problem) return problem;
  const message_ts = state.nextTs();
  state.ephemerals.push({
    channel,
    user: args.user,
    message_ts,
    text: asText(args.text),
    blocks: asBlocks(args.blocks),
  });
  return { ok: true, message_ts };
}

// `users` is a comma-separated list: one user gives the DM (D…), two to eight a group DM (G…).
export function openConversation(args: Args, state: FakeWorkspaceState): ApiAnswer {
  if (typeof args.channel === 'string') {
    return CONVERSATION_ID.test(args.channel)
      ? { ok: true, channel: { id: args.channel } }
      : fail('channel_not_found');
  }
  if (typeof args.users !== 'string' || args.users.trim() === '') return fail('users_list_not_supplied');
  const users = args.users.split(',').map((u) => u.trim());
  if (users.length > 8) return fail('too_many_users');
  if (!users.every((u) => USER_ID.test(u))) return fail('user_not_found');
  const group = createHash('sha1')
    .update([...users].sort().join(','))
    .digest('hex')
    .slice(0, 10)
    .toUpperCase();
  const id = users.length === 1 ? dmChannelOf(users[0]!) : `G${group}`;
  const alreadyOpen = state.openDms.has(id);
  state.openDms.add(id);
  return alreadyOpen
    ? { ok: true, no_op: true, already_open: true, channel: { id } }
    : { ok: true, channel: { id } };
}
