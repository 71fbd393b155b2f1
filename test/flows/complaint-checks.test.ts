import { describe, expect, it } from 'vitest';
import { availableActions, decide } from '../../flows/decide.ts';
import { type Actor, type Audience, SYSTEM_ACTOR, type TicketAction } from '../../flows/types.ts';
import {
  admin,
  complaintForm,
  desk,
  expectDecision,
  expectRefusal,
  investigated,
  NOW,
  RUN_IDS,
  requester,
  requesterWithAllRoles,
  run,
  soc,
  ticket,
  VALID,
} from './fixtures.ts';
import { ad, expectTransition, role } from './transition-cases.ts';

// SOP 4.2 step 3 as the bot does it: it opens a complaint for a failed daily check, records its own check
// runs on the ticket, and after SOC marks a complaint it investigated resolved, its re-check is what asks
// the requester to test (step 6). Only the bot takes these steps; nobody can take them in its name.

const REQ: Audience = { person: requester.id };
const DESK = role('service_desk');
const SOC = role('soc');
const record = (
  purpose: 'investigation' | 'recheck' | 'checklist',
): Extract<TicketAction, { type: 'record_investigation' }> => ({
  type: 'record_investigation',
  runId: RUN_IDS[purpose],
  purpose,
});
const keys = (d: ReturnType<typeof expectDecision>) => d.notify.map((n) => [n.to, n.message.key]);
const posts = (d: ReturnType<typeof expectDecision>) =>
  d.cards.flatMap((c) => (c.op === 'post' ? [[c.card, c.to]] : []));
/** A configured person under the bot's id: people always hold a role, so this is not the bot. */
const impostor: Actor = { id: SYSTEM_ACTOR.id, name: 'Sistem', roles: ['requester'] };
const compared = (over: Partial<{ fixed: number; stillFailing: number; newProblems: number }> = {}) => ({
  fixed: 1,
  stillFailing: 0,
  newProblems: 0,
  resolved: true,
  ...over,
});

describe('the bot opening a complaint for a failed daily check (steps 1–2)', () => {
  it('opens it under investigation, pings SOC with its card, tells the desk and attaches the checklist run', () => {
    expectTransition({
      name: 'report_failed_check',
      ticket: null,
      actor: SYSTEM_ACTOR,
      action: VALID.report_failed_check,
      to: 'investigating',
      step: '4.2/2',
      event: 'ad.failed_check_reported',
      notify: [
        [DESK, 'notify.ad.check_failed_opened'],
        [SOC, 'notify.ad.check_failed_investigation_requested'],
      ],
      posts: [
        ['desk', DESK],
        ['soc', SOC],
      ],
      sections: ['complaint'],
    });
    const d = expectDecision(decide(null, VALID.report_failed_check, SYSTEM_ACTOR, NOW));
    expect(d.checks).toEqual([{ op: 'attach', runId: RUN_IDS.checklist, record: true }]);
    expect(d.event.data).toMatchObject({ domain: 'moe.gov.my', runId: RUN_IDS.checklist });
  });

  it.each([
    ['a requester', requester],
    ['SOC', soc],
    ['an admin', admin],
    ['someone holding every role', requesterWithAllRoles],
    ['a configured person under the id "system"', impostor],
  ])('is refused for %s', (_who, actor) => {
    expect(expectRefusal(decide(null, VALID.report_failed_check, actor, NOW)).code).toBe('system_only');
  });

  it('checks the complaint it words and the run it names, field by field', () => {
    const action: TicketAction = {
      type: 'report_failed_check',
      complaint: complaintForm({ domain: 'bukan domain', startedAt: '' }),
      runId: 'run-1',
    };
    const r = expectRefusal(decide(null, action, SYSTEM_ACTOR, NOW));
    expect(r.code).toBe('invalid_input');
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(['domain', 'runId', 'startedAt']);
  });
});

