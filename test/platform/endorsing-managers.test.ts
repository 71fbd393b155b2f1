import { describe, expect, it } from 'vitest';
import { Directory, type Person } from '../../src/directory/directory.ts';
import { directoryFromConfig } from '../../src/directory/from-config.ts';
import { endorsingManagerIds, endorsingManagers } from '../../src/platform/endorsing-managers.ts';
import { load, MINIMAL_YAML } from '../config/fixture.ts';

// Whom Section A may name to endorse, on every platform: configured managers a chat platform reaches.

const person = (
  id: string,
  name: string,
  roles: Person['roles'],
  identities: Person['identities'],
): Person => ({
  id,
  name,
  locale: 'ms',
  roles,
  identities,
});

const directory = new Directory(
  [
    person('rahman', 'Rahman bin Yusof', ['manager'], { slack: 'U0RAHMAN' }),
    person('aminah', 'Aminah binti Ali', ['requester'], { slack: 'U0AMINAH' }),
    person('lim', 'Lim Wei Ling', ['manager', 'approver'], { teams: '0d1f6b1e-3c53-4a8e-9f0e-5a2b7c9d1e20' }),
    person('zul', 'Zulkifli bin Omar', ['manager'], {}),
    person('farid', 'Farid bin Osman', ['manager'], { slack: 'U0FARID' }),
  ],
  {},
  'ms',
);

describe('endorsingManagers', () => {
  it('offers the holders of the manager role on any platform, in name order', () => {
    expect(endorsingManagers(directory)).toEqual([
      { id: 'farid', name: 'Farid bin Osman' },
      { id: 'lim', name: 'Lim Wei Ling' },
      { id: 'rahman', name: 'Rahman bin Yusof' },
    ]);
  });

  it('leaves out a manager no platform can reach: the endorsement card could not be sent to them', () => {
    expect(endorsingManagerIds(directory)).not.toContain('zul');
    expect(endorsingManagerIds(directory)).not.toContain('aminah');
  });

  it('leaves out a manager reachable only on a platform mailops does not run on', () => {
    const rahman =
      '  - { id: rahman, name: Abd Rahman bin Ismail, email: rahman@agensi.example, roles: [manager] }';
    const loaded = load(
      MINIMAL_YAML.replace(
        rahman,
        [
          rahman.replace('roles: [manager]', 'roles: [manager], teams: 0d1f6b1e-3c53-4a8e-9f0e-5a2b7c9d1e20'),
          '  - { id: lim, name: Lim Wei Ling, email: lim@agensi.example, roles: [manager], slack: U0LIM }',
        ].join('\n'),
      ),
    );
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    expect(endorsingManagerIds(directoryFromConfig(loaded.config))).toEqual(['rahman', 'lim']);
    expect(endorsingManagerIds(directoryFromConfig(loaded.config, ['slack']))).toEqual(['lim']);
    expect(endorsingManagerIds(directoryFromConfig(loaded.config, ['teams']))).toEqual(['rahman']);
  });
});
