import type { ViewOutput } from '@slack/bolt';
import { WORKSPACE } from './workspace.ts';

// What the fake Web API remembers between calls: the messages and views the bot created, who it has DMs
// with, and which triggers it has spent. Method handlers read and change it; tests read it back through
// the fake's accessors.

export type Args = Record<string, unknown>;
export type ApiAnswer = { ok: boolean } & Record<string, unknown>;

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  // Every version the bot posted or updated, oldest first, for assertions on what people saw.
  versions: Array<{ text?: string; blocks?: unknown[] }>;
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text?: string;
  blocks?: unknown[];
}

// Home views may lack a title; everything else matches what Slack returns in `view` and in payloads.
export type StoredView = Omit<ViewOutput, 'title'> & { title?: ViewOutput['title'] };

export interface UserProfile {
  realName?: string;
  locale?: string;
}

export const USER_ID = /^[UW][A-Z0-9]{2,}$/;
export const CONVERSATION_ID = /^[CGD][A-Z0-9]{2,}$/;

// Posting to a user id lands in the bot's DM with that user; Slack answers with the DM's D… id.
export const dmChannelOf = (userId: string) => `D${userId.slice(1)}`;

export function fail(error: string, messages?: string[]): ApiAnswer {
  return messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
}

export const missing = (field: string) =>
  fail('invalid_arguments', [`[ERROR] missing required field: ${field}`]);

export const isTrue = (value: unknown) => value === true || value === 'true' || value === '1' || value === 1;

export function createFakeWorkspaceState(options: {
  now: () => number;
  triggerTtlMs: number;
  users: Record<string, UserProfile>;
}) {
  let sequence = 0;
  let ids = 0;
  return {
    now: options.now,
    triggerTtlMs: options.triggerTtlMs,
    users: new Map(Object.entries(options.users)),
    messages: new Map<string, StoredMessage>(),
    ephemerals: [] as StoredEphemeral[],
    views: new Map<string, StoredView>(),
    homes: new Map<string, string>(),
    openDms: new Set<string>(),
    spentTriggers: new Set<string>(),
    // Message timestamps are "<unix seconds>.<6 digits>" and unique per channel (we make them unique
    // everywhere); they are the message's id for chat.update.
    nextTs() {
      sequence += 1;
      return `${Math.floor(options.now() / 1000)}.${String(sequence).padStart(6, '0')}`;
    },
    nextId(prefix: 'V' | 'G') {
      ids += 1;
      return `${prefix}0${String(ids).padStart(8, '0')}`;
    },
    nextHash() {
      return `${Math.floor(options.now() / 1000)}.${Math.random().toString(36).slice(2, 10)}`;
    },
  };
}

export type FakeWorkspaceState = ReturnType<typeof createFakeWorkspaceState>;

export const messageKey = (channel: string, ts: string) => `${channel}/${ts}`;

export function botMessage(text: unknown, blocks: unknown, ts: string) {
  return {
    type: 'message',
    user: WORKSPACE.botUserId,
    bot_id: WORKSPACE.botId,
    app_id: WORKSPACE.appId,
    team: WORKSPACE.teamId,
    text: typeof text === 'string' ? text : '',
    ts,
    ...(Array.isArray(blocks) ? { blocks } : {}),
  };
}
