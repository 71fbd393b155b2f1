import { describe, expect, it } from 'vitest';
import { Directory, type Person } from '../../src/directory/directory.ts';
import { endorsingManagerIds, endorsingManagers } from '../../src/platform/endorsing-managers.ts';

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
});
