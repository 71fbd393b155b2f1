import type { TicketActionType, TicketKind, TicketState } from '../flows/types.ts';

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
}

export interface HomeModel {
  readonly personName: string | null;
  /** Null when the viewer is not in the configuration: the home says whom to ask. */
  readonly known: boolean;
  readonly myOpen: readonly HomeTicket[];
  readonly waitingForMe: readonly HomeTicket[];
  readonly recentlyClosed: readonly HomeTicket[];
}
