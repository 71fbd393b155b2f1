import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../flows/sla.ts';
import { applySlaOverrides, slaOverridesSchema } from '../../src/config/sla-overrides.ts';
import { load, MINIMAL_YAML, problemsOf } from './fixture.ts';

const parse = (value: unknown) => slaOverridesSchema.parse(value);

describe('SLA overrides', () => {
  it('leave the defaults alone when empty', () => {
    expect(applySlaOverrides(DEFAULT_SLA_POLICY, parse({}))).toEqual(DEFAULT_SLA_POLICY);
  });

  it('change only the fields they name, in business minutes', () => {
    const policy = applySlaOverrides(
      DEFAULT_SLA_POLICY,
      parse({
        complaint: {
          investigating: { wait: '2h', remind_every: 45, escalate_to: ['admin', 'announcements'] },
        },
      }),
    );
    expect(policy.complaint.investigating).toEqual({
      ...DEFAULT_SLA_POLICY.complaint.investigating,
      waitMinutes: 120,
      remindEveryMinutes: 45,
      escalateTo: [{ role: 'admin' }, { channel: 'announcements' }],
    });
    expect(policy.change_request).toEqual(DEFAULT_SLA_POLICY.change_request);
  });

  it('read hours and minutes together', () => {
    const policy = applySlaOverrides(
      DEFAULT_SLA_POLICY,
      parse({ change_request: { implementing: { wait: '1h30m' } } }),
    );
    expect(policy.change_request.implementing?.waitMinutes).toBe(90);
  });

  it('switch a state off with enabled: false', () => {
    const policy = applySlaOverrides(
      DEFAULT_SLA_POLICY,
      parse({ complaint: { awaiting_confirmation: { enabled: false } } }),
    );
    expect(policy.complaint.awaiting_confirmation).toBeUndefined();
    expect(DEFAULT_SLA_POLICY.complaint.awaiting_confirmation).toBeDefined();
  });

  it('refuse days, zero intervals, slips past a year, terminal states and unknown fields, with paths', () => {
    const problems = problemsOf(
      load(`${MINIMAL_YAML}sla:
  change_request:
    awaiting_approval: { wait: 2d, remind_every: 0, max_reminder: 2 }
    awaiting_implementation: { wait: 40000h, escalate_after: 2000h }
    closed: { wait: 1h }
`),
    );
    expect([...problems].sort()).toEqual([
      'sla.change_request.awaiting_approval.max_reminder: unknown key (did you mean "max_reminders"?)',
      'sla.change_request.awaiting_approval.remind_every: must be at least 1 minute',
      'sla.change_request.awaiting_approval.wait: must be business time such as 4h, 30m or 1h30m (not days)',
      'sla.change_request.awaiting_implementation.wait: must be at most 2000h (about a year of working days)',
      'sla.change_request.closed: unknown key',
    ]);
  });
});
