import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { ENGLISH, load, MINIMAL_YAML, problemsOf, writeConfig } from './fixture.ts';

const person = (id: string, roles: string, extra = '') =>
  `  - { id: ${id}, name: ${id}, email: ${id}@agensi.example, roles: [${roles}]${extra} }\n`;
const withPeople = (...lines: string[]) =>
  `people:\n${lines.join('')}calendar:\n  holidays: [{ date: '2026-08-31', name: Hari Kebangsaan }]\n`;

describe('the configuration file', () => {
  it('gives a minimal file the documented defaults', () => {
    const result = load(MINIMAL_YAML);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { config, warnings } = result;
    expect(warnings).toEqual([]);
    expect(config.endorsement).toEqual({ required: true });
    expect(config.calendar).toEqual({
      timeZone: 'Asia/Kuala_Lumpur',
      weekend: ['saturday', 'sunday'],
      workday: { start: '08:30', end: '17:30' },
      holidays: [{ date: '2026-08-31', name: 'Hari Kebangsaan' }],
    });
    expect(config.channels).toEqual({
      local: {
        approvals: 'approvals',
        soc: 'soc',
        vendor: 'vendor',
        announcements: 'announcements',
        service_desk: 'service_desk',
      },
    });
    expect(config.source.demo).toBe(false);
  });

  it('lists every problem at once with its path', () => {
    const problems = problemsOf(
      load(`
people:
  - { id: Aminah, name: '', email: not-an-email, roles: [requester, approvers], phone: 'call me' }
  - { id: hafiz, name: Hafiz, email: hafiz@soc.example, roles: [soc], slack: hafiz }
channels:
  slack: { approver: C0123ABCD, soc: general }
calendar:
  time_zone: Asia/Kuala_Lumpor
  weekend: [sabtu]
  workday: { start: '17:30', end: '08:30' }
  holidays: [{ date: '2026-02-30', name: Hari Tiada }]
scheduler: { escalation_cron: '61 * * * *', catch_up_minutes: 2000 }
`),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'people[0].id: must use only a-z, 0-9, ".", "_" and "-"',
        'people[0].name: must not be empty',
        'people[0].email: invalid e-mail',
        'people[0].phone: must be a phone number such as +60 3-8000 8000',
        'people[0].roles[1]: must be one of requester, manager, service_desk, approver, soc, vendor, admin',
        'people[1].slack: must be a Slack user id such as U0123ABCD',
        'channels.slack.approver: unknown key (did you mean "approvals"?)',
        'channels.slack.soc: must be a channel id such as C0123ABCD',
        'calendar.time_zone: unknown time zone',
        'calendar.weekend[0]: must be one of sunday, monday, tuesday, wednesday, thursday, friday, saturday',
        'calendar.workday.end: start must be before end',
        'calendar.holidays[0].date: must be a date YYYY-MM-DD',
        expect.stringMatching(/^scheduler\.escalation_cron: invalid cron expression "61 \* \* \* \*"/),
        'scheduler.catch_up_minutes: must be 0–1440 minutes (0: never; 1440: a day)',
        'people: nobody has the approver role (MAMPU/JDN approves change requests, SOP 4.1 step 4)',
      ]),
    );
  });

  it('rejects unknown keys anywhere, suggesting the likely one', () => {
    const problems = problemsOf(
      load(`${MINIMAL_YAML}endorsment: { required: false }\nscheduler: { cron: '* * * * *' }\n`),
    );
    expect([...problems].sort()).toEqual([
      'endorsment: unknown key (did you mean "endorsement"?)',
      'scheduler.cron: unknown key',
    ]);
  });

  it('names a missing required field', () => {
    expect(problemsOf(load(withPeople('  - { id: x, roles: [approver, soc, manager] }\n')))).toEqual([
      'people[0].name: is required',
      'people[0].email: is required',
    ]);
  });

  it('refuses duplicate ids and platform identities', () => {
    const problems = problemsOf(
      load(
        withPeople(
          person('zulkifli', 'approver', ', slack: U0AAA, teams: 6f1c1f44-32a4-4c3c-9a55-1d1f1f1f1f1f'),
          person('hafiz', 'soc, manager', ', slack: U0AAA'),
          person('zulkifli', 'requester', ', teams: 6f1c1f44-32a4-4c3c-9a55-1d1f1f1f1f1f'),
        ),
      ),
    );
    expect(problems).toEqual([
      'people[2].id: id "zulkifli" is already used by people[0] (zulkifli)',
      'people[1].slack: Slack user "U0AAA" is already used by people[0] (zulkifli)',
      'people[2].teams: Teams user "6f1c1f44-32a4-4c3c-9a55-1d1f1f1f1f1f" is already used by people[0] (zulkifli)',
    ]);
  });

  it('needs an approver, a SOC engineer, and a manager while endorsement is required', () => {
    expect(problemsOf(load(withPeople(person('aminah', 'requester'))))).toEqual([
      'people: nobody has the approver role (MAMPU/JDN approves change requests, SOP 4.1 step 4)',
      'people: nobody has the soc role (VAS SOC implements and investigates, SOP 4.1 step 7, 4.2 step 3)',
      'endorsement.required: is true but nobody has the manager role; add a manager or set it to false',
    ]);
    const noEndorsement = `${withPeople(person('z', 'approver'), person('h', 'soc'))}endorsement: { required: false }\n`;
    expect(load(noEndorsement).ok).toBe(true);
  });

  it('warns, but runs, when one person is both approver and SOC', () => {
    const result = load(
      withPeople(
        person('zulkifli', 'approver, soc'),
        person('rahman', 'manager'),
        person('farah', 'service_desk, admin, vendor'),
      ),
    );
    expect(result.ok && result.warnings).toEqual([
      'people[0].roles: zulkifli is both approver and soc; they will be refused as implementer of any request ' +
        'they approved (separation of duties)',
    ]);
  });

  it('warns when the holiday list has nothing for the current year', () => {
    const stale = MINIMAL_YAML.replace('2026-08-31', '2025-08-31');
    const result = load(stale);
    expect(result.ok && result.warnings).toEqual([
      'calendar.holidays: no holiday in 2026; keep the list current from the federal gazette',
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    const path = writeConfig('people:\n  - id: a\n  - id: b\n    name: "unterminated\n');
    const problems = problemsOf(loadConfig({ MAILOPS_CONFIG: path }, ENGLISH));
    expect(problems).toEqual([
      `config file ${path}: YAML syntax error at line 5, column 1: Missing closing "quote`,
    ]);
  });

  it('reports duplicate YAML keys instead of keeping the last one', () => {
    const path = writeConfig(
      `${MINIMAL_YAML}endorsement: { required: true }\nendorsement: { required: false }\n`,
    );
    const [problem] = problemsOf(loadConfig({ MAILOPS_CONFIG: path }, ENGLISH));
    expect(problem).toMatch(/YAML syntax error at line \d+, column 1: Map keys must be unique/);
  });

  it('reports an alias naming no anchor, and aliases that would expand without bound, as file problems', () => {
    const unresolved = writeConfig(`${MINIMAL_YAML}endorsement: *nope\n`);
    expect(problemsOf(loadConfig({ MAILOPS_CONFIG: unresolved }, ENGLISH))).toEqual([
      `config file ${unresolved}: YAML alias *nope at line 13, column 14 names no anchor (&nope must come before it)`,
    ]);
    const levels = Array.from({ length: 6 }, (_, i) =>
      i === 0
        ? 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'
        : `a${i}: &a${i} [${`*a${i - 1}, `.repeat(9)}*a${i - 1}]`,
    );
    const bomb = writeConfig(`${levels.join('\n')}\npeople: *a5\n`);
    expect(problemsOf(loadConfig({ MAILOPS_CONFIG: bomb }, ENGLISH))).toEqual([
      `config file ${bomb}: YAML aliases expand too much (past the limit of 100); write the values out`,
    ]);
  });

  it('reads an alias of an anchor set before it', () => {
    const result = load(
      MINIMAL_YAML.replace('roles: [soc]', 'roles: &soc [soc]').replace('roles: [vendor]', 'roles: *soc'),
    );
    expect(result.ok && result.config.people.find((p) => p.id === 'azlan')?.roles).toEqual(['soc']);
  });

  it('names a missing file and an empty one', () => {
    expect(problemsOf(loadConfig({ MAILOPS_CONFIG: '/nonexistent/mailops.yaml' }, ENGLISH))).toEqual([
      'config file /nonexistent/mailops.yaml: file not found',
    ]);
    const empty = writeConfig('# nothing yet\n');
    expect(problemsOf(loadConfig({ MAILOPS_CONFIG: empty }, ENGLISH))).toEqual([
      `config file ${empty}: is empty`,
    ]);
  });

  it('accepts a Friday–Saturday weekend and Slack and Teams channel ids', () => {
    const result = load(`${MINIMAL_YAML.replace('calendar:\n', 'calendar:\n  weekend: [friday, saturday]\n')}
channels:
  slack: { approvals: C0123APPRV, soc: G0123SOCXX }
  teams: { announcements: '19:abc123@thread.tacv2' }
  local: { approvals: kelulusan }
`);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.calendar.weekend).toEqual(['friday', 'saturday']);
    expect(result.config.channels.slack).toEqual({ approvals: 'C0123APPRV', soc: 'G0123SOCXX' });
    expect(result.config.channels.local.approvals).toBe('kelulusan');
    expect(result.config.channels.local.soc).toBe('soc');
  });

  it('gives a channel purpose its own language, and names a wrong one or a purpose that does not exist', () => {
    const result = load(`${MINIMAL_YAML}
channels:
  locales: { vendor: en }
`);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.channelLocales).toEqual({ vendor: 'en' });
    expect(load(MINIMAL_YAML)).toMatchObject({ ok: true, config: { channelLocales: {} } });
    expect(
      problemsOf(load(`${MINIMAL_YAML}\nchannels:\n  locales: { vendor: english, vendors: en }\n`)),
    ).toEqual([
      'channels.locales.vendor: must be one of ms, en',
      'channels.locales.vendors: unknown key (did you mean "vendor"?)',
    ]);
  });
});
