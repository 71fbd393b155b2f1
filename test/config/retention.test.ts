import { describe, expect, it } from 'vitest';
import { load, MINIMAL_YAML, problemsOf } from './fixture.ts';

// `retention`: how long what mailops may delete is kept (src/db/prune.ts), and when it is cleaned up.

describe('the retention settings', () => {
  it('keep history 400 days and delivered messages 90, cleaned up at 3:15 in the morning', () => {
    const result = load(MINIMAL_YAML);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.retention).toEqual({ historyDays: 400, sentMessagesDays: 90, cron: '15 3 * * *' });
  });

  it('reads what the file sets', () => {
    const result = load(
      `${MINIMAL_YAML}retention: { history_days: 730, sent_messages_days: 30, cron: '0 2 * * 0' }\n`,
    );
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.retention).toEqual({ historyDays: 730, sentMessagesDays: 30, cron: '0 2 * * 0' });
  });

  it('refuses fewer than 30 days, a fraction, a word and a bad schedule, naming each, in English and Malay', () => {
    const yaml = `${MINIMAL_YAML}retention: { history_days: 7, sent_messages_days: 45.5, cron: 'every night' }\n`;
    expect(problemsOf(load(yaml))).toEqual(
      expect.arrayContaining([
        'retention.history_days: must be 30–36500 days',
        'retention.sent_messages_days: must be a whole number of days',
        expect.stringMatching(/^retention\.cron: invalid cron expression "every night"/),
      ]),
    );
    expect(problemsOf(load(yaml, {}, { locale: 'ms' }))).toEqual(
      expect.arrayContaining([
        'retention.history_days: mesti 30–36500 hari',
        'retention.sent_messages_days: mesti nombor bulat (dalam hari)',
      ]),
    );
    expect(problemsOf(load(`${MINIMAL_YAML}retention: { history_days: forever }\n`))).toEqual(
      expect.arrayContaining(['retention.history_days: must be a number of days']),
    );
  });

  it('still refuses a key it does not know', () => {
    expect(problemsOf(load(`${MINIMAL_YAML}retention: { audit_days: 30 }\n`)).join('\n')).toContain(
      'retention.audit_days',
    );
  });
});
