import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import type { Finding } from '../../src/mail/types.ts';

// Runs are kept for years and read again: a finding stored before a check's text or parameters changed reads
// as the check words it today (src/mail/stored-findings.ts), never with a raw code or an empty placeholder.

describe('a finding stored by an earlier mailops', () => {
  it('words a void-lookup failure stored before the count was per family', () => {
    const stored: Finding = {
      check: 'spf.void_lookups',
      verdict: 'fail',
      requirement: '4f-v',
      params: { count: 3, limit: 2, names: 'a, b, c' },
    };
    const { text } = describeFinding(stored, 'en');
    expect(text).not.toContain('{');
    expect(text).toContain('Every receiver counts them');
  });

  it.each([
    [
      { reason: 'servfail' },
      'spf.lookups',
      'could not be followed (the DNS server failed to answer (SERVFAIL))',
    ],
    [{ reason: 'refused' }, 'spf.void_lookups', 'got no answer (the DNS server refused the query)'],
    [{ reason: 'macro' }, 'spf.lookups', 'builds its target name from the sender'],
  ])('still reads a run stored when an unanswered SPF question was kept as %j', (kept, check, text) => {
    const stored = {
      check,
      verdict: 'untested',
      requirement: '4f-v',
      params: { count: 2, where: 'x.example', ...kept },
    };
    expect(describeFinding(stored as Finding, 'en').text).toContain(text);
  });

  it('still reads a run stored when an invalid pct= was a fail', () => {
    const stored = {
      check: 'dmarc.pct',
      verdict: 'fail',
      requirement: 'gp-spoofing',
      params: { value: '150' },
    };
    expect(describeFinding(stored as Finding, 'en').text).toContain('The pct= value "150" is invalid');
  });

  it("still reads a run stored when the policy out of reach kept node's code", () => {
    const stored = { url: 'https://mta-sts.agensi.gov.my/.well-known/mta-sts.txt', reason: 'ETIMEDOUT' };
    const finding = {
      check: 'mta_sts.policy',
      verdict: 'untested',
      requirement: 'gp-transport',
      params: stored,
    };
    expect(describeFinding(finding as Finding, 'en').text).toContain('(no answer in time)');
  });
});
