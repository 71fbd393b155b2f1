import { describe, expect, it } from 'vitest';
import { type LoadConfigResult, loadConfig } from '../../src/config/index.ts';
import { MINIMAL_YAML, NOW, problemsOf, writeConfig } from './fixture.ts';

// Bad input gets a clear message in Bahasa Melayu or English as the operator prefers: the configuration's
// problems and warnings come in MAILOPS_DEFAULT_LOCALE's language, Malay unless it says English. Paths,
// variable names, keys and values stay as written. The expected words are written out here, not read from
// the catalog.

const BROKEN = `
people:
  - { id: Bad Id, email: not-an-email, roles: [approver, wizard] }
channels:
  slack: { approver: C0123ABCD }
scheduler: { escalation_cron: '61 * * * *', catch_up_minutes: 2000 }
delivery: { deadline_seconds: 5000 }
`;

const load = (yaml: string, env: Record<string, string> = {}): LoadConfigResult =>
  loadConfig({ MAILOPS_CONFIG: writeConfig(yaml), ...env }, { now: NOW });

function warningsOf(result: LoadConfigResult): readonly string[] {
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.warnings;
}

describe('the language of configuration problems', () => {
  it('is Malay when MAILOPS_DEFAULT_LOCALE is not set', () => {
    expect(problemsOf(load(BROKEN, { PORT: '70000' }))).toEqual([
      'env PORT: mesti 1–65535',
      'people[0].id: hanya boleh menggunakan a-z, 0-9, ".", "_" dan "-"',
      'people[0].name: diperlukan',
      'people[0].email: alamat e-mel tidak sah',
      'people[0].roles[1]: mesti salah satu daripada requester, manager, service_desk, approver, soc, vendor, admin',
      'channels.slack.approver: kunci tidak dikenali (adakah maksud anda "approvals"?)',
      'scheduler.escalation_cron: ungkapan cron "61 * * * *" tidak sah (61 tidak sah bagi minit)',
      'scheduler.catch_up_minutes: mesti 0–1440 minit (0: tidak pernah; 1440: sehari)',
      'delivery.deadline_seconds: mesti 5–3600 saat',
      'people: tiada sesiapa yang memegang peranan soc (VAS SOC melaksanakan dan menyiasat, SOP 4.1 langkah 7, 4.2 langkah 3)',
      'endorsement.required: bernilai true tetapi tiada sesiapa yang memegang peranan manager; tambah seorang manager atau tetapkannya kepada false',
    ]);
  });

  it('is English with MAILOPS_DEFAULT_LOCALE=en, the same problems in the same order', () => {
    expect(problemsOf(load(BROKEN, { PORT: '70000', MAILOPS_DEFAULT_LOCALE: 'en' }))).toEqual([
      'env PORT: must be 1–65535',
      'people[0].id: must use only a-z, 0-9, ".", "_" and "-"',
      'people[0].name: is required',
      'people[0].email: invalid e-mail',
      'people[0].roles[1]: must be one of requester, manager, service_desk, approver, soc, vendor, admin',
      'channels.slack.approver: unknown key (did you mean "approvals"?)',
      'scheduler.escalation_cron: invalid cron expression "61 * * * *" (61 is invalid for the minute)',
      'scheduler.catch_up_minutes: must be 0–1440 minutes (0: never; 1440: a day)',
      'delivery.deadline_seconds: must be 5–3600 seconds',
      'people: nobody has the soc role (VAS SOC implements and investigates, SOP 4.1 step 7, 4.2 step 3)',
      'endorsement.required: is true but nobody has the manager role; add a manager or set it to false',
    ]);
  });

  it('is Malay when MAILOPS_DEFAULT_LOCALE is a language mailops does not speak, which is itself a problem', () => {
    expect(problemsOf(load(MINIMAL_YAML, { MAILOPS_DEFAULT_LOCALE: 'fr' }))).toEqual([
      'env MAILOPS_DEFAULT_LOCALE: mesti salah satu daripada ms, en',
    ]);
  });

  it('follows the locale loadConfig is given over the environment', () => {
    const problems = loadConfig({ PORT: '0', MAILOPS_DEFAULT_LOCALE: 'ms' }, { now: NOW, locale: 'en' });
    expect(problemsOf(problems)[0]).toBe('env PORT: must be 1–65535');
  });

  it('covers the file that cannot be read and the variables that only work together', () => {
    const missing = { MAILOPS_CONFIG: '/nonexistent/mailops.yaml', SLACK_APP_TOKEN: 'xapp-1-secret-value' };
    const ms = problemsOf(loadConfig(missing, { now: NOW }));
    expect(ms).toEqual([
      'env SLACK_APP_TOKEN: ditetapkan tetapi SLACK_BOT_TOKEN tidak ditetapkan',
      'fail konfigurasi /nonexistent/mailops.yaml: fail tidak dijumpai',
    ]);
    expect(ms.join('\n')).not.toContain('xapp-1-secret-value');
    const syntax = writeConfig('people:\n  - id: a\n  - id: b\n    name: "unterminated\n');
    expect(problemsOf(loadConfig({ MAILOPS_CONFIG: syntax }, { now: NOW }))).toEqual([
      `fail konfigurasi ${syntax}: ralat sintaks YAML pada baris 5, lajur 1: tanda petikan penutup " tiada`,
    ]);
  });

  it('translates every line: none of a broken file’s problems reads the same in both languages', () => {
    const path =
      writeConfig(`${BROKEN.replace(/^delivery:.*$/m, '')}calendar: { time_zone: Mars/Olympus, workday: { start: '8:30' } }
mailtest: { dns_servers: ['999.1.1.1'], relay_sender: nobody, extra_ca_file: missing.pem }
sla: { complaint: { investigating: { wait: 2d, remind_every: 0 } } }
delivery:
  quota_warning_percent: [90, 80]
  domains:
    - domain: agensi.example
      agency: { address: p@agensi.example, password_env: UNSET_PW, submission: { host: mail.agensi.example } }
      outside: { address: p@gmail.example, password_file: none.secret, submission: { host: smtp.example, port: 0 } }
`);
    const env = { MAILOPS_CONFIG: path, HOST: 'not a host', DATABASE_URL: 'mysql://root:pw@db/x' };
    const ms = problemsOf(loadConfig(env, { now: NOW }));
    const en = problemsOf(loadConfig({ ...env, MAILOPS_DEFAULT_LOCALE: 'en' }, { now: NOW, locale: 'en' }));
    expect(ms.length).toBeGreaterThan(15);
    expect(ms).toHaveLength(en.length);
    expect(ms.filter((line, i) => line === en[i])).toEqual([]);
  });
});

