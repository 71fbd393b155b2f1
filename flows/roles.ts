import { refuse } from './flow-messages.ts';
import {
  type Actor,
  type Refusal,
  type Role,
  type StepRole,
  SYSTEM_ACTOR,
  type TicketSnapshot,
} from './types.ts';

// Who may act on a ticket, and from when. Each rule is a small pure function: null when the actor may go
// on, or the Refusal that tells them why not. The transition tables (change-request.ts, complaint.ts) name
// the role and the rules of every transition; `authorize` applies them in that order.
//
// Admin appears in no rule on purpose: an administrator configures roles and channels but never decides
// on somebody else's behalf. Letting the person who grants roles also approve or implement would defeat
// the segregation of duties of ISO/IEC 27001:2022 Annex A 5.3 (A.6.1.2 in the 2013 edition the SOP is
// certified to): an admin who must act is given the role openly, and the audit log shows it.

/** The service's own staff, who work every ticket: the desk, MAMPU/JDN, VAS SOC, the vendor, the admin. */
const STAFF_ROLES: readonly Role[] = ['service_desk', 'approver', 'soc', 'vendor', 'admin'];

/**
 * Who may bring a ticket's card into their own chat (App Home's Open, Teams' `tiket`): the people the ticket
 * names (its requester, the manager of Section A, the approver of Section C, the implementer of Section B)
 * and the service's staff. A requester or manager of one agency never reads another agency's request: the
 * card carries its requester's telephone and e-mail.
 */
export function maySeeTicket(ticket: TicketSnapshot, actor: Actor): boolean {
  const named = [ticket.requesterId, ticket.managerId, ticket.approverId, ticket.implementerId];
  return named.includes(actor.id) || actor.roles.some((role) => STAFF_ROLES.includes(role));
}

/** Only the role the SOP names for the step acts (SOP 4.1.1 and 4.2.1, "Pegawai yang Bertanggungjawab"). */
export function requireRole(actor: Actor, role: Role): Refusal | null {
  return actor.roles.includes(role) ? null : refuse('wrong_role', { role });
}

/**
 * The bot itself: its id and no roles. A configured person always holds at least one role, so even one
 * configured under the id 'system' is not the bot.
 */
export function isSystem(actor: Actor): boolean {
  return actor.id === SYSTEM_ACTOR.id && actor.roles.length === 0;
}

/** Steps the bot takes itself (recording its checks, reporting a failed daily check): no person takes them. */
export function requireSystem(actor: Actor): Refusal | null {
  return isSystem(actor) ? null : refuse('system_only');
}

/**
 * Confirming, reporting failure and withdrawing belong to the Pentadbir UC Agensi who raised the ticket; on a
 * ticket the bot opened for a failed daily check, to the bot, which confirms from its own re-check.
 */
export function requireRequester(ticket: TicketSnapshot, actor: Actor): Refusal | null {
  const isRequester =
    ticket.requesterId === SYSTEM_ACTOR.id ? isSystem(actor) : actor.id === ticket.requesterId;
  return isRequester ? null : refuse('not_requester');
}

/** Nobody endorses or approves their own request, whatever other roles they also hold. */
export function forbidOwnRequest(ticket: TicketSnapshot, actor: Actor): Refusal | null {
  return actor.id === ticket.requesterId ? refuse('own_request') : null;
}

/**
 * Section A's "Requester Approval (Manager and above)" is signed by the one manager the form names, and by
 * nobody else: with no manager on record (submission refuses that, flows/forms.ts), nobody signs.
 */
export function requireNamedManager(ticket: TicketSnapshot, actor: Actor): Refusal | null {
  return ticket.managerId !== null && ticket.managerId === actor.id ? null : refuse('not_named_manager');
}

/** Whoever approved in Section C may not implement (Sections B and D): approver ≠ implementer. */
export function forbidApproverImplementing(ticket: TicketSnapshot, actor: Actor): Refusal | null {
  return ticket.approverId !== null && ticket.approverId === actor.id
    ? refuse('approver_cannot_implement')
    : null;
}

/**
 * Whoever endorsed Section A ("Requester Approval") may not also decide Section C: the endorsement and the
 * approval are two signatures of two organisations (the agency and MAMPU/JDN, SOP 4.1.1 steps 2 and 4).
 */
