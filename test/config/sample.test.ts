import { describe, expect, it } from 'vitest';
import { loadConfig, SAMPLE_CONFIG_PATH } from '../../src/config/index.ts';
import { ENGLISH, NOW } from './fixture.ts';

describe('the bundled sample configuration', () => {
  it('is used as a demo, with a warning, when MAILOPS_CONFIG is not set', () => {
    const result = loadConfig({}, ENGLISH);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.source).toEqual({ path: SAMPLE_CONFIG_PATH, demo: true });
    expect(result.warnings).toEqual([
      `MAILOPS_CONFIG is not set: using the demo configuration ${SAMPLE_CONFIG_PATH}; set it before real use`,
    ]);
  });

  it('is refused as a silent fallback in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }, { now: NOW }).ok).toBe(false);
  });

  it('passes without warnings when named explicitly', () => {
    const result = loadConfig({ MAILOPS_CONFIG: SAMPLE_CONFIG_PATH }, { now: NOW });
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('casts every SOP role, with two approvers and two SOC engineers', () => {
    const result = loadConfig({}, { now: NOW });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const holders = (role: string) => result.config.people.filter((p) => p.roles.includes(role as never));
    expect(holders('requester')).toHaveLength(1);
    expect(holders('manager')).toHaveLength(1);
    expect(holders('service_desk')).toHaveLength(1);
    expect(holders('approver')).toHaveLength(2);
    expect(holders('soc')).toHaveLength(2);
    expect(holders('vendor')).toHaveLength(1);
    expect(holders('admin')).toHaveLength(1);
  });

  it('applies its SLA overrides over the defaults', () => {
    const result = loadConfig({}, { now: NOW });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.sla.change_request.awaiting_approval?.waitMinutes).toBe(18 * 60);
    expect(result.config.sla.complaint.investigating?.waitMinutes).toBe(4 * 60);
    expect(result.config.calendar.holidays.map((h) => h.date)).toContain('2026-08-31');
  });
});
