import type {
  Audience,
  CardKind,
  CheckPurpose,
  CheckVerdict,
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

/**
 * Text src/ words itself in each language the service speaks, for what only it can word: a check's finding
 * (src/mail/describe.ts turns codes in its values into words). The renderer shows its reader's language.
 */
export type LocalizedText = Readonly<Record<'ms' | 'en', string>>;

/** One check that needs attention, with its one-line fix. */
export interface CardCheck {
  readonly verdict: CheckVerdict;
  readonly title: LocalizedText;
  /** The host, address or domain the check was about, as found. */
  readonly subject?: string;
  /** How to fix it; empty when there is nothing to do. */
  readonly fix: LocalizedText;
}

/** A check that needed attention before SOC resolved the complaint (or does now), before and after. */
export interface CardCheckChange {
  readonly change: 'fixed' | 'still_failing' | 'not_retested' | 'new_problem';
  readonly title: LocalizedText;
  readonly subject?: string;
  /** null: the investigation did not run this check. */
  readonly before: CheckVerdict | null;
  /** null: the re-check did not run it again. */
  readonly after: CheckVerdict | null;
}

/** The bot's own SOP 4.2 step 3: the checks under way, and what the latest finished run found. */
export interface CardInvestigation {
  /** A run queued or under way: "Investigating… started at …". */
  readonly running: { readonly purpose: CheckPurpose; readonly startedAt: Date } | null;
  readonly latest: {
    readonly purpose: CheckPurpose;
    readonly finishedAt: Date;
    /** The checks themselves broke: the counts hold only what was learned before. */
    readonly failed: boolean;
    readonly counts: Readonly<Record<CheckVerdict, number>>;
    /** Failures first, then warnings; `moreProblems` counts those left out. */
    readonly problems: readonly CardCheck[];
    readonly moreProblems: number;
    /**
     * The checks the bot could not run (SOP 4.2 step 3 then falls to VAS SOC by hand), by name, each once;
     * `moreUntested` counts those left out.
     */
    readonly untested: readonly LocalizedText[];
    readonly moreUntested: number;
    /** For a re-check: each check that needed attention before or does now; `more` counts those left out. */
    readonly changes: { readonly items: readonly CardCheckChange[]; readonly more: number } | null;
  } | null;
  /** The bounce pasted with the complaint, as the bot read it; null when none was pasted. */
  readonly bounce: LocalizedText | null;
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
    /** For a role: the names of the people who hold it, so the card says whom to ask, not just the role. */
    readonly people?: readonly string[];
    /**
     * The reader of this copy is the one who must act, or one of the role's people (left out of `people`):
     * their own chat with the bot, or their own view in Teams, says "you" rather than their own name.
     */
    readonly you?: true;
    readonly dueAt: Date | null;
    /**
     * Once the requester let the deadline to test pass (SOP 4.1.1 step 13, 4.2.1 step 9): the service desk
     * may close the ticket unconfirmed, and these are its people who may. Absent before the deadline.
     */
    readonly closableBy?: readonly string[];
    /** The reader is one of the desk's people who may close it (left out of `closableBy`). */
    readonly youMayClose?: true;
  } | null;
  /** The last decision, for "Approved by X at T (MYT)" in place of the buttons. */
  readonly lastDecision: { readonly event: MessageRef; readonly actorName: string; readonly at: Date } | null;
  /** Buttons this card offers; a platform shows them only to people allowed to press them. */
  readonly actions: readonly TicketActionType[];
  /**
   * Who may press this card's buttons while the ticket stays in its state, including a button whose time has
   * not come yet (the desk's close before the requester's deadline): Teams gives each of them a view of
   * their own, drawn when they look at the card, so the button reaches them once it opens.
   */
  readonly actors: readonly Audience[];
  readonly timeline: readonly CardTimelineEntry[];
  /** On a complaint the bot investigates (every kind of its cards). */
  readonly investigation?: CardInvestigation;
}
