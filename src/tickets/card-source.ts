import type { CardField, CardModel } from '../../cards/card-model.ts';
import { buildCardModel } from '../../cards/ticket-card.ts';
import { actionsInState, actorsOf, availableActions } from '../../flows/decide.ts';
import { isNoteKind } from '../../flows/shared-steps.ts';
import { type CardKind, type MessageRef, SYSTEM_ACTOR } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import type { Directory } from '../directory/directory.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { investigationSection } from '../investigation/card-section.ts';
import { CHECK_PURPOSES } from '../investigation/stored-run.ts';
import { lastDecision } from './last-decision.ts';
import { loadSnapshot } from './snapshot.ts';

// Reads one ticket and everything its cards show, and hands it to the pure card builder. Called by the
// dispatcher at delivery time, so a card always shows the ticket as it is now, not as it was when the
// message was queued; `now` is the clock's reading, which decides the buttons whose time has come.

const opt = (group: string, value: string): MessageRef => ({ key: `option.${group}.${value}` });
const field = (key: string, value: CardField['value']): CardField => ({
  label: { key: `field.${key}` },
  value,
});
const window = (from: Date, to: Date) => ({ from, to });
/** "Name (designation, company)": the parts the form asked for, those given. */
const withParts = (name: string, ...parts: (string | null)[]) => {
  const given = parts.filter((p): p is string => !!p && p.trim() !== '');
  return given.length > 0 ? `${name} (${given.join(', ')})` : name;
};

export async function buildTicketCard(
  db: Db,
  directory: Directory,
  ticketId: string,
  card: CardKind,
  now: Date,
  /** The person this copy is drawn for, who reads "you" where the card would name them (TicketCardSource). */
  reader?: string,
): Promise<CardModel> {
  const [snapshot, row] = await Promise.all([
    db.$transaction((tx) => loadSnapshot(tx, ticketId)),
    db.ticket.findUnique({
      where: { id: ticketId },
      include: {
        sectionA: true,
        sectionsB: { orderBy: { round: 'desc' }, take: 1 },
        sectionC: true,
        sectionsD: { orderBy: { round: 'desc' }, take: 1 },
        complaint: true,
        events: { orderBy: { seq: 'asc' }, select: { type: true, actorId: true, at: true, data: true } },
        notes: { orderBy: { at: 'asc' }, select: { kind: true, body: true } },
        mailtestRuns: {
          where: { purpose: { in: [...CHECK_PURPOSES] } },
          orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
          select: {
            id: true,
            purpose: true,
            status: true,
            startedAt: true,
            finishedAt: true,
            findings: true,
            summary: true,
          },
        },
      },
    }),
  ]);
  if (!snapshot || !row) throw new MailopsError(ERROR_CODES.TICKET_NOT_FOUND, `ticket ${ticketId} not found`);
  const fields: CardField[] = [];
  const a = row.sectionA;
  if (a) {
    // Section A whole: the approver decides from the card and may need to call the requester or the
    // endorsing manager (whose designation shows the "Manager and above" the form asks for).
    fields.push(
      field('requester_unit', a.requesterUnit),
      field('requester_contact', a.requesterPhone),
      field('requester_email', a.requesterEmail),
      field('request_type', a.requestTypeOther ?? opt('request_type', a.requestType)),
      field('requested_for', { at: a.requestedFor }),
      ...requestedTiming(a.requestedFor, row.state, row.slaDueAt, now),
      field('description', a.description),
      field('impact_if_not', a.impactIfNotImplemented),
    );
    // The form's "Endorsed by (Manager)" is true only once they have: until then, or after they declined,
    // the card names the manager asked to endorse.
    if (a.managerName) {
      const label = a.endorsedAt ? 'manager' : 'endorsing_manager';
      fields.push(field(label, withParts(a.managerName, a.managerDesignation, a.managerCompany)));
    }
    if (a.managerPhone) fields.push(field('manager_contact', a.managerPhone));
    if (a.managerEmail) fields.push(field('manager_email', a.managerEmail));
  }
  const b = row.sectionsB[0];
  if (b) {
    fields.push(
      field('implementer_name', withParts(b.implementerName, b.designation)),
      field('change_type', opt('change_type', b.changeType)),
      field('risk', opt('risk', b.risk)),
      field('urgency', opt('urgency', b.urgency)),
      field('impact', opt('impact', b.impact)),
      field('planned', window(b.plannedStart, b.plannedEnd)),
      ...plannedLate(a?.requestedFor ?? null, b.plannedStart),
      // What will be done and how it is undone: what the approver and the requester weigh (Section B).
      field('change_activities', b.activities),
      field('fallback_plan', b.fallbackPlan),
    );
  }
  if (row.sectionC) {
    fields.push(field('approver', withParts(row.sectionC.approverName, row.sectionC.approverPhone)));
    if (row.sectionC.comments) fields.push(field('approver_comments', row.sectionC.comments));
  }
  const d = row.sectionsD[0];
  if (d) {
    fields.push(
      field('actual', window(d.actualStart, d.actualEnd)),
      field('status', opt('status', d.successful ? 'successful' : 'unsuccessful')),
    );
    if (d.postImplementationReview) fields.push(field('pir', d.postImplementationReview));
  }
  const c = row.complaint;
  if (c) {
    fields.push(field('domain', c.domain), field('direction', opt('direction', c.direction)));
    if (c.exampleSender) fields.push(field('example_sender', c.exampleSender));
    if (c.exampleRecipient) fields.push(field('example_recipient', c.exampleRecipient));
    fields.push(field('started_at', { at: c.startedAt }));
    // The requester's own words, before the bounce text they pasted as evidence.
    if (c.description) fields.push(field('complaint_description', c.description));
    if (c.bounceText) fields.push(field('bounce_text', c.bounceText));
  }
  fields.push(...latestNotes(row.notes));
  const last = await lastDecision(db, ticketId);
  const investigation = investigationSection(row.mailtestRuns);
  return buildCardModel(card, {
    snapshot,
    now,
    title: row.title,
    requesterName: row.requesterName,
    slaDueAt: row.slaDueAt,
    fields,
    lastDecision: last ? { action: last.action, actorName: last.actorName, at: last.at } : null,
    timeline: row.events.map((e) => ({
      type: e.type,
      at: e.at,
      actorName: actorNameOf(e, directory),
    })),
    nameOf: (id) => nameOfPerson(directory, id, { id: row.requesterId, name: row.requesterName }),
    // Only those who may take the step: an approver who asked for the change, or who approved it and now
    // holds SOC's role too, is refused it by the SOP (separation of duties) and is nobody to wait for.
    peopleWithRole: (role) => {
      // The steps waiting on this role now (a requester's Withdraw is no approver's step).
      const steps = actionsInState(snapshot, now).filter((a) =>
        actorsOf(snapshot, [a]).some((who) => 'role' in who && who.role === role),
      );
      return directory
        .withRole(role)
        .filter((p) => availableActions(snapshot, directory.actor(p.id), now).some((a) => steps.includes(a)))
        .map((p) => ({ id: p.id, name: p.name }));
    },
    ...(reader === undefined ? {} : { reader }),
    ...(investigation ? { investigation } : {}),
  });
}

