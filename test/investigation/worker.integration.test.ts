import { beforeEach, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../flows/types.ts';
import { createInvestigationWorker } from '../../src/investigation/worker.ts';
import { verifyAuditChain } from '../../src/tickets/audit-chain.ts';
import { complaintForm } from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { BEFORE } from './fixtures.ts';
import { checksOf, investigationWorld, LEASE_MS, settleEarlierJobs } from './world.ts';

/** One pass of a worker that found one job and saw it through. */
const ONE_JOB_DONE = { claimed: 1, checked: 1, recorded: 1, retried: 0, lost: 0, released: 0 };

// The automated investigation of a complaint (SOP 4.2 step 3) against real databases: the job is written
// with the decision that opens the ticket, a worker runs the checks and puts the findings on the card and
// the audit trail, and nothing is lost or done twice across replicas, crashes and restarts.

describeEachDatabase('complaint investigation worker', (suite) => {
  const db = useTestDatabase(() => suite.create());
  beforeEach(() => settleEarlierJobs(db()));

  it('opening a complaint queues its investigation in the same decision; a worker records it on card and audit', async () => {
    const w = investigationWorld(db(), () => BEFORE);
    const ticket = await w.openComplaint();
    const [job] = await w.runsOf(ticket.id);
    expect(job).toMatchObject({
      purpose: 'investigation',
      status: 'pending',
      domain: 'moe.gov.my',
      delivery: true,
      requestedBy: SYSTEM_ACTOR.id,
      leaseUntil: w.h.clock.now(),
    });
    await w.h.dispatcher.drainOnce();
    expect(w.lastCards(ticket.number).get('soc')?.card.investigation?.running?.purpose).toBe('investigation');

    expect(await w.worker().runOnce()).toEqual(ONE_JOB_DONE);
    expect(w.fake.calls).toEqual([
      {
        domain: 'moe.gov.my',
        delivery: true,
        onFindings: expect.any(Function),
        signal: expect.any(AbortSignal),
      },
    ]);
    const [run] = await w.runsOf(ticket.id);
    expect(run).toMatchObject({ status: 'done', leaseUntil: null, attempts: 1 });
    expect(checksOf(run?.findings)).toEqual([
      'investigation.service_domain:pass:moe.gov.my',
      'investigation.service_domain:untested:gmail.com',
      'investigation.bounce_text:fail',
      'spf.lookups:fail',
      'dmarc.policy:warn',
      'smtp.starttls:pass:mx1.moe.gov.my (203.0.113.25)',
    ]);
    const [event] = await w.recorded(ticket.id);
    expect(event?.data).toMatchObject({
      runId: run?.id,
      purpose: 'investigation',
      status: 'done',
      // The checks' counts: the pasted bounce's failure is evidence, shown on its own line.
      pass: 2,
      warn: 1,
      fail: 1,
      untested: 1,
      step: '4.2/3',
      actorName: 'mailops',
    });
    expect((await verifyAuditChain(db().prisma)).ok).toBe(true);

    await w.h.dispatcher.drainOnce();
    const soc = w.lastCards(ticket.number).get('soc');
    expect(soc?.op).toBe('update');
    expect(soc?.card.investigation).toMatchObject({ running: null, latest: { counts: { fail: 1 } } });
    expect(soc?.card.investigation?.latest?.problems[0]?.title.en).toBe('SPF limit of 10 DNS lookups');
    expect(soc?.card.investigation?.bounce?.ms).toContain('kegagalan kekal (5.1.1)');
    const texts = w.h.memory.deliveries.flatMap((d) => (d.op === 'text' ? [d.text] : []));
    expect(texts.some((t) => t.includes('1 gagal') && t.includes('siasatan automatik'))).toBe(true);
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 0 });
  });

  it('a repeated submission queues no second investigation', async () => {
    const w = investigationWorld(db(), () => BEFORE);
    const action = { type: 'submit_complaint' as const, complaint: complaintForm() };
    const key = `submit-${crypto.randomUUID()}`;
    const [a, b] = await Promise.all([
      w.h.tickets.submit(action, w.h.actorFor('submit_complaint'), key),
      w.h.tickets.submit(action, w.h.actorFor('submit_complaint'), key),
    ]);
    const applied = [a, b].find((r) => r.status === 'applied');
    if (applied?.status !== 'applied') throw new Error(JSON.stringify([a, b]));
    expect([a, b].map((r) => r.status).sort()).toEqual(['already_done', 'applied']);
    expect(await w.runsOf(applied.ticket.id)).toHaveLength(1);
  });

  it('two replicas racing for the job: the checks run once and the run is recorded once', async () => {
    const w = investigationWorld(db(), () => BEFORE);
    const ticket = await w.openComplaint();
    const [one, two] = [w.worker(), w.worker()];
    const results = await Promise.all([one.runOnce(), two.runOnce(), one.runOnce(), two.runOnce()]);
    expect(results.reduce((n, r) => n + r.claimed, 0)).toBe(1);
    expect(w.fake.calls).toHaveLength(1);
    expect(await w.recorded(ticket.id)).toHaveLength(1);
    // Recording it again, by any replica or retry, finds the key.
    const [run] = await w.runsOf(ticket.id);
    const again = await w.h.tickets.act(
      ticket.id,
      { type: 'record_investigation', runId: run!.id, purpose: 'investigation' },
      SYSTEM_ACTOR,
    );
    expect(again).toMatchObject({ status: 'already_done', by: { action: 'record_investigation' } });
  });

  it('a replica dying mid-run: once its lease ends the checks run again, once, and its late result is ignored', async () => {
    const w = investigationWorld(db(), (_input, call) => (call === 2 ? BEFORE : []));
    const ticket = await w.openComplaint();
    const release = w.fake.holdNext();
    const dying = w.worker().runOnce();
    await expect.poll(() => w.fake.calls.length).toBe(1);
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 0 });

    w.h.clock.advance(LEASE_MS + 1);
    expect(await w.worker().runOnce()).toEqual(ONE_JOB_DONE);
    release();
    expect(await dying).toMatchObject({ claimed: 1, checked: 0, recorded: 0, lost: 1 });

    const [run] = await w.runsOf(ticket.id);
    expect(run).toMatchObject({ status: 'done', attempts: 2, leaseUntil: null });
    expect(checksOf(run?.findings)).toContain('spf.lookups:fail');
    expect(await w.recorded(ticket.id)).toHaveLength(1);
    w.h.clock.advance(LEASE_MS + 1);
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 0 });
    expect(w.fake.calls).toHaveLength(2);
  });

  it('stopping mid-run hands the job back at once, not counted as a try; the next start runs it once', async () => {
    const w = investigationWorld(db(), (_input, call) => (call === 2 ? BEFORE : []));
    const ticket = await w.openComplaint();
    w.fake.holdNext();
    const stopping = w.worker();
    const running = stopping.runOnce();
    await expect.poll(() => w.fake.calls.length).toBe(1);
    // The checks were told to stop: probes waiting for mail end at once (run-probe.ts).
    const signal = w.fake.calls[0]?.signal;
    expect(signal?.aborted).toBe(false);

    await stopping.stop();
    expect(signal?.aborted).toBe(true);
    expect(await running).toMatchObject({ claimed: 1, checked: 0, recorded: 0, released: 1 });
    const [handedBack] = await w.runsOf(ticket.id);
    expect(handedBack).toMatchObject({ status: 'pending', attempts: 0, findings: [] });
    expect(handedBack?.leaseUntil?.getTime()).toBe(w.h.clock.now().getTime());
    expect(await w.recorded(ticket.id)).toHaveLength(0);

    // The next start (or another replica) takes it without waiting for a lease, and it counts as try one.
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 1, checked: 1, recorded: 1 });
    const [run] = await w.runsOf(ticket.id);
    expect(run).toMatchObject({ status: 'done', attempts: 1, leaseUntil: null });
    expect(checksOf(run?.findings)).toContain('spf.lookups:fail');
    expect(await w.recorded(ticket.id)).toHaveLength(1);
  });

  it('a restart between storing the findings and recording them: recorded when the lease ends, not re-run', async () => {
    const w = investigationWorld(db(), () => BEFORE);
    const ticket = await w.openComplaint();
    const [job] = await w.runsOf(ticket.id);
    // What a replica leaves when it stops right after storing: findings on the run, the claim still held.
    await db().prisma.mailtestRun.update({
      where: { id: job!.id },
      data: {
        status: 'done',
        attempts: 1,
        findings: [...BEFORE] as object[],
        summary: { pass: 1, warn: 1, fail: 1, untested: 0 },
        leaseUntil: new Date(w.h.clock.now().getTime() + LEASE_MS),
      },
    });
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 0 });
    w.h.clock.advance(LEASE_MS + 1);
    expect(await w.worker().runOnce()).toEqual({
      claimed: 1,
      checked: 0,
      recorded: 1,
      retried: 0,
      lost: 0,
      released: 0,
    });
    expect(w.fake.calls).toHaveLength(0);
    expect((await w.recorded(ticket.id))[0]?.data).toMatchObject({ fail: 1, warn: 1, pass: 1 });
  });

  it('checks that keep failing are retried, then recorded as not run, with a reference in the log', async () => {
    const w = investigationWorld(db(), () => {
      throw new Error('resolver exploded');
    });
    const ticket = await w.openComplaint();
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 1, retried: 1, recorded: 0 });
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 0 });
    w.h.clock.advance(1001);
    expect(await w.worker().runOnce()).toMatchObject({ claimed: 1, checked: 1, recorded: 1 });
    const [run] = await w.runsOf(ticket.id);
    expect(run).toMatchObject({ status: 'failed', attempts: 2 });
    const findings = (run?.findings ?? []) as { check: string; params: { reference?: string } }[];
    const stopped = findings.find((f) => f.check === 'investigation.checks');
    expect(w.h.logger.lines.some((l) => l.includes(stopped?.params.reference ?? '?'))).toBe(true);
    expect((await w.recorded(ticket.id))[0]?.data).toMatchObject({ status: 'failed' });
    const notes = await db().prisma.outboxMessage.findMany({
      where: { ticketId: ticket.id, kind: 'notify' },
    });
    expect(notes.some((n) => JSON.stringify(n.payload).includes('notify.ad.investigation_not_run'))).toBe(
      true,
    );
  });

  it('gives up a record that keeps failing after its claims run out, so the ticket is not held back for good', async () => {
    const w = investigationWorld(db(), () => BEFORE);
    const ticket = await w.openComplaint();
    const broken = createInvestigationWorker({
      db: db().prisma,
      tickets: {
        act: async () => {
          throw new Error('record_investigation exploded');
        },
      },
      checks: w.fake.checks,
      clock: w.h.clock,
      logger: w.h.logger,
      leaseMs: LEASE_MS,
      maxRecordClaims: 3,
    });
    for (let claim = 1; claim <= 3; claim++) {
      expect(await broken.runOnce()).toMatchObject({ claimed: 1, recorded: 0, lost: 1 });
      const [run] = await w.runsOf(ticket.id);
      expect(run).toMatchObject({ status: 'done', attempts: claim });
      // Held until its lease ends and it is tried again; released once given up.
      expect(run?.leaseUntil === null).toBe(claim === 3);
      w.h.clock.advance(LEASE_MS + 1);
    }
    expect(await broken.runOnce()).toMatchObject({ claimed: 0 });
    expect(w.fake.calls).toHaveLength(1);
    expect(w.h.logger.lines.some((l) => l.includes('is given up'))).toBe(true);
  });
});
