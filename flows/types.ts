// The vocabulary shared by both SOP state machines, the ticket service and the cards.
// Pure types and constants only: flows/ does no I/O (DESIGN.md, "The two SOP flows").

export const ROLES = ['requester', 'manager', 'service_desk', 'approver', 'soc', 'vendor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const TICKET_KINDS = ['change_request', 'complaint'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** SOP 4.1 (Carta Alir Penambahan dan Perubahan Polisi). Step numbers are the SOP's. */
export const CHANGE_REQUEST_STATES = [
  'awaiting_endorsement', // step 1–2: form submitted, "Requester Approval (Manager and above)" pending
  'awaiting_approval', // step 3–4: ticket opened, approval requested from MAMPU
  'awaiting_implementation', // step 6 (and 12 → 7): routed to VAS SOC
  'implementing', // step 7: SOC implements (Section B recorded)
  'escalated_to_vendor', // step 8–9: not solved, reported to the vendor
  'awaiting_confirmation', // step 10–11: status updated, requester asked to test and confirm
  'closed', // step 13
  'rejected', // step 5
  'not_endorsed', // Section A: the manager did not endorse; the request never reaches MAMPU
  'withdrawn', // requester withdrew before the approval decision
] as const;
export type ChangeRequestState = (typeof CHANGE_REQUEST_STATES)[number];

/** SOP 4.2 (Carta Alir Aduan E-mel Tidak Dapat Dihantar Dan Tidak Dapat Diterima). */
export const COMPLAINT_STATES = [
  'investigating', // step 2–3: ticket opened, SOC investigates
  'escalated_to_vendor', // step 4–5
  'awaiting_confirmation', // step 6–7
  'closed', // step 9
  'withdrawn',
] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

export type TicketState = ChangeRequestState | ComplaintState;

/** A person as the flows see them: an id that is stable across platforms, and their global roles. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** The phone the configuration gives the person: the form's signature blocks ask for a contact number. */
  readonly phone?: string;
}

/** The system itself (scheduler, dispatcher): never passes a role check meant for a person. */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'mailops', roles: [] };

/**
 * Who a transition belongs to: a role people hold, or 'system' for the steps the bot takes itself (recording
 * its own checks, opening a complaint for a failed daily check). 'system' is not in ROLES on purpose: the
 * configuration accepts only ROLES, so no person can ever be given it (flows/roles.ts, requireSystem).
 */
export type StepRole = Role | 'system';

/** Why the bot ran the SOP 4.2 step 3 checks on a ticket (the `purpose` of a stored check run). */
export type CheckPurpose = 'investigation' | 'recheck' | 'checklist';
export type CheckVerdict = 'pass' | 'warn' | 'fail' | 'untested';

/** A re-check against the investigation before it: what the before/after shows, in numbers. */
export interface CheckComparison {
  /** Failed or warned before, passes now. */
  readonly fixed: number;
  /** Failed or warned before and still does, or could not be re-tested. */
  readonly stillFailing: number;
  /** Fails or warns now and did not before. */
  readonly newProblems: number;
  /**
   * Every check that failed before passes now, and none fails that passed: what lets the bot close a ticket
   * it opened itself.
   */
  readonly resolved: boolean;
}

/** One run of the bot's checks on a ticket, as the flows see it (the findings stay in the run's row). */
export interface CheckRunSummary {
  readonly id: string;
  readonly purpose: CheckPurpose;
  /** `pending` while queued or running; `failed` when the checks themselves broke for good. */
  readonly status: 'pending' | 'done' | 'failed';
  /** False for a checklist run an action names that is not yet the ticket's (record_investigation adopts it). */
  readonly attached: boolean;
  /** An `ad.investigation_recorded` event already names it: recording it again would say it twice. */
  readonly recorded: boolean;
  readonly counts: Readonly<Record<CheckVerdict, number>>;
  /** For a re-check: its comparison with the investigation before it. */
  readonly compared: CheckComparison | null;
}

