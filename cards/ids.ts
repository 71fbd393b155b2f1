import type { TicketActionType } from '../flows/types.ts';

// Every stable id the chat platforms carry back to us (STYLE.md 7: one constants file): slash commands,
// modal callback ids and button action ids. Changing one breaks cards already posted, so they never change.

export const SLASH_COMMANDS = {
  changeRequest: '/changerequest',
  complaint: '/mailcomplaint',
} as const;

/** Modal (Slack `callback_id`) / dialog ids. */
export const FORM_IDS = {
  changeRequest: 'mailops.form.change_request',
  complaint: 'mailops.form.complaint',
  /** Any ticket action that needs input (a reject comment, Section B, Section D, notes). */
  action: 'mailops.form.action',
} as const;

/** Button ids: one per ticket action, plus "open this ticket" from App Home. */
export const ACTION_ID_PREFIX = 'mailops.act.';
export const OPEN_TICKET_ACTION_ID = 'mailops.open_ticket';
/** "Read in full" on a card whose fields did not all fit whole: every field, unclipped, for this reader. */
export const FULL_TEXT_ACTION_ID = 'mailops.full_text';

export function actionIdOf(action: TicketActionType): string {
  return `${ACTION_ID_PREFIX}${action}`;
}

export function actionOfId(actionId: string): string | null {
  return actionId.startsWith(ACTION_ID_PREFIX) ? actionId.slice(ACTION_ID_PREFIX.length) : null;
}
