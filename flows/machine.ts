import { message, refuse } from './flow-messages.ts';
import { type ActorRule, authorize, isSystem, type NextActor, openNow, whoActs } from './roles.ts';
import type {
  Actor,
  Audience,
  CardKind,
  CheckRunIntent,
  Decision,
  MessageRef,
  NotificationIntent,
  Outcome,
  Refusal,
  Role,
  SectionWrite,
  StepRole,
  TicketAction,
  TicketActionType,
  TicketSnapshot,
  TicketState,
} from './types.ts';
import { SYSTEM_ACTOR } from './types.ts';

// The engine both SOP machines share. A machine is data: a transition table (state × action → next state,
// SOP step, role and per-ticket rules) plus one handler per action that validates the payload and says
// what the step writes, who hears about it and which cards appear. The engine checks the table first, then
// the actor, then the payload, so a person is never asked to fix a form for a step they may not take.

export interface Transition<S extends TicketState> {
  /** null: the action opens the ticket. */
  readonly from: S | null;
  readonly action: TicketActionType;
  /** Set when the payload picks the next state (submit with or without endorsement, Section D status). */
  readonly branch?: string;
  readonly to: S;
  /** The SOP step the transition performs, '4.1/6'; recorded as Decision.step and in the audit event. */
  readonly step: string;
  readonly role: StepRole;
  readonly rules?: readonly ActorRule[];
}

/** What a handler decides once the payload is valid; the engine turns it into a Decision. */
export interface Effects {
  readonly branch?: string;
  readonly event: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly sections?: readonly SectionWrite[];
  readonly notify?: readonly NotificationIntent[];
  readonly post?: readonly { readonly card: CardKind; readonly to: Audience }[];
  readonly assign?: readonly { readonly role: Role; readonly person: string }[];
  readonly checks?: readonly CheckRunIntent[];
}

export type ActionOf<T extends TicketActionType> = Extract<TicketAction, { readonly type: T }>;

export interface StepContext<A extends TicketAction = TicketAction> {
  readonly ticket: TicketSnapshot;
  readonly action: A;
  readonly actor: Actor;
  readonly now: Date;
}
export type OpenContext<A extends TicketAction> = Omit<StepContext<A>, 'ticket'>;

type Handler<C> = (ctx: C) => Effects | Refusal;
type StepHandlers = { readonly [T in TicketActionType]?: Handler<StepContext<ActionOf<T>>> };

export interface MachineTable<S extends TicketState> {
  readonly states: readonly S[];
  /** Closed, rejected, withdrawn…: every action is refused with `ticket_finished`. */
  readonly terminal: readonly S[];
  /** Rows of one state are listed with the step the SOP expects next first (see nextActorOf). */
  readonly table: readonly Transition<S>[];
}

export interface Machine<S extends TicketState, O extends TicketActionType> extends MachineTable<S> {
  open(ctx: OpenContext<ActionOf<O>>): Effects | Refusal;
  readonly steps: StepHandlers;
}

const isRefusal = (r: Effects | Refusal): r is Refusal => 'ok' in r && r.ok === false;

function stateOf<S extends TicketState>(m: MachineTable<S>, ticket: TicketSnapshot | null): S | null {
  if (ticket === null) return null;
  return (m.states as readonly TicketState[]).includes(ticket.state) ? (ticket.state as S) : null;
}

function rowsFrom<S extends TicketState>(m: MachineTable<S>, state: S | null) {
  return m.table.filter((t) => t.from === state);
}

export function run<S extends TicketState, O extends TicketActionType>(
  m: Machine<S, O>,
  ticket: TicketSnapshot | null,
  action: TicketAction,
  actor: Actor,
  now: Date,
): Outcome<S> {
  const from = stateOf(m, ticket);
  if (ticket !== null && from !== null && m.terminal.includes(from)) {
    return refuse('ticket_finished', { state: from });
  }
  // A state this procedure does not have (a corrupt row, the other kind's state) allows nothing.
  const known = ticket === null || from !== null;
  const rows = known ? rowsFrom(m, from).filter((t) => t.action === action.type) : [];
  const first = rows[0];
  if (first === undefined) {
    const refusal = refuse('illegal_transition', { state: ticket?.state ?? 'none' });
    return { ...refusal, whatNow: whatNowIn(m, ticket, actor, now) };
  }
  // A person who may not take this step is told, as one who came too late is, who acts next and what they
  // themselves may do: "only the approver may" alone leaves them asking whom to call. Opening a ticket has
  // no ticket to say that of.
  const denied = authorize(first.role, first.rules ?? [], ticket, actor, now);
  if (denied) return ticket === null ? denied : { ...denied, whatNow: whatNowIn(m, ticket, actor, now) };

  const effects = ticket === null ? openWith(m, action, actor, now) : stepWith(m, ticket, action, actor, now);
  if (isRefusal(effects)) return effects;
  const row = rows.find((t) => t.branch === effects.branch);
  if (row === undefined) throw new Error(`flows: no ${action.type} transition for branch ${effects.branch}`);
  return decision(from, row, effects);
}

function openWith<S extends TicketState, O extends TicketActionType>(
  m: Machine<S, O>,
  action: TicketAction,
  actor: Actor,
  now: Date,
): Effects | Refusal {
  return m.open({ action: action as ActionOf<O>, actor, now });
}