/** What a flow needs to know about a ticket; reloaded from the database for every event (STYLE.md 3). */
export interface TicketSnapshot {
  readonly id: string;
  readonly kind: TicketKind;
  readonly number: string;
  readonly state: TicketState;
  readonly version: number;
  readonly requesterId: string;
  /** Manager named in Section A; null when endorsement is switched off or the form named none. */
  readonly managerId: string | null;
  /** Who approved in Section C (change requests), so the implementer can be held to be someone else. */
  readonly approverId: string | null;
  /** When Section C approved the change (change requests): Section D's actual times cannot be earlier. */
  readonly approvedAt: Date | null;
  /** Whoever recorded Section B most recently. */
  readonly implementerId: string | null;
  /**
   * When the current state's wait runs out (flows/sla.ts over the business calendar): in
   * `awaiting_confirmation`, the requester's deadline to answer SOP 4.1 step 11 / 4.2 step 7. Null when the
   * state has no SLA.
   */
  readonly slaDueAt: Date | null;
  /**
   * The bot investigates this complaint itself (SOP 4.2 step 3): it has an investigation or checklist run,
   * finished or still under way, or the bot opened it. Marking it resolved then waits for the bot's re-check,
   * compared with that run, before the requester is asked to confirm.
   */
  readonly investigated: boolean;
  /** The bot's check runs on the ticket, oldest first (plus, unattached, a checklist run the action names). */
  readonly checkRuns: readonly CheckRunSummary[];
}

