// SLA policy as data: how long each waiting state of an SOP ticket may last in business time, who is
// reminded, and who hears when it is overdue. The scheduler only asks "what is owed now?" (STYLE.md 5);
// every answer comes from here, so a simulated clock tests the whole policy.
//
// Timing, for a state entered at T with a wait of W business minutes (a decision that stays in the state
// keeps T and the notices already sent; restartsSlaClock):
//   - due = T + W; the first reminder goes to whoever must act at due, then every `remindEveryMinutes`
//     until `maxReminders` have gone (the first one counts);
//   - at due + `escalateAfterMinutes` the first escalation goes to `escalateTo[0]`, then every
//     `escalateEveryMinutes` until `maxEscalations`; the n-th goes to `escalateTo[n-1]` (the last entry
//     repeats), so an ignored desk is followed by an administrator;
//   - nothing is sent outside business time: a ping at 22:00 is missed anyway and the morning one is not;
//   - after an outage only ONE notice per level is owed, never a burst, and the interval restarts from it.

import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  isBusinessTime,
} from './business-hours.ts';
import {
  type Audience,
  type ChangeRequestState,
  type ComplaintState,
  type Decision,
  type MessageRef,
  SYSTEM_ACTOR,
  type TicketKind,
  type TicketState,
} from './types.ts';

/** A policy cannot name people; the requester and the manager are resolved from the ticket. */
export type SlaTarget = Audience | { readonly ticketPerson: 'requester' | 'manager' };

export interface SlaRule {
  readonly waitMinutes: number;
  readonly remind: SlaTarget;
  readonly remindEveryMinutes: number;
  readonly maxReminders: number;
  readonly escalateAfterMinutes: number;
  readonly escalateTo: readonly SlaTarget[];
  readonly escalateEveryMinutes: number;
  readonly maxEscalations: number;
}

/** States absent from the policy (terminal ones, or ones switched off by configuration) have no SLA. */
export interface SlaPolicy {
  readonly change_request: Readonly<Partial<Record<ChangeRequestState, SlaRule>>>;
  readonly complaint: Readonly<Partial<Record<ComplaintState, SlaRule>>>;
}

/** The states in which a ticket waits on someone; the only states a policy may name. */
export const SLA_STATES = {
  change_request: [
    'awaiting_endorsement',
    'awaiting_approval',
    'awaiting_implementation',
    'implementing',
    'escalated_to_vendor',
    'awaiting_confirmation',
  ],
  complaint: ['investigating', 'escalated_to_vendor', 'awaiting_confirmation'],
} as const satisfies { change_request: readonly ChangeRequestState[]; complaint: readonly ComplaintState[] };

export type SlaNoticeLevel = 'remind' | 'escalate';

export interface SlaNotice {
  readonly level: SlaNoticeLevel;
  readonly count: number;
  readonly lastAt: Date;
}

export interface SlaAction {
  readonly level: SlaNoticeLevel;
  readonly to: Audience;
  readonly message: MessageRef;
  /** The notice count for this level once the action is sent; the caller stores it with `lastAt = now`. */
  readonly count: number;
}

export interface SlaSituation {
  readonly kind: TicketKind;
  readonly state: TicketState;
  readonly number: string;
  readonly requesterId: string;
  readonly managerId: string | null;
  readonly enteredAt: Date;
  readonly now: Date;
  /** Notices already sent since the ticket entered this state (one entry per level). */
  readonly notices: readonly SlaNotice[];
}

const HOUR = 60;
/** Federal hours 08:30–17:30: one business day is nine business hours. */
const DAY = 9 * HOUR;
const REQUESTER: SlaTarget = { ticketPerson: 'requester' };
const MANAGER: SlaTarget = { ticketPerson: 'manager' };
const DESK: readonly SlaTarget[] = [{ role: 'service_desk' }];
const DESK_THEN_ADMIN: readonly SlaTarget[] = [{ role: 'service_desk' }, { role: 'admin' }];
// SOC owns the vendor relationship (SOP 4.1 step 9, 4.2 step 5), so it hears first, then the desk.
const SOC_THEN_DESK: readonly SlaTarget[] = [{ role: 'soc' }, { role: 'service_desk' }];

