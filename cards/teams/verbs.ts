import type { FormKind } from '../forms/types.ts';

// The Action.Execute verbs Teams carries back in `adaptiveCard/action` invokes, besides the ticket buttons
// (whose verb is cards/ids.ts actionIdOf, the same id Slack uses). Changing one breaks cards already posted.

export const TEAMS_VERBS = {
  /** Universal Actions refresh: Teams asks for the reader's own view of a card. */
  refresh: 'refresh',
  /** "Open" next to a ticket on the home card: post that ticket's card. */
  open: 'open',
  /** Cancel on a form a ticket card's button opened: the person's own view of the card again, nothing decided. */
  cancel: 'cancel',
  /** "Read in full" under a card whose fields were cut to fit: every field whole, for this reader. */
  fullText: 'full_text',
} as const;

const FORM_VERB_PREFIX = 'form:';

/** A form card's submit button: `form:<kind>`, with the form's context in its data. */
export function formVerb(kind: FormKind): string {
  return `${FORM_VERB_PREFIX}${kind}`;
}