/**
 * A plan that starts after the time the requester asked for (Section A) is said beside it, so the requester
 * and whoever follows the ticket see at once that the change will come late, not by comparing two dates.
 */
/** The steps before SOC plans the change (Section B), when its timing is still the approvers' to keep. */
const BEFORE_PLAN: ReadonlySet<string> = new Set([
  'awaiting_endorsement',
  'awaiting_approval',
  'awaiting_implementation',
]);

/**
 * Whether the requested date and time can still be kept, said while the request waits for its decisions: one
 * already past needs a new date agreed, and one that falls before the step's deadline needs the step taken
 * sooner than the SOP's time allows, which the approver sees nowhere else.
 */
function requestedTiming(requestedFor: Date, state: string, dueAt: Date | null, now: Date): CardField[] {
  if (!BEFORE_PLAN.has(state)) return [];
  if (requestedFor <= now) return [field('planned_late', { key: 'field.requested_passed' })];
  if (dueAt && requestedFor < dueAt)
    return [
      field('planned_late', { key: 'field.requested_before_due', params: { dueAt: dueAt.toISOString() } }),
    ];
  return [];
}

function plannedLate(requestedFor: Date | null, plannedStart: Date): CardField[] {
  const late = requestedFor && lateness(requestedFor, plannedStart);
  return late ? [field('planned_late', late)] : [];
}

/**
 * How far the plan starts after the requested moment, to the nearest whole unit the reader counts in (an
 * hour and a minute late is "1 hour", not "2"), with "1 hour" and "1 day" in the singular; null when not late.
 */
export function lateness(requestedFor: Date, plannedStart: Date): MessageRef | null {
  const minutes = Math.round((plannedStart.getTime() - requestedFor.getTime()) / 60_000);
  if (minutes <= 0) return null;
  const [unit, count] =
    minutes < 60
      ? (['minutes', minutes] as const)
      : minutes < 48 * 60
        ? (['hours', Math.round(minutes / 60)] as const)
        : (['days', Math.round(minutes / (24 * 60))] as const);
  const key = count === 1 ? `field.planned_late.${unit.slice(0, -1)}` : `field.planned_late.${unit}`;
  return { key, params: { count } };
}

// What people wrote along the way (flows/shared-steps.ts `note`): SOC's findings and what the vendor is
// asked to do are what the next person acts on (SOP 4.1 step 8, 4.2 steps 3–4), and a reason is what a
// closed card owes its readers. The latest of each kind, in the order they were written; earlier ones stay
// in `mailops ticket`. A kind this version does not know is not shown rather than shown as a code.
function latestNotes(notes: readonly { kind: string; body: string }[]): CardField[] {
  const latest = new Map<string, string>();
  for (const n of notes) {
    if (!isNoteKind(n.kind)) continue;
    latest.delete(n.kind);
    latest.set(n.kind, n.body);
  }
  return [...latest].map(([kind, body]) => field(kind, body));
}

/**
 * Whom a ticket waits for, by name: the configured person's, the bot's, or, once the configuration no
 * longer lists its requester (they left), the requester's name as the form recorded it; null otherwise.
 */
export function nameOfPerson(
  directory: Directory,
  id: string,
  requester: { readonly id: string; readonly name: string },
): string | null {
  if (id === SYSTEM_ACTOR.id) return SYSTEM_ACTOR.name;
  return directory.person(id)?.name ?? (id === requester.id ? requester.name : null);
}

/**
 * Who did an audited step: the name recorded with it, else the configured person's, else their id. The
 * scheduler's SLA notices record no name: they are the bot's, named as its other steps are.
 */
export function actorNameOf(event: { actorId: string; data: unknown }, directory?: Directory): string {
  const recorded = (event.data as { actorName?: unknown } | null)?.actorName;
  if (typeof recorded === 'string') return recorded;
  if (event.actorId === SYSTEM_ACTOR.id) return SYSTEM_ACTOR.name;
  return directory?.person(event.actorId)?.name ?? event.actorId;
}
