import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import { restartsSlaClock } from '../../flows/sla.ts';
import { type Actor, SYSTEM_ACTOR, type TicketAction, type TicketSnapshot } from '../../flows/types.ts';
import {
  expectDecision,
  investigated,
  NOW,
  RUN_IDS,
  requester,
  run,
  sectionD,
  soc,
  ticket,
  VALID,
  vendor,
} from './fixtures.ts';

// Which decisions start their state's SLA clock afresh. The party a state waits on must not be able to push
// its own deadline back by writing something that leaves the ticket where it was.

const restarts = (t: TicketSnapshot | null, action: TicketAction, actor: Actor) =>
  restartsSlaClock(expectDecision(decide(t, action, actor, NOW)));

const recordRun = (purpose: 'investigation' | 'recheck' | 'checklist'): TicketAction => ({
  type: 'record_investigation',
  runId: RUN_IDS[purpose],
  purpose,
});
const resolvedRecheck = run('recheck', {
  compared: { fixed: 1, stillFailing: 0, newProblems: 0, resolved: true },
});

describe('the SLA clock of a state', () => {
  it('starts when a ticket is opened and whenever it enters another state', () => {
    expect(restarts(null, VALID.submit_complaint, requester)).toBe(true);
    expect(restarts(ticket('complaint', 'investigating'), VALID.escalate_to_vendor, soc)).toBe(true);
    expect(restarts(ticket('complaint', 'escalated_to_vendor'), VALID.vendor_resolved, vendor)).toBe(true);
    expect(
      restarts(ticket('complaint', 'awaiting_confirmation'), VALID.report_still_failing, requester),
    ).toBe(true);
  });

  it('keeps running when VAS SOC records findings during its investigation (SOP 4.2 step 3)', () => {
    expect(restarts(ticket('complaint', 'investigating'), VALID.record_findings, soc)).toBe(false);
  });

  it('keeps running when the bot records its own checks, in every state it records them', () => {
    expect(restarts(investigated('investigating'), recordRun('investigation'), SYSTEM_ACTOR)).toBe(false);
    const withVendor = investigated('escalated_to_vendor', [run('checklist', { attached: false })]);
    expect(restarts(withVendor, recordRun('checklist'), SYSTEM_ACTOR)).toBe(false);
    const awaiting = investigated('awaiting_confirmation', [run('checklist', { attached: false })]);
    expect(restarts(awaiting, recordRun('checklist'), SYSTEM_ACTOR)).toBe(false);
  });

  it('keeps running after an unsuccessful implementation: the step 8 answer is the vendor, not more time', () => {
    const implementing = ticket('change_request', 'implementing', { implementerId: soc.id });
    const unsuccessful: TicketAction = {
      type: 'mark_implemented',
      sectionD: sectionD({
        status: 'unsuccessful',
        postImplementationReview: 'Gateway menolak konfigurasi.',
      }),
    };
    expect(restarts(implementing, unsuccessful, soc)).toBe(false);
  });

  it('starts again when the re-check asks the requester to test (SOP 4.2 step 6), as they are only asked then', () => {
    const rechecked = investigated('awaiting_confirmation', [resolvedRecheck]);
    expect(restarts(rechecked, recordRun('recheck'), SYSTEM_ACTOR)).toBe(true);
  });

  it('keeps running on a complaint the bot opened, whose re-check asks nobody to test', () => {
    const byBot = investigated('awaiting_confirmation', [resolvedRecheck], {
      requesterId: SYSTEM_ACTOR.id,
      checkRuns: [run('checklist'), resolvedRecheck],
    });
    expect(restarts(byBot, recordRun('recheck'), SYSTEM_ACTOR)).toBe(false);
  });
});
