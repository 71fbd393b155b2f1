import { describe, expect, it } from 'vitest';
import { load, MINIMAL_YAML, problemsOf } from './fixture.ts';

// A number outside what a setting takes is told the range it must be in, not that it "must be a number".

describe('numbers out of range in the configuration file', () => {
  it('are refused with the range they must be in, at their path', () => {
    const problems = problemsOf(
      load(
        `${MINIMAL_YAML}
mailtest: { timeout_seconds: 100, runs_per_minute: 0 }
delivery:
  deadline_seconds: 5000
  reply_grace_seconds: -1
  minimum_mailbox_mb: 0
  quota_warning_percent: [0, 150]
  domains:
    - domain: agensi.example
      agency: { address: p@agensi.example, password_env: P_PW, submission: { host: mail.agensi.example, port: 0 } }
      outside: { address: p@gmail.example, password_env: P_PW, submission: { host: smtp.gmail.example }, imap: { host: imap.gmail.example, port: 70000 } }
`,
        { P_PW: 'x' },
      ),
    );
    expect([...problems].sort()).toEqual([
      'delivery.deadline_seconds: must be 5–3600 seconds',
      'delivery.domains[0].agency.submission.port: must be a port number 1–65535',
      'delivery.domains[0].outside.imap.port: must be a port number 1–65535',
      'delivery.minimum_mailbox_mb: must be at least 1 megabyte',
      'delivery.quota_warning_percent[0]: must be a percentage 1–100',
      'delivery.quota_warning_percent[1]: must be a percentage 1–100',
      'delivery.reply_grace_seconds: must be 0–600 seconds',
      'mailtest.runs_per_minute: must be 1–60 runs a minute',
      'mailtest.timeout_seconds: must be 1–60 seconds',
    ]);
  });

  it('still say what kind of number a word or a fraction should have been', () => {
    const problems = problemsOf(
      load(`${MINIMAL_YAML}
mailtest: { timeout_seconds: ten, runs_per_minute: 1.5 }
delivery: { deadline_seconds: 30.5, quota_warning_percent: 80 }
`),
    );
    expect([...problems].sort()).toEqual([
      'delivery.deadline_seconds: must be a whole number of seconds',
      'delivery.quota_warning_percent: must be a list of percentages such as [80, 90, 95]',
      'mailtest.runs_per_minute: must be a whole number of runs',
      'mailtest.timeout_seconds: must be a number of seconds',
    ]);
  });
});
