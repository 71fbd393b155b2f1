import { beforeEach, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../flows/types.ts';
import { summaryJson } from '../../src/investigation/stored-run.ts';
import { verifyAuditChain } from '../../src/tickets/audit-chain.ts';
import { complaintForm, VALID } from '../flows/fixtures.ts';
import type { TestDatabase } from '../support/databases.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { AFTER_FIXED, AFTER_PARTLY, BEFORE } from './fixtures.ts';
import { investigationWorld, settleEarlierJobs } from './world.ts';

// SOP 4.2 steps 6–9 after the bot investigated: SOC marks the complaint resolved, the bot re-runs the same
// checks, and only with the before/after on the card is the requester asked to confirm. A complaint the
// bot opened for a failed daily check is closed by the bot itself when what failed passes.

const outboxOf = (db: TestDatabase, ticketId: string) =>
  db.prisma.outboxMessage.findMany({ where: { ticketId }, orderBy: { seq: 'asc' } });
const confirmationPosts = async (db: TestDatabase, ticketId: string) =>
  (await outboxOf(db, ticketId)).filter(
    (m) => m.kind === 'card.post' && JSON.stringify(m.payload).includes('"confirmation"'),
  );

/** A finished run of the daily checklist, as the checklist stores it before it reports the failure. */
async function checklistRun(db: TestDatabase, at: Date) {
  return db.prisma.mailtestRun.create({
    data: {
      domain: 'moe.gov.my',
      requestedBy: SYSTEM_ACTOR.id,
      requestedByName: SYSTEM_ACTOR.name,
      via: 'checklist',
      startedAt: at,
      finishedAt: at,
      status: 'done',
      purpose: 'checklist',
      delivery: true,
      findings: [...BEFORE] as object[],
      summary: summaryJson(BEFORE, null),
    },
  });
}

describeEachDatabase('complaint re-check', (suite) => {
  const db = useTestDatabase(() => suite.create());
  beforeEach(() => settleEarlierJobs(db()));

  it('resolve → re-check → before/after on the card → only then the requester is asked to confirm', async () => {
    const w = investigationWorld(db(), (_input, call) => (call === 1 ? BEFORE : AFTER_PARTLY));
    const ticket = await w.openComplaint();
    await w.worker().runOnce();
    w.h.clock.advance(3_600_000);

    const resolved = await w.h.tickets.act(ticket.id, VALID.mark_resolved, w.h.actorFor('mark_resolved'));
    expect(resolved).toMatchObject({ status: 'applied', ticket: { state: 'awaiting_confirmation' } });
    const runs = await w.runsOf(ticket.id);
    expect(runs.map((r) => [r.purpose, r.status])).toEqual([
      ['investigation', 'done'],
      ['recheck', 'pending'],
    ]);
    expect(await confirmationPosts(db(), ticket.id)).toEqual([]);
    await w.h.dispatcher.drainOnce();
    expect(w.lastCards(ticket.number).has('confirmation')).toBe(false);
    expect(w.lastCards(ticket.number).get('ticket')?.card.investigation?.running?.purpose).toBe('recheck');

    expect(await w.worker().runOnce()).toMatchObject({ claimed: 1, checked: 1, recorded: 1 });
    const recheck = (await w.runsOf(ticket.id))[1];
    expect(recheck?.summary).toMatchObject({
      compared: { baselineRunId: runs[0]?.id, fixed: 1, stillFailing: 1, newProblems: 1, resolved: false },
    });
    expect(await confirmationPosts(db(), ticket.id)).toHaveLength(1);
    await w.h.dispatcher.drainOnce();
    const posted = w.cardDeliveries().filter((d) => d.op === 'post' && d.card.card === 'confirmation');
    expect(posted).toMatchObject([{ to: { kind: 'user', user: 'u-aminah' } }]);
    const confirmation = w.lastCards(ticket.number).get('confirmation');
    expect(confirmation?.card.actions).toEqual(['confirm_resolved', 'report_still_failing']);
    expect(confirmation?.card.investigation?.latest?.changes?.items.map((c) => c.change)).toEqual([
      'still_failing',
      'new_problem',
      'fixed',
    ]);
    const toRequester = w.h.memory.deliveries.filter(
      (d) => d.op === 'text' && d.to.kind === 'user' && d.to.user === 'u-aminah',
    );
    expect(toRequester.map((d) => (d.op === 'text' ? d.text : '')).join('\n')).toContain(
      '1 telah dibetulkan, 1 masih gagal',
    );
    expect((await w.recorded(ticket.id)).map((e) => (e.data as { purpose: string }).purpose)).toEqual([
      'investigation',
      'recheck',
    ]);

    const confirmed = await w.h.tickets.act(
      ticket.id,
      VALID.confirm_resolved,
      w.h.actorFor('confirm_resolved'),
    );
    expect(confirmed).toMatchObject({ status: 'applied', ticket: { state: 'closed' } });
    expect((await verifyAuditChain(db().prisma)).ok).toBe(true);
  });

  it('resolved while the investigation still runs: the re-check waits for it, and the requester still gets the before/after', async () => {
    const w = investigationWorld(db(), (_input, call) => (call === 1 ? BEFORE : AFTER_FIXED));
    const ticket = await w.openComplaint();
    const release = w.fake.holdNext();
    const replicaA = w.worker();
    const investigating = replicaA.runOnce();
    await expect.poll(() => w.fake.calls.length).toBe(1);
    w.h.clock.advance(30_000); // within replica A's lease

    const resolved = await w.h.tickets.act(ticket.id, VALID.mark_resolved, w.h.actorFor('mark_resolved'));
    expect(resolved).toMatchObject({ status: 'applied', ticket: { state: 'awaiting_confirmation' } });
    expect((await w.runsOf(ticket.id)).map((r) => [r.purpose, r.status])).toEqual([
      ['investigation', 'running'],
      ['recheck', 'pending'],
    ]);
    // Not asked yet: the re-check is queued and nothing is there to compare with.
    expect(await confirmationPosts(db(), ticket.id)).toEqual([]);
    // Replica B finds the re-check due but waiting for the investigation before it.
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 0 });

    release();
    expect(await investigating).toMatchObject({ claimed: 1, checked: 1, recorded: 1 });
    expect(await confirmationPosts(db(), ticket.id)).toEqual([]);
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 1, checked: 1, recorded: 1 });

    const [investigation, recheck] = await w.runsOf(ticket.id);
    expect(recheck?.summary).toMatchObject({
      compared: { baselineRunId: investigation?.id, fixed: 1, stillFailing: 1, resolved: true },
    });
    expect((await w.recorded(ticket.id)).map((e) => (e.data as { purpose: string }).purpose)).toEqual([
      'investigation',
      'recheck',
    ]);
    expect(await confirmationPosts(db(), ticket.id)).toHaveLength(1);
    await w.h.dispatcher.drainOnce();
    const confirmation = w.lastCards(ticket.number).get('confirmation');
    expect(confirmation?.card.investigation?.latest?.changes?.items.map((c) => c.change)).toEqual([
      'still_failing',
      'fixed',
    ]);
  });

  it('a complaint the bot opened for a failed daily check closes itself when the re-check passes', async () => {
    const w = investigationWorld(db(), () => AFTER_FIXED);
    const run = await checklistRun(db(), w.h.clock.now());
    const complaint = complaintForm({ exampleSender: undefined, bounceText: undefined });
    const opened = await w.h.tickets.submit(
      { type: 'report_failed_check', complaint, runId: run.id },
      SYSTEM_ACTOR,
      `checklist:${run.id}`,
    );
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    const ticket = opened.ticket;
    expect(ticket.state).toBe('investigating');
    // The checklist's findings are the investigation: recorded on the ticket, not checked again.
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 1, checked: 0, recorded: 1 });
    expect(w.fake.calls).toEqual([]);
    expect((await w.recorded(ticket.id))[0]?.data).toMatchObject({
      runId: run.id,
      purpose: 'checklist',
      fail: 1,
    });

    w.h.clock.advance(3_600_000);
    await w.h.tickets.act(ticket.id, VALID.mark_resolved, w.h.actorFor('mark_resolved'));
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 1, checked: 1, recorded: 1 });
    expect(await w.stateOf(ticket.id)).toBe('closed');
    const events = await db().prisma.auditEvent.findMany({
      where: { ticketId: ticket.id },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.type, e.actorId])).toEqual([
      ['ad.failed_check_reported', 'system'],
      ['ad.investigation_recorded', 'system'],
      ['ad.resolved', 'u-kumar'],
      ['ad.investigation_recorded', 'system'],
      ['ad.closed', 'system'],
    ]);
    // Nobody was asked to confirm; what went to the bot as requester went to the service desk instead.
    expect(await confirmationPosts(db(), ticket.id)).toEqual([]);
    const outbox = await outboxOf(db(), ticket.id);
    expect(outbox.some((m) => JSON.stringify(m.payload).includes('"system"'))).toBe(false);
    expect(w.h.logger.lines.some((l) => l.includes('nobody to notify'))).toBe(false);
  });

  it('when the re-check of a complaint the bot opened still fails, SOC is told what still fails', async () => {
    const w = investigationWorld(db(), () => AFTER_PARTLY);
    const run = await checklistRun(db(), w.h.clock.now());
    const opened = await w.h.tickets.submit(
      { type: 'report_failed_check', complaint: complaintForm({ bounceText: undefined }), runId: run.id },
      SYSTEM_ACTOR,
      `checklist:${run.id}`,
    );
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    await w.worker().runOnce();
    w.h.clock.advance(3_600_000);
    await w.h.tickets.act(opened.ticket.id, VALID.mark_resolved, w.h.actorFor('mark_resolved'));
    await w.worker().runOnce();
    expect(await w.stateOf(opened.ticket.id)).toBe('investigating');
    const note = await db().prisma.ticketNote.findFirstOrThrow({
      where: { ticketId: opened.ticket.id, kind: 'still_failing' },
    });
    expect(note.authorId).toBe('system');
    expect(note.body).toContain('Dasar DMARC (p=)');
    expect(note.body).toContain('STARTTLS (penyulitan semasa penghantaran) (mx1.moe.gov.my (203.0.113.25))');
    expect(note.body).not.toContain('Had 10 carian DNS SPF');
  });
});