describe('record_investigation: the bot records its checks on the ticket (step 3)', () => {
  it.each([
    ['the requester', requester],
    ['SOC', soc],
    ['the service desk', desk],
    ['a configured person under the id "system"', impostor],
  ])('is refused for %s, and offered to nobody', (_who, actor) => {
    const t = investigated('investigating');
    expect(expectRefusal(decide(t, record('investigation'), actor, NOW)).code).toBe('system_only');
    expect(availableActions(t, actor, NOW)).not.toContain('record_investigation');
  });

  it('is never named to a person as an action that applies', () => {
    const r = expectRefusal(decide(investigated('investigating'), VALID.confirm_resolved, requester, NOW));
    expect(JSON.stringify(r.whatNow)).not.toContain('record_investigation');
  });

  it('tells the desk the counts and SOC that a check failed; the audit event names the run', () => {
    const d = expectDecision(
      decide(investigated('investigating'), record('investigation'), SYSTEM_ACTOR, NOW),
    );
    expect(d).toMatchObject({ from: 'investigating', to: 'investigating', step: '4.2/3' });
    expect(d.event).toEqual({
      type: 'ad.investigation_recorded',
      data: {
        step: '4.2/3',
        runId: RUN_IDS.investigation,
        purpose: 'investigation',
        status: 'done',
        pass: 20,
        warn: 2,
        fail: 1,
        untested: 3,
      },
    });
    expect(keys(d)).toEqual([
      [DESK, 'notify.ad.investigation_recorded'],
      [SOC, 'notify.ad.investigation_failures'],
    ]);
    expect(d.notify[0]?.message.params).toMatchObject({ pass: 20, warn: 2, fail: 1, untested: 3 });
    expect(posts(d)).toEqual([]);
  });

  it('leaves SOC alone when nothing failed, and records while the vendor works too', () => {
    const clean = ticket('complaint', 'escalated_to_vendor', {
      investigated: true,
      checkRuns: [run('investigation', { counts: { pass: 9, warn: 1, fail: 0, untested: 0 } })],
    });
    const d = expectDecision(decide(clean, record('investigation'), SYSTEM_ACTOR, NOW));
    expect(d.to).toBe('escalated_to_vendor');
    expect(keys(d)).toEqual([[DESK, 'notify.ad.investigation_recorded']]);
  });

  it('says so to the desk and SOC when the checks could not run', () => {
    const t = ticket('complaint', 'investigating', {
      investigated: true,
      checkRuns: [run('investigation', { status: 'failed' })],
    });
    const d = expectDecision(decide(t, record('investigation'), SYSTEM_ACTOR, NOW));
    expect(keys(d)).toEqual([
      [DESK, 'notify.ad.investigation_not_run'],
      [SOC, 'notify.ad.investigation_not_run'],
    ]);
  });

  it.each([
    ['a run the ticket does not have', [], 'form.error.unknown_run'],
    ['a run still under way', [run('recheck', { status: 'pending' })], 'form.error.run_not_finished'],
    ['a run already recorded', [run('recheck', { recorded: true })], 'form.error.run_already_recorded'],
  ] as const)('refuses %s', (_what, runs, key) => {
    const r = expectRefusal(
      decide(investigated('investigating', runs), record('recheck'), SYSTEM_ACTOR, NOW),
    );
    expect(r.fieldErrors).toEqual({ runId: { key } });
  });

  it('refuses a run named with the wrong purpose', () => {
    const action: TicketAction = { ...record('investigation'), purpose: 'recheck' };
    const r = expectRefusal(decide(investigated('investigating'), action, SYSTEM_ACTOR, NOW));
    expect(r.fieldErrors).toEqual({ runId: { key: 'form.error.unknown_run' } });
  });

  it('adopts a checklist run no ticket holds yet, but no other kind of run', () => {
    const t = investigated('investigating', [run('checklist', { attached: false })]);
    const d = expectDecision(decide(t, record('checklist'), SYSTEM_ACTOR, NOW));
    expect(d.checks).toEqual([{ op: 'attach', runId: RUN_IDS.checklist, record: false }]);
    const stray = investigated('investigating', [run('recheck', { attached: false })]);
    expect(expectRefusal(decide(stray, record('recheck'), SYSTEM_ACTOR, NOW)).fieldErrors).toEqual({
      runId: { key: 'form.error.unknown_run' },
    });
  });
});

