import { beforeEach, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/tickets/audit-chain.ts';
import { formActionKey } from '../../src/tickets/ticket-service.ts';
import { VALID } from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// The ticket service against real databases: one transaction per decision, idempotency keys, optimistic
// versions, gapless numbers and the audit chain, on PGlite and on PostgreSQL.

describeEachDatabase('ticket service', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(() => {
    h = createHarness(db());
  });

  async function openApprovedCr(): Promise<string> {
    const opened = await h.tickets.submit(
      VALID.submit_change_request,
      h.actorFor('submit_change_request'),
      `submit-${crypto.randomUUID()}`,
    );
    if (opened.status !== 'applied') throw new Error(`submit: ${JSON.stringify(opened)}`);
    const number = opened.ticket.number;
    const endorsed = await h.tickets.act(number, VALID.endorse, h.actorFor('endorse'), `endorse-${number}`);
    expect(endorsed.status).toBe('applied');
    return number;
  }

  it('walks SOP 4.1 from submission to closure, one audit event and one version per step', async () => {
    const number = await openApprovedCr();
    const steps = [
      ['approve', 'awaiting_implementation'],
      ['start_implementation', 'implementing'],
      ['escalate_to_vendor', 'escalated_to_vendor'],
      ['vendor_resolved', 'implementing'],
      ['mark_implemented', 'awaiting_confirmation'],
      ['report_still_failing', 'awaiting_implementation'],
      ['start_implementation', 'implementing'],
      ['mark_implemented', 'awaiting_confirmation'],
      ['confirm_resolved', 'closed'],
    ] as const;
    for (const [i, [type, state]] of steps.entries()) {
      const result = await h.tickets.act(number, VALID[type], h.actorFor(type), `${number}-${i}`);
      expect(result.status, `${type}: ${JSON.stringify(result)}`).toBe('applied');
      if (result.status === 'applied') expect(result.ticket.state).toBe(state);
    }
    const ticket = await db().prisma.ticket.findUniqueOrThrow({
      where: { number },
      include: { sectionsB: true, sectionsD: true, sectionC: true, events: true, notes: true },
    });
    expect(ticket).toMatchObject({ state: 'closed', version: 11 });
    expect(ticket.closedAt).not.toBeNull();
    expect(ticket.sectionsB.map((b) => b.round)).toEqual([1, 2]);
    expect(ticket.sectionsD.map((d) => d.round).sort()).toEqual([1, 2]);
    expect(ticket.sectionC?.approved).toBe(true);
    expect(ticket.events.map((e) => e.type)).toEqual([
      'cr.submitted',
      'cr.endorsed',
      'cr.approved',
      'cr.implementation_started',
      'cr.escalated_to_vendor',
      'cr.vendor_resolved',
      'cr.implemented',
      'cr.reported_still_failing',
      'cr.implementation_started',
      'cr.implemented',
      'cr.closed',
    ]);
    expect(ticket.notes.map((n) => n.kind).sort()).toEqual([
      'still_failing',
      'vendor_notes',
      'vendor_request',
    ]);
    const announced = await db().prisma.outboxMessage.findMany({
      where: { ticketId: ticket.id, kind: 'notify' },
    });
    expect(announced.some((m) => JSON.stringify(m.payload).includes('C-ANNOUNCE'))).toBe(true);
    expect((await verifyAuditChain(db().prisma)).ok).toBe(true);
  });

  it('records exactly one of 50 concurrent identical approvals; the others are told who and when', async () => {
    const number = await openApprovedCr();
    const key = `approve-${number}-v3`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => h.tickets.act(number, VALID.approve, h.actorFor('approve'), key)),
    );
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
    const others = results.filter((r) => r.status !== 'applied');
    expect(others).toHaveLength(49);
    for (const r of others) {
      expect(r).toMatchObject({
        status: 'already_done',
        ticketNumber: number,
        by: { actorName: 'Siti Nurhaliza (JDN)' },
      });
    }
    const ticket = await db().prisma.ticket.findUniqueOrThrow({
      where: { number },
      include: { events: true },
    });
    expect(ticket.version).toBe(3);
    expect(ticket.events.filter((e) => e.type === 'cr.approved')).toHaveLength(1);
  });

  it('lets only one of two approvers clicking at once decide; the other is refused with the winner named', async () => {
    const number = await openApprovedCr();
    const siti = h.directory.actor('u-siti');
    const rosli = h.directory.actor('u-rosli');
    const [a, b] = await Promise.all([
      h.tickets.act(number, VALID.approve, siti, `approve-${number}-siti`),
      h.tickets.act(number, VALID.reject, rosli, `reject-${number}-rosli`),
    ]);
    const applied = [a, b].filter((r) => r.status === 'applied');
    const refused = [a, b].filter((r) => r.status === 'refused');
    expect(applied, JSON.stringify([a, b])).toHaveLength(1);
    expect(refused, JSON.stringify([a, b])).toHaveLength(1);
    const loser = refused[0];
    if (loser?.status !== 'refused') throw new Error('unreachable');
    // Approve wins → reject no longer applies; reject wins → the ticket is finished.
    expect(['illegal_transition', 'ticket_finished'], JSON.stringify(loser)).toContain(loser.refusal.code);
    expect(['Siti Nurhaliza (JDN)', 'Rosli (JDN)']).toContain(loser.lastDecision?.actorName);
  });

  it('keys a form by its version and its sender: one record for a form sent twice, one each for two engineers', async () => {
    const opened = await h.tickets.submit(
      VALID.submit_complaint,
      h.actorFor('submit_complaint'),
      `submit-${crypto.randomUUID()}`,
    );
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    const { id, version } = await db().prisma.ticket.findUniqueOrThrow({ where: { id: opened.ticket.id } });
    const form = { kind: 'record_findings', ticketId: id, version } as const;
    const hafiz = h.actorFor('record_findings');
    const other = { id: 'u-salmah', name: 'Salmah (SOC)', roles: ['soc'] } as const;
    const send = (actor: typeof hafiz, notes: string) =>
      h.tickets.act(
        id,
        { ...VALID.record_findings, notes },
        actor,
        formActionKey(form, 'record_findings', actor.id),
      );
    expect((await send(hafiz, 'MX menolak: 550 5.1.1.')).status).toBe('applied');
    expect((await send(hafiz, 'MX menolak: 550 5.1.1.')).status).toBe('already_done');
    // A colleague's findings, written on the same card before the first were recorded, are kept as well.
    expect((await send(other, 'DNS MX menunjuk ke hos lama.')).status).toBe('applied');
    const events = await db().prisma.auditEvent.findMany({ where: { ticketId: id } });
    expect(events.filter((e) => e.type.endsWith('findings_recorded'))).toHaveLength(2);
  });

  it('refuses an illegal or unauthorised action and changes nothing', async () => {
    const number = await openApprovedCr();
    const before = await db().prisma.ticket.findUniqueOrThrow({ where: { number } });
    const counts = async () => ({
      events: await db().prisma.auditEvent.count(),
      outbox: await db().prisma.outboxMessage.count(),
      handled: await db().prisma.handledAction.count(),
    });
    const countsBefore = await counts();
    const wrongRole = await h.tickets.act(number, VALID.approve, h.directory.actor('u-kumar'), 'x1');
    expect(wrongRole).toMatchObject({ status: 'refused', refusal: { code: 'wrong_role' } });
    const illegal = await h.tickets.act(number, VALID.confirm_resolved, h.actorFor('confirm_resolved'), 'x2');
    expect(illegal).toMatchObject({ status: 'refused', refusal: { code: 'illegal_transition' } });
    const badInput = await h.tickets.act(
      number,
      { type: 'reject', sectionC: {} },
      h.actorFor('reject'),
      'x3',
    );
    expect(badInput).toMatchObject({ status: 'refused', refusal: { code: 'invalid_input' } });
    if (badInput.status === 'refused')
      expect(Object.keys(badInput.refusal.fieldErrors ?? {})).toContain('comments');
    expect(await h.tickets.act('CR-2026-999999', VALID.approve, h.actorFor('approve'), 'x4')).toEqual({
      status: 'not_found',
    });
    const after = await db().prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect(after).toEqual(before);
    expect(await counts()).toEqual(countsBefore);
  });

  it('stores text with a NUL byte pasted into it instead of failing the submission', async () => {
    const form = {
      ...(VALID.submit_change_request.form as object),
      description: 'Senarai putih\u0000 rakan.edu.my',
    };
    const result = await h.tickets.submit(
      { ...VALID.submit_change_request, form },
      h.actorFor('submit_change_request'),
      'nul',
    );
    expect(result.status).toBe('applied');
    if (result.status !== 'applied') return;
    const a = await db().prisma.changeRequestSectionA.findUniqueOrThrow({
      where: { ticketId: result.ticket.id },
    });
    expect(a.description).toBe('Senarai putih rakan.edu.my');
  });

  it('numbers 20 concurrent submissions gaplessly within the Malaysian year', async () => {
    const first = await h.tickets.submit(VALID.submit_complaint, h.actorFor('submit_complaint'), 'ad-first');
    if (first.status !== 'applied') throw new Error('submit failed');
    const start = Number(first.ticket.number.slice(-6));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.tickets.submit(VALID.submit_complaint, h.actorFor('submit_complaint'), `ad-${i}`),
      ),
    );
    const numbers = results.map((r) => (r.status === 'applied' ? r.ticket.number : 'failed')).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `AD-2025-${String(start + 1 + i).padStart(6, '0')}`),
    );
    // 31 Dec 2025 16:30 UTC is already 1 January 2026 in Malaysia.
    h.clock.set('2025-12-31T16:30:00Z');
    const newYear = await h.tickets.submit(
      VALID.submit_complaint,
      h.actorFor('submit_complaint'),
      'ad-new-year',
    );
    expect(newYear).toMatchObject({ status: 'applied', ticket: { number: 'AD-2026-000001' } });
  });

  it('makes audit verification name the first tampered event, edited or deleted', async () => {
    await openApprovedCr();
    expect(await verifyAuditChain(db().prisma)).toMatchObject({ ok: true });
    const [victim] = await db().prisma.auditEvent.findMany({ orderBy: { seq: 'asc' }, take: 1 });
    if (!victim) throw new Error('no events');
    await db().prisma
      .$executeRaw`UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = ${victim.seq}`;
    expect(await verifyAuditChain(db().prisma)).toMatchObject({
      ok: false,
      brokenSeq: victim.seq,
      reason: 'hash_mismatch',
    });
    await db().prisma
      .$executeRaw`UPDATE audit_events SET actor_id = ${victim.actorId} WHERE seq = ${victim.seq}`;
    const last = await db().prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    await db().prisma.$executeRaw`DELETE FROM audit_events WHERE seq = ${last.seq}`;
    expect(await verifyAuditChain(db().prisma)).toMatchObject({
      ok: false,
      brokenSeq: last.seq,
      reason: 'head_mismatch',
    });
  });
});

describeEachDatabase('ticket service decision listeners', (suite) => {
  const db = useTestDatabase(() => suite.create());

  it('hears each committed decision once, after the commit, and never a refusal or a repeat', async () => {
    const heard: { event: string; state: string; actor: string }[] = [];
    const h = createHarness(db(), {
      onDecided: (decided, actor) =>
        heard.push({ event: decided.decision.event.type, state: decided.ticket.state, actor: actor.id }),
    });
    const opened = await h.tickets.submit(VALID.submit_complaint, h.actorFor('submit_complaint'), 'listen-1');
    await h.tickets.submit(VALID.submit_complaint, h.actorFor('submit_complaint'), 'listen-1');
    if (opened.status !== 'applied') throw new Error('submit');
    await h.tickets.act(opened.ticket.number, VALID.approve, h.actorFor('approve'), 'listen-2');
    expect(heard).toEqual([
      { event: 'ad.submitted', state: 'investigating', actor: h.actorFor('submit_complaint').id },
    ]);
  });
});
