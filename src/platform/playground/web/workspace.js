// The people and conversations of the workspace as the page acts in it: the channels, and the chat with
// the bot of the person the page acts as.

import { CHAT, state } from './state.js';
import { t } from './texts.js';

export function conversations() {
  const list = state.channels.map((c) => ({ id: c.id, purpose: c.purpose, name: c.name }));
  if (state.me) list.push({ id: state.me.chat, purpose: CHAT, name: t('playground.chat.bot') });
  return list;
}

export const openConversation = () => conversations().find((c) => c.id === state.open) ?? null;

export function pickPerson(id) {
  return state.people.find((p) => p.id === id) ?? state.people[0] ?? null;
}

/** `preferred` (a conversation id, or CHAT for the person's own chat) if the person sees it, else their chat. */
export function pickConversation(preferred) {
  const all = conversations();
  if (preferred === CHAT && state.me) return state.me.chat;
  return all.find((c) => c.id === preferred)?.id ?? state.me?.chat ?? all[0]?.id ?? null;
}
