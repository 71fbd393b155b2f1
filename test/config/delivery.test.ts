import { chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { ENGLISH, load, MINIMAL_YAML, problemsOf, writeConfig } from './fixture.ts';

// The `delivery:` section (issue 6): probe mailboxes per monitored domain, passwords from the environment or a
// file the operator names, never from the YAML and never printed.

const mailbox = (address: string, password: string) => `
        address: ${address}
        ${password}
        submission: { host: mail.${address.split('@')[1]}, port: 587 }
        imap: { host: mail.${address.split('@')[1]}, port: 993, security: tls }`;

const withDelivery = (
  agencyPassword: string,
  outsidePassword = 'password_env: OUTSIDE_PROBE_PW',
) => `${MINIMAL_YAML}
delivery:
  quota_warning_percent: [75, 90]
  service_domains: [gov.example]
  domains:
    - domain: Agensi.Example
      schedule: "0 8 * * 1-5"
      agency: ${mailbox('probe@agensi.example', agencyPassword)}
      outside: ${mailbox('mailops.probe@gmail.example', outsidePassword)}
`;

describe('delivery configuration', () => {
  it('has no monitored domain and the circular’s limits by default', () => {
    const result = load(MINIMAL_YAML);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.delivery).toMatchObject({
      domains: [],
      deadlineMs: 300_000,
      sizeLimitBytes: 10 * 1024 * 1024,
      minimumMailboxBytes: 100 * 1024 * 1024,
      quotaWarningPercents: [80, 90, 95],
    });
  });

  it('reads mailboxes, endpoints and passwords from the environment', () => {
    const result = load(withDelivery('password_env: AGENCY_PROBE_PW'), {
      AGENCY_PROBE_PW: 'agency-secret-771',
      OUTSIDE_PROBE_PW: 'outside-secret-772',
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const [domain] = result.config.delivery.domains;
    expect(domain?.domain).toBe('agensi.example');
    expect(domain?.schedule).toBe('0 8 * * 1-5');
    expect(domain?.agency).toMatchObject({
      address: 'probe@agensi.example',
      username: 'probe@agensi.example',
      submission: { host: 'mail.agensi.example', port: 587, security: 'starttls' },
      imap: { host: 'mail.agensi.example', port: 993, security: 'tls' },
    });
    expect(domain?.agency.password.reveal()).toBe('agency-secret-771');
    expect(result.config.delivery.quotaWarningPercents).toEqual([75, 90]);
    const logger = createMemoryLogger();
    logger.info('config', { config: result.config });
    const printed = [JSON.stringify(result.config), inspect(result.config, { depth: 12 }), ...logger.lines];
    for (const text of printed) {
      expect(text).not.toContain('agency-secret-771');
      expect(text).not.toContain('outside-secret-772');
    }
  });

  it('tests relaying from the first outside probe mailbox, to a reserved name, unless configured otherwise', () => {
    const env = { AGENCY_PROBE_PW: 'a', OUTSIDE_PROBE_PW: 'b' };
    const relay = (yaml: string) => {
      const result = load(yaml, env);
      if (!result.ok) throw new Error(result.problems.join('\n'));
      return [result.config.mailtest.relaySender, result.config.mailtest.relayRecipient];
    };
    // A sender at a provider that sends mail: a sender domain check before relaying cannot stop the test. The
    // recipient stays a name no MX takes as its own: a provider's mailbox would be local to its MX hosts.
    const probe = 'mailops.probe@gmail.example';
    expect(relay(withDelivery('password_env: AGENCY_PROBE_PW'))).toEqual([probe, 'relay-test@example.net']);
    expect(relay(MINIMAL_YAML)).toEqual(['postmaster@example.com', 'relay-test@example.net']);
    const configured = `${withDelivery('password_env: AGENCY_PROBE_PW')}
mailtest:
  relay_sender: relay-check@outside.example
  relay_recipient: relay-check@outside.example
`;
    expect(relay(configured)).toEqual(['relay-check@outside.example', 'relay-check@outside.example']);
  });

  it('reads a password file relative to the configuration file, first line only', () => {
    const path = writeConfig(withDelivery('password_file: agency-probe.secret'));
    const secretFile = join(dirname(path), 'agency-probe.secret');
    writeFileSync(secretFile, 'from-a-file-9\n');
    chmodSync(secretFile, 0o600);
    const result = loadConfig({ MAILOPS_CONFIG: path, OUTSIDE_PROBE_PW: 'x' }, ENGLISH);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.delivery.domains[0]?.agency.password.reveal()).toBe('from-a-file-9');
    expect(result.warnings.join('\n')).not.toContain('chmod');
  });

  it('warns when the password file can be read by others', () => {
    const path = writeConfig(withDelivery('password_file: open.secret'));
    const secretFile = join(dirname(path), 'open.secret');
    writeFileSync(secretFile, 'open-9\n');
    chmodSync(secretFile, 0o644);
    const result = loadConfig({ MAILOPS_CONFIG: path, OUTSIDE_PROBE_PW: 'x' }, ENGLISH);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.warnings.join('\n')).toMatch(/open\.secret can be read by other users; chmod 600 it/);
  });

  it('names a missing variable or file without any value', () => {
    const problems = problemsOf(
      load(withDelivery('password_file: nowhere.secret', 'password_env: NOT_SET_PW')),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^delivery\.domains\[0\]\.agency\.password_file: .*nowhere\.secret cannot be read$/,
        ),
        'delivery.domains[0].outside.password_env: the environment variable NOT_SET_PW is not set',
      ]),
    );
  });

  it('refuses a password written into the file, two passwords, a bad schedule and a repeated domain', () => {
    const yaml = `${MINIMAL_YAML}
delivery:
  quota_warning_percent: [90, 80]
  domains:
    - domain: agensi.example
      schedule: "every morning"
      agency: { address: probe@agensi.example, password: hunter2, submission: { host: mail.agensi.example } }
      outside: { address: p@gmail.example, password_env: A_PW, password_file: b, submission: { host: smtp.gmail.example } }
    - domain: agensi.example
      agency: { address: not-an-address, password_env: A_PW, submission: { host: mail.agensi.example } }
      outside: { address: p@gmail.example, password_env: A_PW, submission: { host: smtp.gmail.example, security: ssl } }
`;
    const problems = problemsOf(load(yaml, { A_PW: 'x' }));
    const text = problems.join('\n');
    expect(text).toContain('delivery.quota_warning_percent: must be in ascending order');
    expect(text).toMatch(/delivery\.domains\[0\]\.schedule: invalid cron expression "every morning"/);
    expect(text).toMatch(/delivery\.domains\[0\]\.agency\.password: unknown key/);
    expect(text).toContain(
      'delivery.domains[0].outside: needs exactly one of password_env (an environment variable) or password_file',
    );
    expect(text).toContain('delivery.domains[1].agency.address: must be an e-mail address');
    expect(text).toContain(
      'delivery.domains[1].outside.submission.security: must be one of starttls, tls, none',
    );
    expect(text).not.toContain('hunter2');
  });

  it('refuses the same domain twice', () => {
    const yaml = withDelivery('password_env: OUTSIDE_PROBE_PW').replace(
      /( {2}domains:\n)([\s\S]*)$/,
      (_, head: string, item: string) => `${head}${item}${item}`,
    );
    expect(problemsOf(load(yaml, { OUTSIDE_PROBE_PW: 'x' }))).toEqual([
      'delivery.domains: lists a domain twice',
    ]);
  });

  it('keeps the id `system` for the bot', () => {
    const yaml = MINIMAL_YAML.replace('id: aminah', 'id: system');
    expect(problemsOf(load(yaml))).toContain('people[0].id: is reserved for mailops itself');
  });
});