describe('mark_resolved and the re-check (step 6)', () => {
  it('without the bot investigating, asks the requester to confirm at once, as before', () => {
    const d = expectDecision(decide(ad('investigating'), VALID.mark_resolved, soc, NOW));
    expect(posts(d)).toEqual([['confirmation', REQ]]);
    expect(keys(d)).toEqual([[REQ, 'notify.ad.confirmation_requested']]);
    expect(d.checks).toBeUndefined();
  });

  it('when the bot investigated, queues the re-check and tells the requester it is coming, no card yet', () => {
    const d = expectDecision(decide(investigated('investigating'), VALID.mark_resolved, soc, NOW));
    expect(d).toMatchObject({ to: 'awaiting_confirmation', event: { type: 'ad.resolved' } });
    expect(posts(d)).toEqual([]);
    expect(keys(d)).toEqual([[REQ, 'notify.ad.resolved_rechecking']]);
    expect(d.checks).toEqual([{ op: 'queue', purpose: 'recheck' }]);
  });

  it('the re-check asks the requester to test, with "N fixed, M still failing", and posts the card', () => {
    const t = investigated('awaiting_confirmation', [
      run('recheck', {
        compared: compared({ stillFailing: 2 }),
        counts: { pass: 4, warn: 0, fail: 2, untested: 9 },
      }),
    ]);
    const d = expectDecision(decide(t, record('recheck'), SYSTEM_ACTOR, NOW));
    expect(d.to).toBe('awaiting_confirmation');
    expect(keys(d)).toEqual([
      [DESK, 'notify.ad.recheck_recorded'],
      [SOC, 'notify.ad.recheck_failures'],
      [REQ, 'notify.ad.recheck_confirmation_requested'],
    ]);
    expect(d.notify[2]?.message.params).toEqual({
      number: 'AD-2025-000042',
      fixed: 1,
      stillFailing: 2,
      untested: 9,
    });
    expect(d.notify[0]?.message.params).toMatchObject({ untested: 9 });
    expect(posts(d)).toEqual([['confirmation', REQ]]);
    expect(d.event.data).toMatchObject({ fixed: 1, stillFailing: 2, newProblems: 0 });
  });

  it('a re-check that could not run still asks the requester to test, without numbers', () => {
    const t = investigated('awaiting_confirmation', [run('recheck', { status: 'failed' })]);
    const d = expectDecision(decide(t, record('recheck'), SYSTEM_ACTOR, NOW));
    expect(keys(d)).toContainEqual([REQ, 'notify.ad.confirmation_requested']);
    expect(posts(d)).toEqual([['confirmation', REQ]]);
  });

  it('an older re-check finishing late asks nobody: the latest one will', () => {
    const older = run('recheck', { compared: compared() });
    const latest = {
      ...run('recheck'),
      id: '3c9f5a6d-8e1b-4f42-8d0a-5b7e9f1a3d44',
      status: 'pending' as const,
    };
    const d = expectDecision(
      decide(investigated('awaiting_confirmation', [older, latest]), record('recheck'), SYSTEM_ACTOR, NOW),
    );
    expect(posts(d)).toEqual([]);
    expect(keys(d)).toEqual([[DESK, 'notify.ad.recheck_recorded']]);
  });

  it('a re-check recorded after the requester already answered asks nothing more', () => {
    const t = investigated('investigating', [run('recheck', { compared: compared() })]);
    expect(posts(expectDecision(decide(t, record('recheck'), SYSTEM_ACTOR, NOW)))).toEqual([]);
  });
});

describe('a complaint the bot opened itself', () => {
  const byBot = (
    state: Parameters<typeof investigated>[0],
    runs = [run('recheck', { compared: compared() })],
  ) => investigated(state, runs, { requesterId: SYSTEM_ACTOR.id, checkRuns: [run('checklist'), ...runs] });

  it('is resolved without telling a requester; the re-check asks nobody to confirm and tells the desk', () => {
    const resolved = expectDecision(decide(byBot('investigating', []), VALID.mark_resolved, soc, NOW));
    expect(resolved.notify).toEqual([]);
    expect(resolved.checks).toEqual([{ op: 'queue', purpose: 'recheck' }]);
    const rechecked = expectDecision(
      decide(byBot('awaiting_confirmation'), record('recheck'), SYSTEM_ACTOR, NOW),
    );
    expect(posts(rechecked)).toEqual([]);
    expect(keys(rechecked)).toEqual([[DESK, 'notify.ad.recheck_recorded']]);
  });

  it('is confirmed or reported still failing by the bot, and by no person, even one under its id', () => {
    const t = byBot('awaiting_confirmation');
    expect(expectDecision(decide(t, VALID.confirm_resolved, SYSTEM_ACTOR, NOW)).to).toBe('closed');
    expect(expectDecision(decide(t, VALID.report_still_failing, SYSTEM_ACTOR, NOW)).to).toBe('investigating');
    for (const person of [requester, requesterWithAllRoles, impostor]) {
      expect(expectRefusal(decide(t, VALID.confirm_resolved, person, NOW)).code).toBe('not_requester');
    }
  });

  it('sends what would go to its requester to the service desk instead of nowhere', () => {
    const d = expectDecision(decide(byBot('investigating', []), VALID.escalate_to_vendor, soc, NOW));
    expect(keys(d)).toContainEqual([DESK, 'notify.ad.escalated']);
  });
});

describe('submit_complaint', () => {
  it('queues the investigation in the decision that opens the ticket', () => {
    const d = expectDecision(decide(null, VALID.submit_complaint, requester, NOW));
    expect(d.checks).toEqual([{ op: 'queue', purpose: 'investigation' }]);
  });
});
