import {
  type CheckRunSummary,
  SYSTEM_ACTOR,
  type TicketKind,
  type TicketSnapshot,
  type TicketState,
} from '../../flows/types.ts';
import type { Tx } from '../db/types.ts';
import {
  BASELINE_PURPOSES,
  CHECK_PURPOSES,
  isCheckPurpose,
  readSummary,
  runStatusOf,
} from '../investigation/stored-run.ts';

// Loads what the flows need to decide, inside the deciding transaction (STYLE.md 3: the state is
// reloaded from the database for every event, never taken from a card or from memory).

const RUN_FIELDS = { id: true, purpose: true, status: true, summary: true } as const;
/** The event that records a check run on the ticket (flows/complaint-checks.ts). */
const RECORDED_EVENT = 'ad.investigation_recorded';

/** The relations a snapshot needs; include them in any ticket query that must yield snapshots. */
export const SNAPSHOT_RELATIONS = {
  sectionC: { select: { approverId: true, approved: true, decidedAt: true } },
  sectionsB: { select: { implementerId: true }, orderBy: { round: 'desc' }, take: 1 },
  assignments: { where: { role: 'manager' }, select: { personId: true }, take: 1 },
  mailtestRuns: {
    where: { purpose: { in: [...CHECK_PURPOSES] as string[] } },
    select: RUN_FIELDS,
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }] as { startedAt?: 'asc'; id?: 'asc' }[],
  },
  events: { where: { type: RECORDED_EVENT }, select: { data: true } },
} as const;

interface SnapshotRow {
  id: string;
  kind: string;
  number: string;
  state: string;
  version: number;
  requesterId: string;
  slaDueAt: Date | null;
  sectionC: { approverId: string; approved: boolean; decidedAt: Date } | null;
  sectionsB: { implementerId: string }[];
  assignments: { personId: string }[];
  mailtestRuns: RunRow[];
  events: { data: unknown }[];
}

interface RunRow {
  id: string;
  purpose: string;
  status: string;
  summary: unknown;
}

function toRunSummary(run: RunRow, attached: boolean, recorded: ReadonlySet<string>): CheckRunSummary[] {
  if (!isCheckPurpose(run.purpose)) return [];
  const { counts, compared } = readSummary(run.summary);
  const { baselineRunId: _, ...comparison } = compared ?? { baselineRunId: '' };
  return [
    {
      id: run.id,
      purpose: run.purpose,
      status: runStatusOf(run.status),
      attached,
      recorded: recorded.has(run.id),
      counts,
      compared: compared ? (comparison as CheckRunSummary['compared']) : null,
    },
  ];
}

/**
 * An investigation or checklist run of the ticket: the "before" a re-check is compared with. One still under
 * way when SOC resolves counts too: the re-check then waits for it (claim.ts), so the requester still sees
 * the before/after. One whose checks broke counts as well: the re-check still shows the "after".
 */
const isBaseline = (r: CheckRunSummary) => r.attached && BASELINE_PURPOSES.includes(r.purpose);

/** `extraRun`: a checklist run an action names that is not (yet) attached to any ticket. */
export function toSnapshot(row: SnapshotRow, extraRun?: RunRow): TicketSnapshot {
  const recorded = new Set(row.events.map((e) => (e.data as { runId?: unknown } | null)?.runId).map(String));
  const checkRuns = [
    ...row.mailtestRuns.flatMap((r) => toRunSummary(r, true, recorded)),
    ...(extraRun ? toRunSummary(extraRun, false, recorded) : []),
  ];
  return {
    id: row.id,
    kind: row.kind as TicketKind,
    number: row.number,
    state: row.state as TicketState,
    version: row.version,
    requesterId: row.requesterId,
    managerId: row.assignments[0]?.personId ?? null,
    approverId: row.sectionC?.approved ? row.sectionC.approverId : null,
    approvedAt: row.sectionC?.approved ? row.sectionC.decidedAt : null,
    implementerId: row.sectionsB[0]?.implementerId ?? null,
    slaDueAt: row.slaDueAt,
    investigated: row.requesterId === SYSTEM_ACTOR.id || checkRuns.some(isBaseline),
    checkRuns,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `runId`: the check run the action names (record_investigation). A checklist run attached to no ticket yet
 * is loaded too, so the daily checklist can add its findings to a complaint that is already open.
 */
export async function loadSnapshot(tx: Tx, ticketId: string, runId?: string): Promise<TicketSnapshot | null> {
  const row = await tx.ticket.findUnique({ where: { id: ticketId }, include: SNAPSHOT_RELATIONS });
  if (!row) return null;
  const attached = row.mailtestRuns.some((r) => r.id === runId);
  const extra =
    runId && !attached && UUID.test(runId)
      ? await tx.mailtestRun.findFirst({ where: { id: runId, ticketId: null }, select: RUN_FIELDS })
      : null;
  return toSnapshot(row, extra ?? undefined);
}

/** Accepts a ticket id (uuid) or its number (CR-2026-000001), as people and cards refer to either. */
export async function findTicketId(tx: Tx, ref: string): Promise<string | null> {
  const byNumber = /^(CR|AD)-\d{4}-\d{6}$/i.test(ref);
  const row = byNumber
    ? await tx.ticket.findUnique({ where: { number: ref.toUpperCase() }, select: { id: true } })
    : /^[0-9a-f-]{36}$/i.test(ref)
      ? await tx.ticket.findUnique({ where: { id: ref }, select: { id: true } })
      : null;
  return row?.id ?? null;
}
