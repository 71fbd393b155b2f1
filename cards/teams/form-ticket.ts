import type { CardModel } from '../card-model.ts';
import { createFitter } from '../fit-text.ts';
import type { Texts } from '../texts.ts';
import { waitingLine } from '../who-acts.ts';
import type { CardElement, ExecuteAction } from './adaptive-card.ts';
import { textBlock } from './adaptive-card.ts';
import { factElements } from './card-facts.ts';
import { jsonBytes } from './limits.ts';
import { investigationElements } from './render-investigation.ts';
import { leadFacts, ticketData, ticketHeading, WHO_MAX } from './ticket-head.ts';
import { TEAMS_VERBS } from './verbs.ts';

// A form opened by a button on a ticket card takes the card's place for the person who pressed it
// (Universal Actions: the invoke's answer is that person's card). So the form keeps the ticket in view
// above its fields, as the card showed it, and offers Cancel, which brings the card back unchanged.

/**
 * The ticket as its card shows it (heading, status, requester, the form's fields) and, for a complaint, the
 * bot's investigation, within `budget` bytes. The investigation is what SOC writes its findings from (SOP 4.2
 * step 3); it is bounded to a few kilobytes (card-section.ts) and takes at most half the room, so the
 * ticket's own fields are never crowded out.
 */
export function formTicketElements(model: CardModel, texts: Texts, budget: number): CardElement[] {
  const fit = createFitter(texts, { inertLinks: true });
  const heading = textBlock(ticketHeading(model, fit), { weight: 'bolder', size: 'medium' });
  // Whose step it is and by when stays in view while the form is open (the card's own line, "anda" for the
  // person filling it), so a form never hides the deadline it is being filled against.
  const next = model.nextActor;
  const waiting = next
    ? [
        textBlock(
          waitingLine(next, texts, (names) => fit.plain(names, WHO_MAX)),
          { spacing: 'small' },
        ),
      ]
    : [];
  const room = budget - jsonBytes({ type: 'Container', style: 'emphasis', items: [heading, ...waiting] });
  const found = investigationElements(model, texts, fit);
  const investigation = jsonBytes(found) <= room / 2 ? found : [];
  const facts = factElements(
    model.fields,
    texts,
    fit,
    room - jsonBytes(investigation),
    leadFacts(model, texts, fit),
  );
  return [{ type: 'Container', style: 'emphasis', items: [heading, ...waiting, ...facts] }, ...investigation];
}

/**
 * Cancel: asks for the person's own view of the card (the same answer as Teams' refresh), so nothing is
 * decided or stored. `associatedInputs: 'none'` lets it through a form whose required boxes are empty
 * (adaptivecards.io/explorer/Action.Execute).
 */
export function cancelAction(model: CardModel, texts: Texts): ExecuteAction {
  return {
    type: 'Action.Execute',
    verb: TEAMS_VERBS.cancel,
    title: texts.t('common.cancel'),
    data: ticketData(model),
    associatedInputs: 'none',
  };
}
