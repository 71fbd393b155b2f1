import type { CardModel } from './card-model.ts';
import type { Texts } from './texts.ts';

// "Menunggu tindakan …": the person who must act, or the role with the first few people who hold it, so a
// reader knows whom to ask (SOP: every step names who acts). The same words on every platform.

/** Names shown before "+N lagi": enough to know whom to call, short enough for one line. */
const NAMES_SHOWN = 3;

/** The first few names, "you" first when the reader is one of them, and how many more; empty for nobody. */
function namesOf(people: readonly string[], texts: Texts, you = false): string {
  const all = you ? [texts.t('card.you'), ...people] : people;
  const shown = all.slice(0, NAMES_SHOWN).join(', ');
  const more = all.length - NAMES_SHOWN;
  return more > 0 ? texts.t('card.names_and_more', { names: shown, count: more }) : shown;
}

export function whoActs(next: NonNullable<CardModel['nextActor']>, texts: Texts): string {
  if (!('role' in next.who)) return next.you ? texts.t('card.you') : (next.name ?? texts.t('common.unknown'));
  const role = texts.t(`role.${next.who.role}`);
  const names = namesOf(next.people ?? [], texts, next.you);
  return names === '' ? role : texts.t('card.role_people', { role, names });
}

/**
 * The card's "who acts next, by when" line. Past the requester's deadline to test, the line says the desk
 * may now close the ticket unconfirmed, so neither the requester nor the desk reads a past date as the
 * whole story. `clip` clips each name list to what the platform's line holds.
 */
export function waitingLine(
  next: NonNullable<CardModel['nextActor']>,
  texts: Texts,
  clip: (names: string) => string = (names) => names,
): string {
  const who = clip(whoActs(next, texts));
  if (next.dueAt === null) return texts.t('card.waiting_for', { who });
  const due = texts.formatDate(next.dueAt);
  if (next.closableBy === undefined) return texts.t('card.waiting_for_by', { who, due });
  const role = texts.t('role.service_desk');
  const closers = namesOf(next.closableBy, texts, next.youMayClose);
  const names = closers === '' ? '' : ` (${closers})`;
  const desk = clip(`${role}${names}`);
  return texts.t('card.waiting_for_overdue_confirmation', { who, due, desk });
}
