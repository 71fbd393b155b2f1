import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import { DEFAULT_SLA_POLICY, dueAt } from '../../flows/sla.ts';
import {
  type Actor,
  SYSTEM_ACTOR,
  type TicketAction,
  type TicketKind,
  type TicketSnapshot,
} from '../../flows/types.ts';
import type { Tx } from '../../src/db/types.ts';
import { advanceTicket } from '../../src/tickets/advance-ticket.ts';
import { VersionConflict } from '../../src/tickets/conflicts.ts';
import {
  CALENDAR,
  expectDecision,
  investigated,
  RUN_IDS,
  run,
  sectionD,
  soc,
  ticket,
  VALID,
} from '../flows/fixtures.ts';

// What a decision writes on an existing ticket: the state and version always, the SLA clock only when the
// decision enters a state (flows/sla.ts, restartsSlaClock). The database is a fake holding one ticket row and
// its SLA notices, answering only the writes advanceTicket makes.

const myt = (local: string) => new Date(`${local}+08:00`);
const slaDueAt = (kind: TicketKind, state: string, at: Date) =>
  dueAt(kind, state as never, at, DEFAULT_SLA_POLICY, CALENDAR);

interface Row {
  id: string;
  state: string;
  version: number;
  stateSince: Date;
  slaDueAt: Date | null;
  closedAt: Date | null;
}
interface NoticeRow {
  ticketId: string;
  version: number;
  level: string;
  count: number;
}

function fakeDatabase(row: Row, notices: NoticeRow[]): Tx {
  const tx = {
    ticket: {
      async updateMany(args: { where: { id: string; version: number }; data: Record<string, unknown> }) {
        if (args.where.id !== row.id || args.where.version !== row.version) return { count: 0 };
        const { version, ...columns } = args.data as { version: { increment: number } };
        Object.assign(row, columns, { version: row.version + version.increment });
        return { count: 1 };
      },
      async findUniqueOrThrow() {
        return { id: row.id, number: 'AD-2025-000042', title: 'moe.gov.my', version: row.version };
      },
    },
    slaNotice: {
      async updateMany(args: { where: { ticketId: string; version: number }; data: { version: number } }) {
        const moved = notices.filter(
          (n) => n.ticketId === args.where.ticketId && n.version === args.where.version,
        );
        for (const n of moved) n.version = args.data.version;
        return { count: moved.length };
      },
    },
  };
  return tx as unknown as Tx;
}

function world(snapshot: TicketSnapshot, enteredAt: Date) {
  const row: Row = {
    id: snapshot.id,
    state: snapshot.state,
    version: snapshot.version,
    stateSince: enteredAt,
    slaDueAt: slaDueAt(snapshot.kind, snapshot.state, enteredAt),
    closedAt: null,
  };
  const notices: NoticeRow[] = [
    { ticketId: snapshot.id, version: snapshot.version, level: 'remind', count: 2 },
  ];
  const tx = fakeDatabase(row, notices);
  const take = (action: TicketAction, actor: Actor, now: Date) =>
    advanceTicket(tx, snapshot, expectDecision(decide(snapshot, action, actor, now)), now, slaDueAt);
  return { row, notices, take };
}

describe('advancing a ticket', () => {
  it('keeps the vendor deadline when the daily checklist records its run on a complaint with the vendor', async () => {
    // With the vendor since Monday 08:30, due Monday 17:30, reminded twice; the checklist runs Tuesday 08:45.
    const withVendor = investigated('escalated_to_vendor', [run('checklist', { attached: false })]);
    const w = world(withVendor, myt('2025-06-16T08:30:00'));
    const checklist: TicketAction = {
      type: 'record_investigation',
      runId: RUN_IDS.checklist,
      purpose: 'checklist',
    };
    const written = await w.take(checklist, SYSTEM_ACTOR, myt('2025-06-17T08:45:00'));

    expect(written.version).toBe(4);
    expect(w.row).toMatchObject({
      state: 'escalated_to_vendor',
      stateSince: myt('2025-06-16T08:30:00'),
      slaDueAt: myt('2025-06-16T17:30:00'),
    });
    expect(w.notices).toEqual([{ ticketId: withVendor.id, version: 4, level: 'remind', count: 2 }]);
  });

  it("keeps SOC's four-hour investigation deadline when SOC records a finding", async () => {
    const w = world(ticket('complaint', 'investigating'), myt('2025-06-16T08:55:00'));
    await w.take(VALID.record_findings, soc, myt('2025-06-16T12:55:00'));
    expect(w.row).toMatchObject({ version: 4, slaDueAt: myt('2025-06-16T12:55:00') });
    expect(w.notices[0]?.version).toBe(4);
  });

  it("keeps SOC's implementation deadline after an unsuccessful attempt (SOP 4.1 step 8)", async () => {
    const implementing = ticket('change_request', 'implementing', { implementerId: soc.id });
    const w = world(implementing, myt('2025-06-16T09:00:00'));
    const unsuccessful: TicketAction = {
      type: 'mark_implemented',
      sectionD: sectionD({
        status: 'unsuccessful',
        postImplementationReview: 'Gateway menolak konfigurasi.',
      }),
    };
    await w.take(unsuccessful, soc, myt('2025-06-17T11:00:00'));
    expect(w.row).toMatchObject({
      state: 'implementing',
      version: 4,
      stateSince: myt('2025-06-16T09:00:00'),
    });
    expect(w.notices[0]?.version).toBe(4);
  });

  it('starts the next state on a fresh clock and leaves the old state’s notices behind', async () => {
    const w = world(ticket('complaint', 'investigating'), myt('2025-06-16T08:55:00'));
    const now = myt('2025-06-16T14:00:00');
    await w.take(VALID.escalate_to_vendor, soc, now);
    expect(w.row).toMatchObject({
      state: 'escalated_to_vendor',
      version: 4,
      stateSince: now,
      slaDueAt: myt('2025-06-17T14:00:00'),
    });
    expect(w.notices[0]?.version).toBe(3);
  });

  it('starts the requester’s clock when the re-check asks them to test, not when SOC resolved it', async () => {
    const compared = { fixed: 1, stillFailing: 0, newProblems: 0, resolved: true };
    const rechecked = investigated('awaiting_confirmation', [run('recheck', { compared })]);
    const w = world(rechecked, myt('2025-06-16T09:00:00'));
    const now = myt('2025-06-16T09:20:00');
    await w.take(
      { type: 'record_investigation', runId: RUN_IDS.recheck, purpose: 'recheck' },
      SYSTEM_ACTOR,
      now,
    );
    expect(w.row).toMatchObject({ state: 'awaiting_confirmation', stateSince: now });
    expect(w.notices[0]?.version).toBe(3);
  });

  it('writes nothing when another decision committed first, so the service decides again', async () => {
    const investigating = ticket('complaint', 'investigating');
    const w = world(investigating, myt('2025-06-16T08:55:00'));
    w.row.version = 4;
    await expect(w.take(VALID.record_findings, soc, myt('2025-06-16T12:55:00'))).rejects.toBeInstanceOf(
      VersionConflict,
    );
    expect(w.notices[0]?.version).toBe(3);
  });
});