export function forbidEndorserApproving(ticket: TicketSnapshot, actor: Actor): Refusal | null {
  return ticket.managerId !== null && ticket.managerId === actor.id
    ? refuse('endorser_cannot_approve')
    : null;
}

/**
 * The Pentadbir UC Agensi who asked for the change may not implement it (Sections B and D): VAS SOC does
 * (SOP 4.1.1 step 7), and the requester is the one who tests it afterwards (step 11).
 */
export function forbidRequesterImplementing(ticket: TicketSnapshot, actor: Actor): Refusal | null {
  return actor.id === ticket.requesterId ? refuse('requester_cannot_implement') : null;
}

/**
 * The Pentadbir UC Agensi who made a complaint may not mark it resolved, even holding VAS SOC's or the vendor's
 * role: they are the one who confirms the fix by their own test (SOP 4.2.1 steps 6–7), and a fix confirmed by
 * the person who declared it defeats the check (segregation of duties, ISO/IEC 27001:2022 Annex A 5.3).
 */
export function forbidRequesterResolving(ticket: TicketSnapshot, actor: Actor): Refusal | null {
  return actor.id === ticket.requesterId ? refuse('requester_cannot_resolve') : null;
}

/**
 * The desk closes a ticket its requester never confirmed (SOP 4.1.1 step 13, 4.2.1 step 9) only once the
 * requester's deadline to test has passed: until then the ticket is theirs to confirm or reject. With no
 * deadline (the state's SLA switched off) none ever passes, so the requester must still answer.
 */
export function requireConfirmationOverdue(ticket: TicketSnapshot, now: Date): Refusal | null {
  if (ticket.slaDueAt === null) return refuse('no_confirmation_deadline');
  return now.getTime() >= ticket.slaDueAt.getTime()
    ? null
    : refuse('confirmation_not_overdue', { dueAt: ticket.slaDueAt.toISOString() });
}

/** Rules about who acts. */
const WHO_RULES = {
  not_own_request: forbidOwnRequest,
  named_manager: requireNamedManager,
  not_approver: forbidApproverImplementing,
  not_endorser: forbidEndorserApproving,
  not_own_change: forbidRequesterImplementing,
  not_own_complaint: forbidRequesterResolving,
} as const;

/** Rules about when, whoever acts: a card everyone sees carries the button only once these allow it. */
const WHEN_RULES = {
  confirmation_overdue: requireConfirmationOverdue,
} as const;

type WhenRule = keyof typeof WHEN_RULES;

/** Per-ticket rules a transition adds to its role. */
export type ActorRule = keyof typeof WHO_RULES | WhenRule;

const isWhenRule = (rule: ActorRule): rule is WhenRule => Object.hasOwn(WHEN_RULES, rule);

/** Whether a transition's rules about when let someone take it now, whoever that is. */
export function openNow(rules: readonly ActorRule[], ticket: TicketSnapshot, now: Date): boolean {
  return rules.every((rule) => !isWhenRule(rule) || WHEN_RULES[rule](ticket, now) === null);
}

/**
 * Applies a transition's role and rules. On an existing ticket the role 'requester' means the requester of
 * this ticket (the per-ticket role), so a person whose global role changed can still finish their ticket;
 * opening a ticket needs the global role.
 */
export function authorize(
  role: StepRole,
  rules: readonly ActorRule[],
  ticket: TicketSnapshot | null,
  actor: Actor,
  now: Date,
): Refusal | null {
  if (role === 'system') return requireSystem(actor);
  if (ticket === null) return requireRole(actor, role);
  if (role === 'requester') return requireRequester(ticket, actor);
  const wrongRole = requireRole(actor, role);
  if (wrongRole) return wrongRole;
  for (const rule of rules) {
    const refusal = isWhenRule(rule) ? WHEN_RULES[rule](ticket, now) : WHO_RULES[rule](ticket, actor);
    if (refusal) return refusal;
  }
  return null;
}

/** Who must act, as "who must act next" displays show it: a person when one is known, else the role. */
export type NextActor = { readonly role: Role } | { readonly person: string };

export function whoActs(role: StepRole, ticket: TicketSnapshot): NextActor {
  if (role === 'system') return { person: SYSTEM_ACTOR.id };
  if (role === 'requester') return { person: ticket.requesterId };
  if (role === 'manager' && ticket.managerId !== null) return { person: ticket.managerId };
  return { role };
}
