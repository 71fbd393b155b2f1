import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import { one, run, withRecord } from './spf-bed.ts';

// SPF macros (RFC 7208 §7) in include and redirect targets: %{d} is the domain whose record holds the term, so
// its target is known without mail and its lookups are counted; a target built from the sender or the client
// is known only to a receiver, and the count says so rather than guess.

describe('checkSpf with macros', () => {
  it.each([
    ['%{d}, the domain whose record it is (RFC 7208 §7.3)', 'include:_spf.%{d}', '_spf.agensi.gov.my'],
    ['%{d2}, its last two labels', 'include:_spf.%{d2}', '_spf.gov.my'],
    ['%{dr}, its labels reversed', 'include:%{dr}.spf.example', 'my.gov.agensi.spf.example'],
    ['%{d1r-}, split at "-" and reversed', 'include:%{d1r-}.spf.example', 'agensi.gov.my.spf.example'],
    ['redirect=_spf.%{d}', 'redirect=_spf.%{d}', '_spf.agensi.gov.my'],
  ])('walks and counts an include named by %s', async (_how, term, target) => {
    const findings = await run(
      withRecord(`v=spf1 mx ${term}`, { [target]: { txt: ['v=spf1 a:smtp.agensi.gov.my -all'] } }),
    );
    expect(one(findings, 'spf.lookups')).toMatchObject({ verdict: 'pass', params: { count: 3 } });
  });

  it('cannot walk an include built from the sender, so the count is untested', async () => {
    const findings = await run(withRecord('v=spf1 include:%{l}.penyedia.example -all'));
    expect(one(findings, 'spf.lookups')).toBeUndefined();
    const macro = one(findings, 'spf.lookups_macro')!;
    expect(macro).toMatchObject({ verdict: 'untested', params: { where: 'include:%{l}.penyedia.example' } });
    const text = describeFinding(macro, 'en').text;
    expect(text).toContain('builds its target name from the sender');
    expect(text).not.toContain('try again later');
  });
});