/** A message reference: the flows never hold text; src/i18n renders the key in the reader's language. */
export interface MessageRef {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export const REFUSAL_CODES = [
  'wrong_role', // only the named role acts
  'not_named_manager', // the endorsement belongs to the manager the form names
  'own_request', // the requester never approves or endorses their own request
  'approver_cannot_implement', // separation of duties: approver ≠ implementer
  'endorser_cannot_approve', // separation of duties: Section A's endorsing manager ≠ Section C's approver
  'requester_cannot_implement', // separation of duties: requester ≠ implementer (Sections B and D)
  'requester_cannot_resolve', // separation of duties: the complainant ≠ who marks the complaint resolved
  'confirmation_not_overdue', // the desk closes unconfirmed only once the requester's deadline has passed
  'no_confirmation_deadline', // …and a ticket with no deadline never passes one
  'not_requester', // only the requester confirms, reports failure or withdraws
  'system_only', // a step the bot takes itself (recording its checks); no person takes it
  'illegal_transition', // the action does not apply in this state
  'ticket_finished', // closed, rejected, withdrawn: nothing more to do
  'invalid_input', // payload failed validation; details per field
  'version_conflict', // someone else changed the ticket first
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  readonly ok: false;
  readonly code: RefusalCode;
  /** Why, for a person: rendered by src/i18n from `refusal.<code>` with these params. */
  readonly reason: MessageRef;
  /** Field path → message ref, for `invalid_input` so a form can show errors on the exact field. */
  readonly fieldErrors?: Readonly<Record<string, MessageRef>>;
  /**
   * For a step that does not apply now (`illegal_transition`), or that this person may not take (the role and
   * separation-of-duties refusals): who acts next and what this person may do instead, never another role's
   * step (SOP 4.1.1, "Pegawai yang Bertanggungjawab"). Rendered after `reason`.
   */
  readonly whatNow?: readonly MessageRef[];
}

/** Who must hear about a transition. Adapters resolve roles to channels or people from configuration. */
export type Audience =
  | { readonly role: Exclude<Role, 'requester' | 'manager'> }
  | { readonly person: string }
  | { readonly channel: 'announcements' };

/** A notification the transition implies; the ticket service writes one outbox row per platform. */
export interface NotificationIntent {
  readonly to: Audience;
  readonly message: MessageRef;
}

/**
 * Cards that show the ticket; `post` creates one for the audience, `refresh` re-renders every posted copy.
 * `ticket` is the requester's own copy, `desk` the service desk's: apart so neither shows the other's button.
 */
export const CARD_KINDS = [
  'endorsement',
  'approval',
  'soc',
  'vendor',
  'confirmation',
  'ticket',
  'desk',
] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** For a kind read from outside (a stored row, a card's refresh data). */
export const isCardKind = (value: unknown): value is CardKind =>
  typeof value === 'string' && (CARD_KINDS as readonly string[]).includes(value);
export type CardIntent =
  | { readonly op: 'post'; readonly card: CardKind; readonly to: Audience }
  | { readonly op: 'refresh'; readonly card: CardKind | 'all' };

/** Form sections written with the transition (the paper form's sections, validated by flows/forms.ts). */
export type SectionWrite =
  | { readonly section: 'A'; readonly data: unknown }
  | { readonly section: 'B'; readonly data: unknown }
  | { readonly section: 'C'; readonly data: unknown }
  | { readonly section: 'D'; readonly data: unknown }
  | { readonly section: 'complaint'; readonly data: unknown }
  | { readonly section: 'note'; readonly data: unknown };

/**
 * Automated checks a decision starts (SOP 4.2 step 3), written as job rows in the deciding transaction:
 * `queue` a run of the checks on the complaint's domain; `attach` a checklist run that already has findings
 * to the ticket (`record` when the investigation worker must still record it on the ticket).
 */
export type CheckRunIntent =
  | { readonly op: 'queue'; readonly purpose: 'investigation' | 'recheck' }
  | { readonly op: 'attach'; readonly runId: string; readonly record: boolean };

export interface Decision<S extends TicketState = TicketState> {
  readonly ok: true;
  readonly from: S | null;
  readonly to: S;
  /** SOP step this transition performs, e.g. '4.1/6'. Recorded in the audit event. */
  readonly step: string;
  /** Audit event type and data (besides who/when/from/to, which the service adds). */
  readonly event: { readonly type: string; readonly data: Readonly<Record<string, unknown>> };
  readonly sections: readonly SectionWrite[];
  readonly notify: readonly NotificationIntent[];
  readonly cards: readonly CardIntent[];
  /** People who take a per-ticket role from now on (e.g. the manager named in Section A). */
  readonly assign?: readonly { readonly role: Role; readonly person: string }[];
  /** The bot's checks this step starts or adopts. */
  readonly checks?: readonly CheckRunIntent[];
}

export type Outcome<S extends TicketState = TicketState> = Decision<S> | Refusal;

/**
 * Every action a person (or the system) can take on a ticket. Payloads are unvalidated here: each flow
 * validates them with the zod schemas of flows/forms.ts before deciding, so bad input is a refusal with
 * per-field reasons, never an exception.
 */
export type TicketAction =
  // SOP 4.1
  | {
      readonly type: 'submit_change_request';
      readonly form: unknown;
      readonly endorsementRequired: boolean;
      /**
       * With endorsement on, the only people Section A may name to endorse: the configured managers a chat
       * platform reaches (the directory, passed in as the setting above is). Absent: nobody may be named.
       */
      readonly managers?: readonly string[];
    }
  | { readonly type: 'endorse' }
  | { readonly type: 'decline_endorsement'; readonly reason: unknown }
  | { readonly type: 'approve'; readonly sectionC: unknown }
  | { readonly type: 'reject'; readonly sectionC: unknown }
  | { readonly type: 'start_implementation'; readonly sectionB: unknown }
  | { readonly type: 'mark_implemented'; readonly sectionD: unknown }
  // SOP 4.2
  | { readonly type: 'submit_complaint'; readonly complaint: unknown }
  | { readonly type: 'record_findings'; readonly notes: unknown }
  | { readonly type: 'mark_resolved'; readonly notes: unknown }
  // both
  | { readonly type: 'escalate_to_vendor'; readonly request: unknown }
  | { readonly type: 'vendor_resolved'; readonly notes: unknown }
  | { readonly type: 'confirm_resolved' }
  | { readonly type: 'report_still_failing'; readonly details: unknown }
  | { readonly type: 'withdraw'; readonly reason?: unknown }
  | { readonly type: 'close_unconfirmed'; readonly note: unknown }
  // Taken by SYSTEM_ACTOR only. The daily checklist depends on these two shapes.
  /**
   * SOP 4.2 step 3, "Memaklumkan 1GovUC SD hasil siasatan": the bot's finished check run goes on the ticket's
   * card and audit trail. Recorded once per run: the ticket service keys it `investigation:<runId>` unless
   * given a key, and a run already recorded is refused. A checklist run not yet the ticket's is adopted.
   */
  | { readonly type: 'record_investigation'; readonly runId: string; readonly purpose: CheckPurpose }
  /** SOP 4.2 steps 1–2 on the service's behalf: a daily check failed (`runId` holds its findings). */
  | { readonly type: 'report_failed_check'; readonly complaint: unknown; readonly runId: string };

export type TicketActionType = TicketAction['type'];

/** Every action type a person can take, for checking a type that arrives from outside (a button id). */
export const TICKET_ACTION_TYPES = [
  'submit_change_request',
  'endorse',
  'decline_endorsement',
  'approve',
  'reject',
  'start_implementation',
  'mark_implemented',
  'submit_complaint',
  'record_findings',
  'mark_resolved',
  'escalate_to_vendor',
  'vendor_resolved',
  'confirm_resolved',
  'report_still_failing',
  'withdraw',
  'close_unconfirmed',
] as const satisfies readonly TicketActionType[];

/** The steps only the bot takes; never accepted from a button. */
export const SYSTEM_ACTION_TYPES = [
  'record_investigation',
  'report_failed_check',
] as const satisfies readonly TicketActionType[];
