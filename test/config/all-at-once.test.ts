import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { ENGLISH, MINIMAL_YAML, problemsOf, writeConfig } from './fixture.ts';

// Every problem in one run: the checks that read files and variables named by the file run even when another
// part of the file is invalid, and a malformed value is not also blamed for a comparison it could not take.

describe('a configuration with several problems', () => {
  it('still looks up every valid probe mailbox’s password when another entry is invalid', () => {
    const path = writeConfig(`${MINIMAL_YAML}
mailtest: { extra_ca_file: missing-ca.pem }
delivery:
  domains:
    - domain: agensi.example
      agency: { address: p@agensi.example, password_env: bad-name, submission: { host: mail.agensi.example } }
      outside: { address: p@gmail.example, password_env: UNSET_PROBE_PW, submission: { host: smtp.gmail.example } }
    - domain: other.example
      agency: { address: p@other.example, password_file: nowhere.secret, submission: { host: mail.other.example } }
      outside: { address: p@gmail.example, password_env: SET_PROBE_PW, submission: { host: smtp.gmail.example } }
`);
    const problems = problemsOf(loadConfig({ MAILOPS_CONFIG: path, SET_PROBE_PW: 'x' }, ENGLISH));
    expect(problems).toEqual([
      'delivery.domains[0].agency.password_env: must be an environment variable name such as MAILOPS_PROBE_PASSWORD',
      'delivery.domains[0].outside.password_env: the environment variable UNSET_PROBE_PW is not set',
      `delivery.domains[1].agency.password_file: ${join(dirname(path), 'nowhere.secret')} cannot be read`,
      `mailtest.extra_ca_file: ${join(dirname(path), 'missing-ca.pem')} cannot be read`,
    ]);
  });

  it('names a malformed working time once, without also calling the end before the start', () => {
    const yaml = (workday: string) =>
      MINIMAL_YAML.replace('calendar:\n', `calendar:\n  workday: ${workday}\n`);
    const load = (workday: string) =>
      problemsOf(loadConfig({ MAILOPS_CONFIG: writeConfig(yaml(workday)) }, ENGLISH));
    expect(load("{ start: '8:30', end: '17:30' }")).toEqual([
      'calendar.workday.start: must be HH:MM (24-hour)',
    ]);
    expect(load("{ start: '08:30', end: '5pm' }")).toEqual(['calendar.workday.end: must be HH:MM (24-hour)']);
    expect(load("{ start: '17:30', end: '08:30' }")).toEqual([
      'calendar.workday.end: start must be before end',
    ]);
  });
});
