import { actionsInState, actorsOf, type NextActor, nextActor } from '../flows/decide.ts';
import type {
  Audience,
  CardKind,
  MessageRef,
  Role,
  TicketActionType,
  TicketSnapshot,
  TicketState,
} from '../flows/types.ts';
import type { CardField, CardInvestigation, CardModel, CardTimelineEntry } from './card-model.ts';

// Builds the view model of every ticket card from what the database holds (DESIGN.md: cards are rebuilt
// from the database, never from memory). Each card offers the buttons of its audience that the SOP allows
// in the current state; the platform then shows them only to people who may press them.

/** The buttons each card may carry, by audience (the SOP's "who acts" column). */
const CARD_BUTTONS: Record<CardKind, readonly TicketActionType[]> = {
  endorsement: ['endorse', 'decline_endorsement'],
  approval: ['approve', 'reject'],
  // The step the SOP expects first, escalation to the vendor last (SOP 4.1 step 8, 4.2 step 4: "if not solved").
  soc: ['start_implementation', 'mark_implemented', 'record_findings', 'mark_resolved', 'escalate_to_vendor'],
  vendor: ['vendor_resolved'],
  confirmation: ['confirm_resolved', 'report_still_failing'],
  ticket: ['withdraw'],
  // The desk's copy carries its one step, once the requester's deadline has passed: closing a ticket the
  // requester never confirmed (SOP 4.1 step 13, 4.2 step 9).
  desk: ['close_unconfirmed'],
};

/** The card that carries a person's buttons: shown when they open a ticket from App Home. */
export function cardKindFor(actions: readonly TicketActionType[]): CardKind {
  const kinds = Object.entries(CARD_BUTTONS) as [CardKind, readonly TicketActionType[]][];
  return (
    kinds.find(([, buttons]) => buttons.some((b) => actions.includes(b) && b !== 'withdraw'))?.[0] ?? 'ticket'
  );
}

export interface TicketCardSource {
  readonly snapshot: TicketSnapshot;
  /** When the card is drawn: a button whose time has not come (the desk's close) is left off. */
  readonly now: Date;
  readonly title: string;
  readonly requesterName: string;
  readonly slaDueAt: Date | null;
  /** Field label key → value, in the order the paper form lists them. */
  readonly fields: readonly CardField[];
  readonly lastDecision: { readonly action: string; readonly actorName: string; readonly at: Date } | null;
  readonly timeline: readonly { readonly type: string; readonly actorName: string; readonly at: Date }[];
  /** Display name of a person id, for "waiting for Aminah"; null when the id is not a configured person. */
  readonly nameOf: (personId: string) => string | null;
  /** The people who may take a role's step, for "waiting for Approver: Zulkifli, Noraini"; absent: the role alone. */
  readonly peopleWithRole?: (role: Role) => readonly { readonly id: string; readonly name: string }[];
  /**
   * The person this copy is drawn for (their own chat with the bot, their own view in Teams), who reads
   * "waiting for you" rather than their own name; absent for a copy many people read.
   */
  readonly reader?: string;
  /** The bot's investigation of a complaint, worded by src/investigation; absent when it ran none. */
  readonly investigation?: CardInvestigation;
}

const TIMELINE_LENGTH = 8;

/**
 * The states in which the requester's "still failing" report is the problem being worked on: back with SOC
 * or the vendor (SOP 4.1 step 12 → 7, 4.2 step 8 → 3). Once SOC says it is fixed again, or the ticket ends,
 * the report is history and says so, or a closed card would read as a problem still open.
 */
const STILL_FAILING_CURRENT: ReadonlySet<TicketState> = new Set([
  'awaiting_implementation',
  'implementing',
  'escalated_to_vendor',
  'investigating',
]);

/**
 * The same holds the other way round for SOC's resolution: once the requester reports that it still fails,
 * the previous round's "how it was resolved" is history, or a card back with SOC reads as solved.
 */
function earlierRoundAsHistory(fields: readonly CardField[], state: TicketState): readonly CardField[] {
  const [current, earlier] = STILL_FAILING_CURRENT.has(state)
    ? ['field.resolution', 'field.resolution_earlier']
    : ['field.still_failing', 'field.still_failing_earlier'];
  return fields.map((f) => (f.label.key === current ? { ...f, label: { key: earlier } } : f));
}

export function buildCardModel(card: CardKind, source: TicketCardSource): CardModel {
  const { snapshot } = source;
  const next = nextActor(snapshot);
  const allowed = new Set(actionsInState(snapshot, source.now));
  const timeline: CardTimelineEntry[] = source.timeline.slice(-TIMELINE_LENGTH).map((e) => ({
    at: e.at,
    actorName: e.actorName,
    event: { key: `event.${e.type}` },
  }));
  const nextWho = next === null ? null : audienceOf(next);
  return {
    card,
    ticketId: snapshot.id,
    ticketNumber: snapshot.number,
    kind: snapshot.kind,
    state: snapshot.state,
    version: snapshot.version,
    title: source.title,
    requesterName: source.requesterName,
    fields: earlierRoundAsHistory(source.fields, snapshot.state),
    nextActor: next === null || nextWho === null ? null : nextActorOf(next, nextWho, allowed, source),
    lastDecision: source.lastDecision
      ? {
          event: { key: `past.${source.lastDecision.action}` } satisfies MessageRef,
          actorName: source.lastDecision.actorName,
          at: source.lastDecision.at,
        }
      : null,
    actions: CARD_BUTTONS[card].filter((a) => allowed.has(a)),
    actors: actorsOf(snapshot, CARD_BUTTONS[card]).flatMap((a) => audienceOf(a) ?? []),
    timeline,
    ...(source.investigation ? { investigation: source.investigation } : {}),
  };
}

type NextActorModel = NonNullable<CardModel['nextActor']>;

function nextActorOf(
  next: NextActor,
  who: Audience,
  allowed: ReadonlySet<TicketActionType>,
  source: TicketCardSource,
): NextActorModel {
  const { reader, peopleWithRole } = source;
  const others = (people: readonly { id: string; name: string }[]) =>
    people.filter((p) => p.id !== reader).map((p) => p.name);
  const holds = (people: readonly { id: string }[]) => people.some((p) => p.id === reader);
  const holders = 'role' in who && peopleWithRole ? peopleWithRole(who.role) : undefined;
  const desk = allowed.has('close_unconfirmed') ? (peopleWithRole?.('service_desk') ?? []) : undefined;
  const you = 'person' in next ? next.person === reader : holders !== undefined && holds(holders);
  return {
    who,
    name: 'person' in next ? source.nameOf(next.person) : null,
    ...(holders ? { people: others(holders) } : {}),
    ...(you ? { you: true } : {}),
    dueAt: source.slaDueAt,
    ...(desk ? { closableBy: others(desk) } : {}),
    ...(desk && holds(desk) ? { youMayClose: true } : {}),
  };
}

function audienceOf(who: NextActor): Audience | null {
  return 'person' in who ? { person: who.person } : roleAudience(who.role);
}

/** The requester and the manager are people, never channels; the other roles have a channel each. */
function roleAudience(role: string) {
  if (
    role === 'approver' ||
    role === 'soc' ||
    role === 'vendor' ||
    role === 'service_desk' ||
    role === 'admin'
  ) {
    return { role } as const;
  }
  return null;
}
