import { describe, expect, it } from 'vitest';
import { requireRole } from '../../flows/roles.ts';
import { Directory, type Person } from '../../src/directory/directory.ts';

// Who receives a notification on each platform, and who an incoming platform user is. Channel ids are
// per platform: Slack has an approvals channel here, Teams has none, so Teams approvals go to each approver.

const PEOPLE: Person[] = [
  {
    id: 'zulkifli',
    name: 'Zulkifli bin Hassan',
    locale: 'ms',
    roles: ['approver'],
    identities: { slack: 'U0ZULKIF', teams: 'aad-zulkifli' },
  },
  {
    id: 'noraini',
    name: 'Noraini binti Abdullah',
    locale: 'en',
    roles: ['approver', 'admin'],
    identities: { slack: 'U0NORAIN', teams: 'aad-noraini' },
  },
  {
    // An approver who has no Teams account: unreachable there, reachable on Slack.
    id: 'kamal',
    name: 'Kamal bin Osman',
    locale: 'ms',
    roles: ['approver'],
    phone: '03-8000 8000',
    identities: { slack: 'U0KAMAL' },
  },
  {
    id: 'hafiz',
    name: 'Muhammad Hafiz bin Razak',
    locale: 'en',
    roles: ['soc'],
    identities: { slack: 'U0HAFIZ', teams: 'aad-hafiz' },
  },
  {
    id: 'aminah',
    name: 'Aminah binti Yusof',
    locale: 'ms',
    roles: ['requester'],
    identities: { slack: 'U0AMINAH' },
  },
];

const CHANNELS = {
  slack: { approvals: 'C0APPRV', soc: 'C0SOC', announcements: 'C0ANNCE' },
  teams: { soc: '19:soc@thread.tacv2' },
};

const directory = () => new Directory(PEOPLE, CHANNELS, 'en');

describe('Directory.resolve: a role', () => {
  it('goes to its configured channel on that platform, once, in the default locale', () => {
    expect(directory().resolve('slack', { role: 'approver' })).toEqual([
      { destination: { kind: 'channel', channel: 'C0APPRV' }, locale: 'en' },
    ]);
    expect(directory().resolve('teams', { role: 'soc' })).toEqual([
      { destination: { kind: 'channel', channel: '19:soc@thread.tacv2' }, locale: 'en' },
    ]);
  });

  it("speaks the language configured for its channel's purpose, on every platform, and the default elsewhere", () => {
    const vendorInEnglish = new Directory(
      PEOPLE,
      { slack: { vendor: 'C0VENDR', approvals: 'C0APPRV', announcements: 'C0ANNCE' } },
      'ms',
      { vendor: 'en', announcements: 'en' },
    );
    expect(vendorInEnglish.resolve('slack', { role: 'vendor' })).toEqual([
      { destination: { kind: 'channel', channel: 'C0VENDR' }, locale: 'en' },
    ]);
    expect(vendorInEnglish.resolve('slack', { channel: 'announcements' })).toEqual([
      { destination: { kind: 'channel', channel: 'C0ANNCE' }, locale: 'en' },
    ]);
    expect(vendorInEnglish.resolve('slack', { role: 'approver' })).toEqual([
      { destination: { kind: 'channel', channel: 'C0APPRV' }, locale: 'ms' },
    ]);
  });

  it('without a channel on that platform, goes to each holder who has an identity there, in their own locale', () => {
    expect(directory().resolve('teams', { role: 'approver' })).toEqual([
      { destination: { kind: 'user', user: 'aad-zulkifli' }, locale: 'ms' },
      { destination: { kind: 'user', user: 'aad-noraini' }, locale: 'en' },
    ]);
  });

  it('reaches nobody when the platform has no channel and no holder of the role has an identity there', () => {
    expect(directory().resolve('teams', { role: 'vendor' })).toEqual([]);
    expect(directory().resolve('local', { role: 'approver' })).toEqual([]);
  });

  it('is not sent to a channel meant for another role', () => {
    // admin has no channel purpose: its holders are messaged directly even though Slack has channels.
    expect(directory().resolve('slack', { role: 'admin' })).toEqual([
      { destination: { kind: 'user', user: 'U0NORAIN' }, locale: 'en' },
    ]);
  });
});

describe('Directory.resolve: a person', () => {
  it('goes to their own identity on that platform, in their locale', () => {
    expect(directory().resolve('slack', { person: 'aminah' })).toEqual([
      { destination: { kind: 'user', user: 'U0AMINAH' }, locale: 'ms' },
    ]);
    expect(directory().resolve('teams', { person: 'hafiz' })).toEqual([
      { destination: { kind: 'user', user: 'aad-hafiz' }, locale: 'en' },
    ]);
  });

  it('reaches nobody when they have no identity on that platform', () => {
    expect(directory().resolve('teams', { person: 'aminah' })).toEqual([]);
  });

  it('reaches nobody when the configuration does not name them', () => {
    expect(directory().resolve('slack', { person: 'stranger' })).toEqual([]);
  });
});

describe('Directory.resolve: announcements', () => {
  it('go to the announcements channel of that platform in the default locale', () => {
    expect(directory().resolve('slack', { channel: 'announcements' })).toEqual([
      { destination: { kind: 'channel', channel: 'C0ANNCE' }, locale: 'en' },
    ]);
  });

  it('reach nobody on a platform without an announcements channel', () => {
    expect(directory().resolve('teams', { channel: 'announcements' })).toEqual([]);
    expect(directory().resolve('local', { channel: 'announcements' })).toEqual([]);
  });
});

describe('Directory.actor', () => {
  it('gives a configured person their name and roles', () => {
    expect(directory().actor('noraini')).toEqual({
      id: 'noraini',
      name: 'Noraini binti Abdullah',
      roles: ['approver', 'admin'],
    });
  });

  it('gives a configured person their phone too, for the contact number of the form they sign', () => {
    expect(directory().actor('kamal')).toEqual({
      id: 'kamal',
      name: 'Kamal bin Osman',
      roles: ['approver'],
      phone: '03-8000 8000',
    });
  });

  it('gives someone the configuration does not name no roles, so every role check refuses them', () => {
    const stranger = directory().actor('U0INTRUDER', 'Mallory');
    expect(stranger).toEqual({ id: 'U0INTRUDER', name: 'Mallory', roles: [] });
    for (const role of [
      'approver',
      'soc',
      'vendor',
      'service_desk',
      'admin',
      'requester',
      'manager',
    ] as const) {
      expect(requireRole(stranger, role)).not.toBeNull();
    }
  });

  it('names an unknown actor by their id when no fallback name is given', () => {
    expect(directory().actor('U0INTRUDER')).toEqual({ id: 'U0INTRUDER', name: 'U0INTRUDER', roles: [] });
  });
});

describe('Directory.byIdentity', () => {
  it('finds the person behind a platform user id', () => {
    expect(directory().byIdentity('slack', 'U0HAFIZ')?.id).toBe('hafiz');
    expect(directory().byIdentity('teams', 'aad-noraini')?.id).toBe('noraini');
  });

  it('does not match a user id from another platform', () => {
    expect(directory().byIdentity('teams', 'U0HAFIZ')).toBeUndefined();
  });

  it('finds nobody for an unknown user id', () => {
    expect(directory().byIdentity('slack', 'U0NOBODY')).toBeUndefined();
  });
});
