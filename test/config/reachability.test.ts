import { describe, expect, it } from 'vitest';
import { load } from './fixture.ts';

// The audiences the SOP notifies, checked per platform mailops runs on as the directory resolves them: a role
// reaches its channel or its holders with an id there, announcements their channel only. Gaps are warnings.

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-abc' };
const TEAMS = {
  TEAMS_CLIENT_ID: '6f1c1f44-32a4-4c3c-9a55-1d1f1f1f1f1f',
  TEAMS_CLIENT_SECRET: 'not-used',
  TEAMS_TENANT_ID: '7a2d2f55-43b5-4d4d-8b66-2e2e2e2e2e2e',
};

/** Teams channels for every purpose, so that on Teams only the endorsing manager can be missing. */
const BOTH = `channels:
  slack: { announcements: C0ANN }
  teams:
${['approvals', 'soc', 'vendor', 'service_desk', 'announcements'].map((p) => `    ${p}: '19:${p}@thread.tacv2'`).join('\n')}
`;

const file = (slackIds: boolean, extra: string) => {
  const id = (slack: string) => (slackIds ? `, slack: ${slack}` : '');
  return `people:
  - { id: aminah, name: Aminah, email: aminah@agensi.example, roles: [requester], slack: U0AMINAH }
  - { id: rahman, name: Rahman, email: rahman@agensi.example, roles: [manager]${id('U0RAHMAN')} }
  - { id: zul, name: Zul, email: zul@jdn.example, roles: [approver]${id('U0ZUL')} }
  - { id: hafiz, name: Hafiz, email: hafiz@soc.example, roles: [soc]${id('U0HAFIZ')} }
  - { id: farah, name: Farah, email: farah@desk.example, roles: [service_desk]${id('U0FARAH')} }
  - { id: azlan, name: Azlan, email: azlan@vendor.example, roles: [vendor]${id('U0AZLAN')} }
  - { id: salmah, name: Salmah, email: salmah@agensi.example, roles: [admin] }
calendar:
  holidays: [{ date: '2026-08-31', name: Hari Kebangsaan }]
${extra}`;
};

function warningsOf(yaml: string, env: Record<string, string>): readonly string[] {
  const result = load(yaml, env);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.warnings;
}

describe('who the SOP reaches on each platform', () => {
  it('warns for every audience nobody on Slack would receive: no channel and no holder with a Slack id', () => {
    const warnings = warningsOf(file(false, 'channels:\n  slack: { announcements: C0ANNOUNCE }\n'), SLACK);
    expect(warnings).toEqual([
      'channels.slack.approvals: approval cards (SOP 4.1 step 4) reach nobody on Slack: no approvals channel, and nobody with the approver role has a Slack id (people[].slack)',
      'channels.slack.soc: SOC cards (SOP 4.1 step 7, 4.2 step 3) reach nobody on Slack: no soc channel, and nobody with the soc role has a Slack id (people[].slack)',
      'channels.slack.vendor: vendor escalations reach nobody on Slack: no vendor channel, and nobody with the vendor role has a Slack id (people[].slack)',
      'channels.slack.service_desk: service desk cards and SLA escalations reach nobody on Slack: no service_desk channel, and nobody with the service_desk role has a Slack id (people[].slack)',
      'people: no manager has a Slack id (people[].slack), so no change request can be endorsed (endorsement.required)',
    ]);
  });

  it('counts holders with a Slack id for a role without a channel, but never for announcements', () => {
    const warnings = warningsOf(file(true, ''), SLACK);
    expect(warnings).toEqual([
      'channels.slack.announcements: announcements of closed tickets reach nobody on Slack: no announcements channel (they go to a channel only)',
    ]);
  });

  it('is quiet when every audience has a channel and a manager can be reached', () => {
    const channels =
      'channels:\n  slack: { approvals: C0APPROVE, soc: C0SOC, vendor: C0VENDOR, service_desk: C0DESK, announcements: C0ANN }\n';
    const yaml = file(false, channels).replace('roles: [manager]', 'roles: [manager], slack: U0RAHMAN');
    expect(warningsOf(yaml, SLACK)).toEqual([]);
  });

  it('does not ask for a manager when endorsement is off', () => {
    const yaml = file(
      true,
      'endorsement: { required: false }\nchannels:\n  slack: { announcements: C0ANN }\n',
    );
    expect(warningsOf(yaml.replace(', slack: U0RAHMAN', ''), SLACK)).toEqual([]);
  });

  it('checks the platform that has credentials: Teams ids and channels, not Slack ones', () => {
    const warnings = warningsOf(file(true, 'channels:\n  slack: { announcements: C0ANN }\n'), TEAMS);
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toBe(
      'channels.teams.approvals: approval cards (SOP 4.1 step 4) reach nobody on Teams: no approvals channel, and nobody with the approver role has a Teams id (people[].teams)',
    );
    expect(warnings.join('\n')).not.toContain('Slack');
  });

  it('asks for no Teams manager when a Slack-only one is reached: the endorsement card goes out on every platform', () => {
    expect(warningsOf(file(true, BOTH), { ...SLACK, ...TEAMS })).toEqual([]);
  });

  it('warns once, naming both platforms, when neither Slack nor Teams reaches a manager', () => {
    const yaml = file(true, BOTH).replace(', slack: U0RAHMAN', '');
    expect(warningsOf(yaml, { ...SLACK, ...TEAMS })).toEqual([
      'people: no manager has a Slack or Teams id (people[].slack, people[].teams), so no change request can be endorsed (endorsement.required)',
    ]);
  });

  it('finds nothing missing in the playground, where everyone has an id and every purpose a channel', () => {
    expect(warningsOf(file(false, 'channels:\n  local: { approvals: kelulusan }\n'), {})).toEqual([]);
  });
});
