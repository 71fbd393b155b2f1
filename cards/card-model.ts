import type {
  Audience,
  CardKind,
  MessageRef,
  TicketActionType,
  TicketKind,
  TicketState,
} from '../flows/types.ts';

// The platform-neutral view model of a ticket card (STYLE.md 9). It is rebuilt from the database for every
// post or update (DESIGN.md: cards never come from memory), and rendered to Block Kit and Adaptive Cards
// by the adapters, which translate every MessageRef into the reader's language.

/** A moment, or a window between two, shown in Malaysia time in the reader's language. */
export type CardTime = { readonly at: Date } | { readonly from: Date; readonly to: Date };

export interface CardField {
  readonly label: MessageRef;
  readonly value: string | MessageRef | CardTime;
}

export interface CardTimelineEntry {
  readonly at: Date;
  readonly actorName: string;
  readonly event: MessageRef;
}

export interface CardModel {
  readonly card: CardKind;
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly kind: TicketKind;
  readonly state: TicketState;
  /** The version the card shows; buttons carry it so a click on a stale card is recognised. */
  readonly version: number;
  readonly title: string;
  readonly requesterName: string;
  readonly fields: readonly CardField[];
  /** Who must act next and by when: every card says it (the product's first promise). */
  readonly nextActor: {
    readonly who: Audience;
    readonly name: string | null;
    readonly dueAt: Date | null;
  } | null;
  /** The last decision, for "Approved by X at T (MYT)" in place of the buttons. */
  readonly lastDecision: { readonly event: MessageRef; readonly actorName: string; readonly at: Date } | null;
  /** Buttons this card offers; a platform shows them only to people allowed to press them. */
  readonly actions: readonly TicketActionType[];
  readonly timeline: readonly CardTimelineEntry[];
}
