import type { FormContext } from '../../cards/forms/types.ts';
import { decide, kindOpenedBy, whatNow } from '../../flows/decide.ts';
import type {
  Actor,
  Decision,
  MessageRef,
  Refusal,
  TicketAction,
  TicketActionType,
  TicketKind,
  TicketSnapshot,
} from '../../flows/types.ts';
import type { Db, Tx } from '../db/types.ts';
import { writeCheckRuns } from '../investigation/jobs.ts';
import type { Clock } from '../time.ts';
import { advanceTicket, type SlaDueAt } from './advance-ticket.ts';
import { appendAuditEvent } from './audit-chain.ts';
import { isRetryableConflict } from './conflicts.ts';
import { type DoneBy, lastDecision } from './last-decision.ts';
import { nextTicketNumber } from './numbering.ts';
import { enqueueDecisionMessages, type OutboxTarget } from './outbox-writer.ts';
import { titleFromSections, writeDecisionRecords } from './section-writer.ts';
import { findTicketId, loadSnapshot } from './snapshot.ts';

export type { DoneBy } from './last-decision.ts';

// The one place a flow decision becomes durable (DESIGN.md, "Durable, exactly-once state"): in ONE
// transaction the new state (optimistic version check), the form sections, the audit event (hash chain),
// the outbox rows, the check runs it starts (src/investigation/jobs.ts), and the idempotency key. A
// repeated or concurrent identical action finds the key and is told who did it and when; a different action
// that lost the race is re-decided on the fresh state.

export interface TicketServiceOptions extends OutboxTarget {
  readonly db: Db;
  readonly clock: Clock;
  /** When the new state's SLA runs out (flows/sla.ts over the business calendar); null for no SLA. */
  readonly slaDueAt: SlaDueAt;
  /** Called after every commit that wrote outbox rows, so the dispatcher delivers at once. */
  readonly onCommitted?: () => void;
  /** Called with every action's outcome (metrics). */
  readonly onResult?: (action: string, status: ActResult['status']) => void;
  /**
   * Called once per decision, after it committed, never for a refusal or a repeat. The seam for work that
   * follows a step of the SOP without being part of it, such as waking the investigation worker when the
   * decision queued check runs (`decision.checks`). Its failures are the listener's to report.
   */
  readonly onDecided?: (decided: Extract<ActResult, { status: 'applied' }>, actor: Actor) => void;
  readonly maxRetries?: number;
}

export type ActResult =
  | {
      readonly status: 'applied';
      readonly ticket: {
        readonly id: string;
        readonly number: string;
        readonly state: string;
        readonly version: number;
      };
      readonly decision: Decision;
    }
  | { readonly status: 'refused'; readonly refusal: Refusal; readonly lastDecision: DoneBy | null }
  | {
      readonly status: 'already_done';
      readonly ticketNumber: string;
      readonly by: DoneBy;
      /** Who acts next and what this person may do now (flows/decide.ts, whatNow). */
      readonly whatNow?: readonly MessageRef[];
    }
  | { readonly status: 'not_found' };

export interface ActOptions {
  /**
   * Run first in the decision's transaction, for a caller whose right to decide can be taken from it
   * meanwhile (a scheduler fire another replica took over: holdFire, src/scheduler/coordinator.ts). What it
   * throws rolls the decision back and reaches the caller.
   */
  readonly guard?: (tx: Tx) => Promise<void>;
}