// Defaults a 1GovUC desk would sign up to. Approval and implementation are planned work, so they get
// days; a complaint means an agency's mail is not flowing, so SOC gets hours. Endorsement and
// confirmation wait on agency staff with other duties, so they are reminded gently, and the desk, which
// owns the ticket in both SOP flows, is told before anyone more senior.
// Columns: wait, remind, remind every, max reminders, escalate after due, escalate to, every, max.
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  change_request: {
    awaiting_endorsement: rule(DAY, MANAGER, 4 * HOUR, 3, DAY, DESK_THEN_ADMIN, DAY, 2),
    awaiting_approval: rule(2 * DAY, { role: 'approver' }, 4 * HOUR, 3, DAY, DESK_THEN_ADMIN, DAY, 2),
    awaiting_implementation: rule(4 * HOUR, { role: 'soc' }, 2 * HOUR, 3, 4 * HOUR, DESK_THEN_ADMIN, DAY, 2),
    implementing: rule(2 * DAY, { role: 'soc' }, 4 * HOUR, 3, DAY, DESK_THEN_ADMIN, DAY, 2),
    escalated_to_vendor: rule(3 * DAY, { role: 'vendor' }, 4 * HOUR, 3, DAY, SOC_THEN_DESK, DAY, 2),
    awaiting_confirmation: rule(3 * DAY, REQUESTER, DAY, 2, DAY, DESK, DAY, 1),
  },
  complaint: {
    investigating: rule(4 * HOUR, { role: 'soc' }, HOUR, 4, 2 * HOUR, DESK_THEN_ADMIN, 4 * HOUR, 2),
    escalated_to_vendor: rule(DAY, { role: 'vendor' }, 2 * HOUR, 4, 4 * HOUR, SOC_THEN_DESK, 4 * HOUR, 2),
    awaiting_confirmation: rule(2 * DAY, REQUESTER, DAY, 2, DAY, DESK, DAY, 1),
  },
};

function rule(
  waitMinutes: number,
  remind: SlaTarget,
  remindEveryMinutes: number,
  maxReminders: number,
  escalateAfterMinutes: number,
  escalateTo: readonly SlaTarget[],
  escalateEveryMinutes: number,
  maxEscalations: number,
): SlaRule {
  return {
    waitMinutes,
    remind,
    remindEveryMinutes,
    maxReminders,
    escalateAfterMinutes,
    escalateTo,
    escalateEveryMinutes,
    maxEscalations,
  };
}

export function slaRuleFor(kind: TicketKind, state: TicketState, policy: SlaPolicy): SlaRule | null {
  const rules: Readonly<Partial<Record<TicketState, SlaRule>>> = policy[kind];
  return rules[state] ?? null;
}

/** When the state's SLA runs out, or null when the state has none (terminal states never do). */
export function dueAt(
  kind: TicketKind,
  state: TicketState,
  enteredAt: Date,
  policy: SlaPolicy,
  cal: BusinessCalendar,
): Date | null {
  const found = slaRuleFor(kind, state, policy);
  return found ? addBusinessMinutes(enteredAt, found.waitMinutes, cal) : null;
}

/**
 * Whether a decision starts its state's SLA clock afresh (stateSince, slaDueAt, and the reminders and
 * escalations counted from zero; src/tickets/advance-ticket.ts). Entering a state does. Staying in it does
 * not: SOC's findings and the bot's checks (SOP 4.2 step 3), the daily checklist's run on an open complaint,
 * and an unsuccessful implementation (4.1 step 8) change nothing about who owes what by when. Were it
 * otherwise, the party being waited on would push its own deadline back by writing a note.
 *
 * The unsuccessful implementation keeps SOC's clock on purpose: a change still not working two days
 * after SOC took it must reach the desk then, however many attempts it took. Step 8's answer to "tidak
 * selesai" is the vendor, and `escalate_to_vendor` starts the vendor's own clock.
 *
 * One same-state decision does restart it: the re-check's record that asks the requester to test (4.2
 * step 6, posting the confirmation card). The requester's wait starts when they are asked, not when SOC
 * marked the complaint resolved and the re-check was queued.
 */
