import { changeRequestMachine, decideChangeRequest } from './change-request.ts';
import { complaintMachine, decideComplaint } from './complaint.ts';
import { refuse } from './flow-messages.ts';
import {
  actionsAllowedIn,
  actorsOfIn,
  allowedActions,
  nextActorOf,
  whatNowIn,
  yourActions,
} from './machine.ts';
import type { NextActor } from './roles.ts';
import type {
  Actor,
  MessageRef,
  Outcome,
  TicketAction,
  TicketActionType,
  TicketKind,
  TicketSnapshot,
} from './types.ts';

// The one entry point the ticket service, commands and cards call. It picks the SOP by the ticket's kind
// (or, for a ticket not yet opened, by the submit action) and returns the machine's decision or refusal.

export type { NextActor } from './roles.ts';

const OPENING_ACTIONS = ['submit_change_request', 'submit_complaint'] as const satisfies TicketActionType[];

/** The kind of ticket an opening action opens; null for an action that needs a ticket. */
export function kindOpenedBy(type: TicketActionType): TicketKind | null {
  if (type === 'submit_change_request') return 'change_request';
  return type === 'submit_complaint' || type === 'report_failed_check' ? 'complaint' : null;
}

/**
 * Decides one action. `ticket` is the snapshot reloaded for this event (null only for a submit action);
 * `now` is the clock's reading, the only time the flows see. Never throws on bad input: a refusal says why.
 */
export function decide(
  ticket: TicketSnapshot | null,
  action: TicketAction,
  actor: Actor,
  now: Date,
): Outcome {
  if (ticket === null) {
    const kind = kindOpenedBy(action.type);
    if (kind === 'change_request') return decideChangeRequest(null, action, actor, now);
    if (kind === 'complaint') return decideComplaint(null, action, actor, now);
    // The opening actions this person may take: the bot's own is no answer to a person's mistake.
    const mine = availableActions(null, actor, now).filter((a) => OPENING_ACTIONS.includes(a as never));
    return { ...refuse('illegal_transition', { state: 'none' }), whatNow: [yourActions(mine)] };
  }
  return ticket.kind === 'change_request'
    ? decideChangeRequest(ticket, action, actor, now)
    : decideComplaint(ticket, action, actor, now);
}

/**
 * The action types this actor may take at `now`, after the state, role and time checks but before any
 * payload is seen; cards and App Home show only these buttons. With no ticket: the submit commands the
 * actor may use.
 */
export function availableActions(ticket: TicketSnapshot | null, actor: Actor, now: Date): TicketActionType[] {
  if (ticket === null) {
    return [
      ...allowedActions(changeRequestMachine, null, actor, now),
      ...allowedActions(complaintMachine, null, actor, now),
    ];
  }
  return ticket.kind === 'change_request'
    ? allowedActions(changeRequestMachine, ticket, actor, now)
    : allowedActions(complaintMachine, ticket, actor, now);
}

/** Who must act next, for "waiting for …" displays; null once the ticket is finished. */
export function nextActor(ticket: TicketSnapshot): NextActor | null {
  return ticket.kind === 'change_request'
    ? nextActorOf(changeRequestMachine, ticket)
    : nextActorOf(complaintMachine, ticket);
}

/**
 * The action types the SOP allows in the ticket's state at `now`, whoever takes them: the buttons a shared
 * card (one message in a channel) carries. Who may press them is checked again when a button is pressed.
 */
export function actionsInState(ticket: TicketSnapshot, now: Date): TicketActionType[] {
  return ticket.kind === 'change_request'
    ? actionsAllowedIn(changeRequestMachine, ticket, now)
    : actionsAllowedIn(complaintMachine, ticket, now);
}

/**
 * Who may take these actions while the ticket stays in its state, now or once their time comes: the people
 * a shared card gives a view of their own (Teams), so a button that opens later reaches them.
 */
export function actorsOf(ticket: TicketSnapshot, actions: readonly TicketActionType[]): NextActor[] {
  return ticket.kind === 'change_request'
    ? actorsOfIn(changeRequestMachine, ticket, actions)
    : actorsOfIn(complaintMachine, ticket, actions);
}

/**
 * Who acts next on the ticket and what this person may do now, for a repeated click told "already done"
 * (src/tickets/describe-result.ts): the same lines a step that no longer applies is refused with.
 */
export function whatNow(ticket: TicketSnapshot, actor: Actor, now: Date): MessageRef[] {
  return ticket.kind === 'change_request'
    ? whatNowIn(changeRequestMachine, ticket, actor, now)
    : whatNowIn(complaintMachine, ticket, actor, now);
}
