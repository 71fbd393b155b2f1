import { expect } from 'vitest';
import { hasMessage, messagesStartingWith, placeholdersOf } from '../../src/i18n/index.ts';
import { codeParamKeys } from '../../src/mail/describe.ts';
import { DNS_CHECKS } from '../../src/mail/dns-finding.ts';
import type { DnsFailure, Finding, Verdict } from '../../src/mail/types.ts';

// Shared expectations of the DNS-side /mailtest tests: a finding a person will read has a listed check and
// verdict, a text for it in both languages, and every value its texts show.

const texts = {
  ms: messagesStartingWith('ms', ['mailtest.']),
  en: messagesStartingWith('en', ['mailtest.']),
};

export function expectReadable(findings: readonly Finding[]): void {
  for (const f of findings) {
    const info = DNS_CHECKS.find((c) => c.check === f.check);
    expect(info, f.check).toBeDefined();
    expect(info!.verdicts, f.check).toContain(f.verdict);
    expect(f.requirement, f.check).toBe(info!.requirement);
    for (const key of [
      `mailtest.${f.check}.${f.verdict}`,
      `mailtest.${f.check}.fix`,
      `mailtest.${f.check}.title`,
    ]) {
      expect(hasMessage(key), key).toBe(true);
      for (const locale of ['ms', 'en'] as const) {
        for (const name of placeholdersOf(texts[locale][key]!))
          expect(f.params, `${key} {${name}}`).toHaveProperty(name);
      }
    }
    // A code a text shows (a DNS failure, why a test could not run) is named in words, never shown raw; free
    // text in the same parameters (a blocklist's reason) is shown as written.
    for (const [name, keys] of Object.entries(codeParamKeys(f)))
      if (/^[a-z][a-z0-9_]*$/.test(String(f.params[name])))
        for (const key of keys) expect(hasMessage(key), `${f.check} {${name}}: ${key}`).toBe(true);
  }
}

/** Check and verdict of each finding, with its subject when it has one: what most tests compare. */
export const verdicts = (findings: readonly Finding[]) =>
  findings.map((f) =>
    f.subject === undefined ? `${f.check} ${f.verdict}` : `${f.check} ${f.verdict} ${f.subject}`,
  );

export const withVerdict = (findings: readonly Finding[], verdict: Verdict) =>
  findings.filter((f) => f.verdict === verdict);

export const UNANSWERED: readonly DnsFailure[] = ['timeout', 'servfail', 'refused', 'error'];