export function createTicketService(options: TicketServiceOptions) {
  const { db, clock } = options;
  const maxRetries = options.maxRetries ?? 8;

  async function alreadyDone(tx: Tx, key: string, actor: Actor, now: Date): Promise<ActResult | null> {
    const done = await tx.handledAction.findUnique({
      where: { key },
      include: { ticket: { select: { number: true } } },
    });
    if (!done) return null;
    // The ticket as it is now, which may have moved on since the repeated action was taken.
    const ticket = await loadSnapshot(tx, done.ticketId);
    return {
      status: 'already_done',
      ticketNumber: done.ticket.number,
      by: toDoneBy(done),
      ...(ticket ? { whatNow: whatNow(ticket, actor, now) } : {}),
    };
  }

  async function attempt(
    ticketRef: string | null,
    action: TicketAction,
    actor: Actor,
    givenKey: string | undefined,
    guard: ActOptions['guard'],
  ): Promise<ActResult> {
    return db.$transaction(
      async (tx) => {
        await guard?.(tx);
        const now = clock.now();
        let snapshot: TicketSnapshot | null = null;
        if (ticketRef !== null) {
          const id = await findTicketId(tx, ticketRef);
          snapshot = id ? await loadSnapshot(tx, id, runIdOf(action)) : null;
          if (!snapshot) return { status: 'not_found' } as const;
        }
        const key = givenKey ?? (snapshot ? defaultKey(snapshot, action) : null);
        if (key === null) throw new Error('opening a ticket needs an idempotency key (e.g. the form id)');
        const duplicate = await alreadyDone(tx, key, actor, now);
        if (duplicate) return duplicate;
        const outcome = decide(snapshot, action, actor, now);
        if (!outcome.ok) {
          // Under READ COMMITTED each statement sees the latest commit: an identical action may have
          // committed between the key check above and the snapshot, leaving a state that refuses this one.
          // Its key committed with that state, so looking again tells "already done" from a real refusal.
          const committedMeanwhile = await alreadyDone(tx, key, actor, now);
          if (committedMeanwhile) return committedMeanwhile;
          const last = snapshot ? await lastDecision(tx, snapshot.id) : null;
          return { status: 'refused', refusal: outcome, lastDecision: last } as const;
        }
        const ticket = snapshot
          ? await advanceTicket(tx, snapshot, outcome, now, options.slaDueAt)
          : await open(tx, action, actor, outcome, now);
        await writeDecisionRecords(tx, ticket.id, outcome, actor, now);
        await writeCheckRuns(tx, ticket.id, outcome.checks ?? [], now, options.logger);
        await tx.handledAction.create({
          data: {
            key,
            ticketId: ticket.id,
            action: action.type,
            actorId: actor.id,
            actorName: actor.name,
            handledAt: now,
            toState: outcome.to,
          },
        });
        await appendAuditEvent(tx, {
          ticketId: ticket.id,
          type: outcome.event.type,
          actorId: actor.id,
          at: now,
          data: {
            ...outcome.event.data,
            step: outcome.step,
            action: action.type,
            from: outcome.from,
            to: outcome.to,
            actorName: actor.name,
          },
        });
        await enqueueDecisionMessages(tx, options, ticket, outcome, now);
        return {
          status: 'applied',
          ticket: { id: ticket.id, number: ticket.number, state: outcome.to, version: ticket.version },
          decision: outcome,
        } as const;
      },
      { maxWait: 60_000, timeout: 60_000 },
    );
  }

  async function open(tx: Tx, action: TicketAction, actor: Actor, decision: Decision, now: Date) {
    const kind: TicketKind = kindOpenedBy(action.type) ?? 'change_request';
    const numbering = await nextTicketNumber(tx, kind, now);
    const created = await tx.ticket.create({
      data: {
        kind,
        ...numbering,
        state: decision.to,
        title: titleFromSections(decision.sections) || '-',
        requesterId: actor.id,
        requesterName: actor.name,
        stateSince: now,
        slaDueAt: options.slaDueAt(kind, decision.to, now),
      },
      select: { id: true, number: true, title: true, version: true },
    });
    return created;
  }

  /**
   * Applies an action under an idempotency key. Conflicts (another decision committed first, or an
   * identical action holding the same key) are retried on the fresh state, where they become either
   * "already done" or a refusal that names the decision that won.
   */
  async function act(
    ticketRef: string | null,
    action: TicketAction,
    actor: Actor,
    key?: string,
    { guard }: ActOptions = {},
  ): Promise<ActResult> {
    for (let attemptNo = 0; ; attemptNo++) {
      try {
        const result = await attempt(ticketRef, action, actor, key, guard);
        if (result.status === 'applied') {
          options.onCommitted?.();
          options.onDecided?.(result, actor);
        }
        options.onResult?.(action.type, result.status);
        return result;
      } catch (error) {
        if (!isRetryableConflict(error) || attemptNo >= maxRetries) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * (attemptNo + 1)));
      }
    }
  }

  /**
   * Whether this person may take this action on the ticket now, before they fill in its form: the flows
   * check state and role before the payload, so an empty payload refused only for its input means yes.
   * Returns the refusal to show, or null.
   */
  async function precheck(
    ticketRef: string,
    type: TicketActionType,
    actor: Actor,
  ): Promise<ActResult | null> {
    return db.$transaction(async (tx) => {
      const id = await findTicketId(tx, ticketRef);
      const snapshot = id ? await loadSnapshot(tx, id) : null;
      if (!snapshot) return { status: 'not_found' } as const;
      const outcome = decide(snapshot, { type } as TicketAction, actor, clock.now());
      if (outcome.ok || outcome.code === 'invalid_input') return null;
      return {
        status: 'refused',
        refusal: outcome,
        lastDecision: await lastDecision(tx, snapshot.id),
      } as const;
    });
  }

  return {
    act,
    precheck,
    submit: (action: TicketAction, actor: Actor, key: string) => act(null, action, actor, key),
  };
}

/**
 * The idempotency key of an action on a ticket: the same action on the same version is the same click,
 * however many times or on how many platforms it arrives (DESIGN.md: "every decision is recorded once").
 */
function defaultKey(snapshot: TicketSnapshot, action: TicketAction): string {
  // A check run is recorded once however many replicas or retries finish it (flows/types.ts).
  if (action.type === 'record_investigation') return `investigation:${action.runId}`;
  return actionKey(snapshot.id, action.type, snapshot.version);
}

function actionKey(ticketId: string, type: TicketActionType, version: number): string {
  return `${ticketId}:${type}:v${version}`;
}

/**
 * The key of an action taken from a form on a ticket: the version the form was opened on, not the one its
 * submit finds, so a form sent twice is one decision on every platform. A step that leaves the ticket where
 * it was (findings recorded, an unsuccessful implementation) would otherwise be recorded twice. The sender is
 * part of it: a form carries its writer's words, and a second SOC engineer's findings written on the same
 * version are theirs, not a repeat (a second decision that the state no longer allows is refused anyway).
 */
export function formActionKey(
  form: FormContext,
  type: TicketActionType,
  actorId: string,
): string | undefined {
  return form.ticketId && form.version !== undefined
    ? `${actionKey(form.ticketId, type, form.version)}:${actorId}`
    : undefined;
}

function runIdOf(action: TicketAction): string | undefined {
  return action.type === 'record_investigation' ? action.runId : undefined;
}

function toDoneBy(row: {
  actorId: string;
  actorName: string;
  handledAt: Date;
  action: string;
  toState: string;
}): DoneBy {
  return {
    actorId: row.actorId,
    actorName: row.actorName,
    at: row.handledAt,
    action: row.action,
    toState: row.toState,
  };
}
