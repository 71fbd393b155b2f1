import { describe, expect, it } from 'vitest';
import { hasMessage, messagesStartingWith } from '../../src/i18n/index.ts';
import { DNS_CHECKS } from '../../src/mail/dns-finding.ts';
import { DNSBL_PROBLEMS } from '../../src/mail/dnsbl.ts';
import { DNS_FAILURES } from '../../src/mail/types.ts';

describe('the DNS-side /mailtest checks and their texts', () => {
  it.each(DNS_CHECKS.map((c) => [c.check, c] as const))(
    '%s has a title, a fix and a text for each verdict',
    (_, c) => {
      for (const part of ['title', 'fix', ...c.verdicts])
        expect(hasMessage(`mailtest.${c.check}.${part}`), part).toBe(true);
    },
  );

  it('has no text for a check or verdict that cannot happen', () => {
    const prefixes = [...new Set(DNS_CHECKS.map((c) => `mailtest.${c.check.split('.')[0]}.`))];
    const possible = new Set(
      DNS_CHECKS.flatMap((c) => ['title', 'fix', ...c.verdicts].map((part) => `mailtest.${c.check}.${part}`)),
    );
    const stray = Object.keys(messagesStartingWith('en', prefixes)).filter((key) => !possible.has(key));
    expect(stray).toEqual([]);
  });

  it('names every DNS failure for a renderer', () => {
    for (const failure of DNS_FAILURES) {
      expect(hasMessage(`mailtest.dns_failure.${failure}`), failure).toBe(true);
    }
  });

  it('names every reason a blocklist cannot be trusted', () => {
    for (const problem of DNSBL_PROBLEMS) {
      expect(hasMessage(`mailtest.dnsbl_problem.${problem}`), problem).toBe(true);
    }
  });
});
