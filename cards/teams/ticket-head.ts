import type { CardModel } from '../card-model.ts';
import type { Fitter } from '../fit-text.ts';
import type { Texts } from '../texts.ts';
import type { Fact } from './adaptive-card.ts';

// What a ticket is, as every Teams card about it opens: the ticket card itself, and a form a button on it
// opened, so the person filling the form still sees what they are deciding about.

/** Typed text that can be long (a title, a person's name): clipped so the fields keep the room. */
const TITLE_MAX = 300;
export const NAME_MAX = 200;
/** Who acts next: a name, or a role with a few names. */
export const WHO_MAX = 800;

/** "CR-2026-000001 · title", or the number alone when the title is blank. */
export function ticketHeading(model: CardModel, fit: Fitter): string {
  const title = fit.plain(model.title.trim(), TITLE_MAX);
  return title === '' ? model.ticketNumber : `${model.ticketNumber} · ${title}`;
}

/** The rows that lead the card's FactSet: its state and who asked. */
export function leadFacts(model: CardModel, texts: Texts, fit: Fitter): Fact[] {
  return [
    { title: texts.t('card.status'), value: texts.t(`state.${model.state}`) },
    { title: texts.t('role.requester'), value: fit.plain(model.requesterName, NAME_MAX) },
  ];
}

/**
 * What a button on a ticket card carries back: the version lets the adapter recognise a click on a stale card
 * (DESIGN.md, exactly-once state), and the card's kind rides along because Teams may ask for a view, or
 * deliver a press, before mailops has recorded where it posted the card, and the kind decides the buttons.
 */
export function ticketData(model: CardModel) {
  return { ticketId: model.ticketId, version: model.version, card: model.card };
}
