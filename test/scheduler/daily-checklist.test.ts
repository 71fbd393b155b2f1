import { describe, expect, it } from 'vitest';
import { checklistTasks, domainsBySchedule } from '../../src/scheduler/daily-checklist.ts';
import { deliverySettings, monitored } from './checklist-fixtures.ts';

// The daily checklist's schedules (circular 4(h)): one task per distinct schedule, so domains that share a
// schedule share a fire and one summary card, and every replica names each fire alike.

describe('checklistTasks', () => {
  const settings = deliverySettings([
    monitored('moe.gov.my'),
    monitored('jdn.gov.my', '0 8 * * 1-5'),
    monitored('mof.gov.my', ' 30  7 * * * '),
    monitored('kkm.gov.my', '0 8 * * 1-5'),
  ]);

  it('makes one task per distinct schedule, in the order the configuration names them', () => {
    const tasks = checklistTasks({ settings } as Parameters<typeof checklistTasks>[0]);
    expect(tasks.map((t) => [t.name, t.expression])).toEqual([
      ['daily-checklist@30 7 * * *', '30 7 * * *'],
      ['daily-checklist@0 8 * * 1-5', '0 8 * * 1-5'],
    ]);
  });

  it('groups the domains of a schedule together, however its spacing is written', () => {
    expect([...domainsBySchedule(settings.domains)]).toEqual([
      ['30 7 * * *', ['moe.gov.my', 'mof.gov.my']],
      ['0 8 * * 1-5', ['jdn.gov.my', 'kkm.gov.my']],
    ]);
  });

  it('schedules nothing when no domain is monitored', () => {
    expect(
      checklistTasks({ settings: deliverySettings([]) } as Parameters<typeof checklistTasks>[0]),
    ).toEqual([]);
  });
});
