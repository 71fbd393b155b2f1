import type { CardModel } from './card-model.ts';
import type { Texts } from './texts.ts';

// "Menunggu tindakan …": the person who must act, or the role with the first few people who hold it, so a
// reader knows whom to ask (SOP: every step names who acts). The same words on every platform.

/** Names shown before "+N lagi": enough to know whom to call, short enough for one line. */
const NAMES_SHOWN = 3;

export function whoActs(next: NonNullable<CardModel['nextActor']>, texts: Texts): string {
  if (next.name !== null) return next.name;
  if (!('role' in next.who)) return texts.t('common.unknown');
  const role = texts.t(`role.${next.who.role}`);
  const people = next.people ?? [];
  if (people.length === 0) return role;
  const shown = people.slice(0, NAMES_SHOWN).join(', ');
  const more = people.length - NAMES_SHOWN;
  const names = more > 0 ? texts.t('card.names_and_more', { names: shown, count: more }) : shown;
  return texts.t('card.role_people', { role, names });
}
