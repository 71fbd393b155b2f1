import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import { type Audience, type Decision, SYSTEM_ACTOR } from '../../flows/types.ts';
import { renderMessage } from '../../src/i18n/index.ts';
import { expectDecision, investigated, NOW, requester, run, ticket, VALID } from './fixtures.ts';

// The answer to the requester's test (SOP 4.1 steps 11–13, 4.2 steps 7–9): who hears, in whose name, and
// what the bot starts. On a complaint the bot opened for a failed daily check, the bot answers from its own
// re-check, and nothing it says may claim a person tested or confirmed.

const DESK: Audience = { role: 'service_desk' };
const SOC: Audience = { role: 'soc' };
const heard = (d: Decision) => d.notify.map((n) => [n.to, n.message.key]);
const rendered = (d: Decision, locale: 'ms' | 'en') => d.notify.map((n) => renderMessage(n.message, locale));

const recheck = run('recheck', { compared: { fixed: 0, stillFailing: 1, newProblems: 0, resolved: false } });
const openedByBot = investigated('awaiting_confirmation', [recheck], {
  requesterId: SYSTEM_ACTOR.id,
  checkRuns: [run('checklist'), recheck],
});

describe('a failed test, reported by the requester', () => {
  it('4.2 step 8 → 3: the desk hears it went to VAS SOC, and the bot queues the step 3 checks again', () => {
    const d = expectDecision(
      decide(investigated('awaiting_confirmation'), VALID.report_still_failing, requester, NOW),
    );
    expect(heard(d)).toEqual([
      [SOC, 'notify.ad.still_failing'],
      [DESK, 'notify.ad.still_failing_desk'],
    ]);
    expect(d.checks).toEqual([{ op: 'queue', purpose: 'investigation' }]);
  });

  it('4.1 step 12 → 7: the desk hears it went back to VAS SOC; a change request has no checks to run', () => {
    const d = expectDecision(
      decide(ticket('change_request', 'awaiting_confirmation'), VALID.report_still_failing, requester, NOW),
    );
    expect(heard(d)).toEqual([
      [SOC, 'notify.cr.still_failing'],
      [DESK, 'notify.cr.still_failing_desk'],
    ]);
    expect(d.checks).toBeUndefined();
  });
});

describe('the bot answering the test on a complaint it opened', () => {
  it('closes it in its own name: nobody is said to have confirmed, in either language', () => {
    const d = expectDecision(decide(openedByBot, VALID.confirm_resolved, SYSTEM_ACTOR, NOW));
    expect(heard(d)).toEqual([
      [SOC, 'notify.ad.closed_by_recheck'],
      [{ channel: 'announcements' }, 'notify.ad.closed_by_recheck_announcement'],
    ]);
    for (const text of rendered(d, 'ms'))
      expect(text).not.toMatch(/pemohon telah mengesahkan|disahkan oleh pemohon/i);
    for (const text of rendered(d, 'en'))
      expect(text).not.toMatch(/the requester confirmed|confirmed by the requester/i);
    expect(rendered(d, 'en')[1]).toBe(
      'E-mail complaint AD-2025-000042 (opened by mailops for a failed daily check) was closed by mailops after its re-check passed.',
    );
  });

  it('reports it still failing in its own name, and runs no checks it has just run', () => {
    const d = expectDecision(decide(openedByBot, VALID.report_still_failing, SYSTEM_ACTOR, NOW));
    expect(d.to).toBe('investigating');
    expect(heard(d)).toEqual([
      [SOC, 'notify.ad.recheck_still_failing'],
      [DESK, 'notify.ad.recheck_still_failing_desk'],
    ]);
    for (const text of rendered(d, 'ms')) expect(text).not.toMatch(/pemohon melaporkan/i);
    expect(d.checks).toBeUndefined();
  });
});