export function restartsSlaClock(decision: Pick<Decision, 'from' | 'to' | 'cards'>): boolean {
  if (decision.from !== decision.to) return true;
  return decision.cards.some((c) => c.op === 'post' && c.card === 'confirmation');
}

/** The reminders and escalations that should go out at `s.now`; empty when nothing is owed. */
export function overdueActions(s: SlaSituation, policy: SlaPolicy, cal: BusinessCalendar): SlaAction[] {
  const found = slaRuleFor(s.kind, s.state, policy);
  if (!found || !isBusinessTime(s.now, cal)) return [];
  const due = addBusinessMinutes(s.enteredAt, found.waitMinutes, cal);
  const escalateFrom = addBusinessMinutes(due, found.escalateAfterMinutes, cal);
  const hours = toHours(found.waitMinutes);
  const subject = messageSubject(s);
  const actions: SlaAction[] = [];

  const reminder = owed(s, 'remind', due, found.remindEveryMinutes, found.maxReminders, cal);
  if (reminder) {
    actions.push({
      level: 'remind',
      to: resolve(found.remind, s),
      count: reminder,
      message: {
        key: `sla.remind.${subject}`,
        params: { number: s.number, hours, count: reminder, max: found.maxReminders },
      },
    });
  }
  const escalation = owed(s, 'escalate', escalateFrom, found.escalateEveryMinutes, found.maxEscalations, cal);
  const target = escalation ? found.escalateTo[Math.min(escalation, found.escalateTo.length) - 1] : undefined;
  if (target) {
    const overdue = toHours(Math.max(0, businessMinutesBetween(due, s.now, cal)));
    actions.push({
      level: 'escalate',
      to: resolve(target, s),
      count: escalation,
      message: { key: `sla.escalate.${subject}`, params: { number: s.number, hours, overdue } },
    });
  }
  return actions;
}

/**
 * What the wait is about, for the message. A complaint the bot opened waits in `awaiting_confirmation` on
 * the bot's own re-check, which answers SOP 4.2 step 7 for it (src/investigation/record-run.ts): the desk,
 * which hears in the requester's place, is not asked to test anything but told the re-check has not
 * finished, which only the administrator can see to.
 */
function messageSubject(s: SlaSituation): string {
  return s.state === 'awaiting_confirmation' && s.requesterId === SYSTEM_ACTOR.id
    ? 'awaiting_recheck'
    : s.state;
}

/** The count the next notice of `level` would carry if one is owed now, else 0. */
function owed(
  s: SlaSituation,
  level: SlaNoticeLevel,
  from: Date,
  everyMinutes: number,
  max: number,
  cal: BusinessCalendar,
): number {
  if (s.now.getTime() < from.getTime()) return 0;
  const sent = s.notices.find((n) => n.level === level);
  if (!sent) return max > 0 ? 1 : 0;
  if (sent.count >= max) return 0;
  return businessMinutesBetween(sent.lastAt, s.now, cal) >= everyMinutes ? sent.count + 1 : 0;
}

/**
 * A missing manager (endorsement switched off after the ticket opened) falls back to the desk, and so does
 * the requester of a complaint the bot opened for a failed daily check: no person stands behind it.
 */
function resolve(target: SlaTarget, s: SlaSituation): Audience {
  if (!('ticketPerson' in target)) return target;
  if (target.ticketPerson === 'requester')
    return s.requesterId === SYSTEM_ACTOR.id ? { role: 'service_desk' } : { person: s.requesterId };
  return s.managerId ? { person: s.managerId } : { role: 'service_desk' };
}

function toHours(minutes: number): number {
  return Math.round((minutes / HOUR) * 10) / 10;
}