function stepWith<S extends TicketState, O extends TicketActionType>(
  m: Machine<S, O>,
  ticket: TicketSnapshot,
  action: TicketAction,
  actor: Actor,
  now: Date,
): Effects | Refusal {
  const handler = m.steps[action.type] as Handler<StepContext> | undefined;
  if (handler === undefined)
    throw new Error(`flows: the table allows ${action.type} but no handler decides it`);
  return handler({ ticket, action, actor, now });
}

function decision<S extends TicketState>(from: S | null, row: Transition<S>, e: Effects): Decision<S> {
  const posts = (e.post ?? []).map((p) => ({ op: 'post' as const, card: p.card, to: p.to }));
  return {
    ok: true,
    from,
    to: row.to,
    step: row.step,
    event: { type: e.event, data: { step: row.step, ...e.data } },
    sections: e.sections ?? [],
    notify: e.notify ?? [],
    // Every decision re-renders every posted copy, so a card in any channel shows the new state at once.
    cards: [...posts, { op: 'refresh', card: 'all' }],
    ...(e.assign && e.assign.length > 0 ? { assign: e.assign } : {}),
    ...(e.checks && e.checks.length > 0 ? { checks: e.checks } : {}),
  };
}

/** The actions this actor may take now; cards and App Home show only these buttons. */
export function allowedActions<S extends TicketState>(
  m: MachineTable<S>,
  ticket: TicketSnapshot | null,
  actor: Actor,
  now: Date,
): TicketActionType[] {
  const from = stateOf(m, ticket);
  if (ticket !== null && (from === null || m.terminal.includes(from))) return [];
  const allowed = rowsFrom(m, from).filter(
    (t) => authorize(t.role, t.rules ?? [], ticket, actor, now) === null,
  );
  return [...new Set(allowed.map((t) => t.action))];
}

/** A ticket's rows people may take in its state; none once the ticket is finished. */
function openRows<S extends TicketState>(m: MachineTable<S>, ticket: TicketSnapshot) {
  const from = stateOf(m, ticket);
  if (from === null || m.terminal.includes(from)) return [];
  return rowsFrom(m, from).filter((t) => t.role !== 'system');
}

/**
 * The action types the table allows in the ticket's state now, whoever takes them; none once the ticket is
 * finished. A row whose time has not come (the desk's close before the requester's deadline) is left out.
 */
export function actionsAllowedIn<S extends TicketState>(
  m: MachineTable<S>,
  ticket: TicketSnapshot,
  now: Date,
): TicketActionType[] {
  const open = openRows(m, ticket).filter((t) => openNow(t.rules ?? [], ticket, now));
  return [...new Set(open.map((t) => t.action))];
}

/** Who takes these actions in the ticket's state, whenever they may: one entry per role or person. */
export function actorsOfIn<S extends TicketState>(
  m: MachineTable<S>,
  ticket: TicketSnapshot,
  actions: readonly TicketActionType[],
): NextActor[] {
  const rows = openRows(m, ticket).filter((t) => actions.includes(t.action));
  const actors = rows.map((t) => whoActs(t.role, ticket));
  return actors.filter((a, i) => actors.findIndex((b) => JSON.stringify(b) === JSON.stringify(a)) === i);
}

/** Who the SOP expects to act next: the actor of the state's first row; null once the ticket is finished. */
export function nextActorOf<S extends TicketState>(
  m: MachineTable<S>,
  ticket: TicketSnapshot,
): NextActor | null {
  const from = stateOf(m, ticket);
  const first = from === null ? undefined : rowsFrom(m, from)[0];
  return first === undefined ? null : whoActs(first.role, ticket);
}

/**
 * The step the SOP expects next and whose it is: the role of the state's first row a person takes, with that
 * role's actions whose time has come. None on a complaint the bot opened while it awaits its own re-check.
 */
function nextStepOf<S extends TicketState>(m: MachineTable<S>, ticket: TicketSnapshot, now: Date) {
  const rows = openRows(m, ticket);
  const role = rows[0]?.role;
  if (role === undefined || role === 'system') return null;
  const who = whoActs(role, ticket);
  if ('person' in who && who.person === SYSTEM_ACTOR.id) return null;
  const actions = rows.filter((t) => t.role === role && openNow(t.rules ?? [], ticket, now));
  return actions.length === 0 ? null : { role, actions: [...new Set(actions.map((t) => t.action))] };
}

/**
 * What a person whose step does not apply is told instead (Refusal.whatNow): who acts next, then the actions
 * they themselves may take now, or that there are none. Only their own: a MAMPU/JDN approver who lost a race
 * to approve is never offered VAS SOC's "Start implementation" (flows/roles.ts decides who may).
 */
export function whatNowIn<S extends TicketState>(
  m: MachineTable<S>,
  ticket: TicketSnapshot | null,
  actor: Actor,
  now: Date,
): MessageRef[] {
  const out: MessageRef[] = [];
  const next = ticket === null ? null : nextStepOf(m, ticket, now);
  if (next) out.push(message('next.by_role', { role: next.role, actions: next.actions.join(', ') }));
  out.push(yourActions(isSystem(actor) ? [] : allowedActions(m, ticket, actor, now)));
  return out;
}

/** "What you may do now": these actions, or that there are none. */
export const yourActions = (mine: readonly TicketActionType[]): MessageRef =>
  mine.length > 0 ? message('next.yours', { actions: mine.join(', ') }) : message('next.none');
