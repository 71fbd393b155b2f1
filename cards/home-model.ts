import type { TicketActionType, TicketKind, TicketState } from '../flows/types.ts';
import type { CardModel } from './card-model.ts';
import type { Texts } from './texts.ts';
import { waitingLine } from './who-acts.ts';

// App Home / dashboard: my open tickets, actions waiting for me (by role), recent closures.

export interface HomeTicket {
  readonly ticketId: string;
  readonly number: string;
  readonly kind: TicketKind;
  readonly state: TicketState;
  readonly title: string;
  readonly requesterName: string;
  readonly slaDueAt: Date | null;
  /** For "waiting for me": the actions this person may take now. */
  readonly actions: readonly TicketActionType[];
  /**
   * For my open tickets: whom the ticket waits for and by when, as its card says it (the people by name), so
   * a requester knows whom to call without opening it.
   */
  readonly next?: NonNullable<CardModel['nextActor']>;
}

export interface HomeModel {
  readonly personName: string | null;
  /** Null when the viewer is not in the configuration: the home says whom to ask. */
  readonly known: boolean;
  readonly myOpen: readonly HomeTicket[];
  readonly waitingForMe: readonly HomeTicket[];
  readonly recentlyClosed: readonly HomeTicket[];
}

/**
 * A ticket's state and then whom it waits for by when (the card's own line), or its SLA deadline when the
 * home does not name who acts: the same words on every platform.
 */
export function statusLine(ticket: HomeTicket, texts: Texts): string {
  const status = [texts.t(`state.${ticket.state}`)];
  if (ticket.next) status.push(waitingLine(ticket.next, texts));
  else if (ticket.slaDueAt !== null)
    status.push(texts.t('home.due', { due: texts.formatDate(ticket.slaDueAt) }));
  return status.join(' · ');
}