describe('the language of configuration warnings', () => {
  const stale = MINIMAL_YAML.replace('2026-08-31', '2025-08-31').replace(
    'roles: [admin]',
    'roles: [requester]',
  );

  it('is Malay by default and English with MAILOPS_DEFAULT_LOCALE=en', () => {
    expect(warningsOf(load(stale, { MAILOPS_OUTBOX_MAX_ATTEMPTS: '5' }))).toEqual([
      'env MAILOPS_OUTBOX_MAX_ATTEMPTS: tidak lagi dibaca, maka nilainya diabaikan (peti keluar mencuba semula ' +
        'mesej yang gagal selama beberapa jam, bukan sebanyak beberapa kali cubaan); tetapkan ' +
        'MAILOPS_OUTBOX_RETRY_HOURS sebagai gantinya (lalai 72) dan buang MAILOPS_OUTBOX_MAX_ATTEMPTS',
      'people: tiada sesiapa yang memegang peranan admin (tiada sesiapa boleh menukar tetapan melalui sembang)',
      'calendar.holidays: tiada cuti umum bagi tahun 2026; kemas kini senarai ini berdasarkan Warta Kerajaan Persekutuan',
    ]);
    expect(warningsOf(load(stale, { MAILOPS_DEFAULT_LOCALE: 'en' }))).toEqual([
      'people: nobody has the admin role (nobody can change settings from chat)',
      'calendar.holidays: no holiday in 2026; keep the list current from the federal gazette',
    ]);
  });

  it('names who the SOP cannot reach in Malay, platform names and paths as written', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-abc' };
    const warnings = warningsOf(load(MINIMAL_YAML, slack));
    expect(warnings[0]).toBe(
      'channels.slack.approvals: kad kelulusan (SOP 4.1 langkah 4) tidak sampai kepada sesiapa di Slack: tiada ' +
        'saluran approvals, dan tiada pemegang peranan approver yang mempunyai ID Slack (people[].slack)',
    );
    expect(warnings.at(-1)).toBe(
      'people: tiada pengurus (peranan manager) yang mempunyai ID Slack (people[].slack), maka tiada permohonan ' +
        'perubahan boleh disokong (endorsement.required)',
    );
  });
});
