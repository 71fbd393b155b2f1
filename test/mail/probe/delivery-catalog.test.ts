import { describe, expect, it } from 'vitest';
import { hasMessage, messagesStartingWith, placeholdersOf } from '../../../src/i18n/index.ts';
import { codeParamKeys, describeFinding } from '../../../src/mail/describe.ts';
import { BOUNCE_CATEGORIES } from '../../../src/mail/probe/bounce-category.ts';
import { DELIVERY_CHECKS } from '../../../src/mail/probe/delivery-finding.ts';
import { deliveryFindings } from '../../../src/mail/probe/delivery-findings.ts';
import {
  type AuthResults,
  type ProbeReport,
  type QuotaReport,
  UNTESTED_REASONS,
  type UntestedReason,
} from '../../../src/mail/probe/delivery-types.ts';
import type { DsnAction } from '../../../src/mail/probe/types.ts';
import type { Finding } from '../../../src/mail/types.ts';
import {
  AGENCY,
  answered,
  authWith,
  autoReply,
  DOMAIN,
  dsn,
  GOOD_AUTH,
  INBOUND_HOPS,
  MAPI_HOP,
  OUTSIDE,
  PLAIN_HOP,
  personReply,
  probe,
  quota,
  refusedSubmission,
  SETTINGS,
} from './delivery-reports.ts';

// Every finding the delivery probes can give reaches a reader whole: a title, a text for its verdict and a fix
// in Malay and English, every value those texts show, and every code among them named in both languages. The
// reports below walk every way a probe, a DSN, a copy's authentication and hops, and a quota can come out.

const KINDS = ['inbound', 'outbound', 'size_under', 'size_over'] as const;
const RESULTS = ['delivered', 'auto_reply', 'bounce', 'refused', 'no_answer', 'untested'] as const;
const ACTIONS: readonly (DsnAction | null)[] = ['failed', 'delayed', 'relayed', null];
/** Every reason a probe can be untested for (a text each), and stored values no release writes. */
const REASONS: readonly (string | undefined)[] = [undefined, ...UNTESTED_REASONS, 'no_imap', 'tls'];
const AUTH: readonly (AuthResults | null)[] = [
  null,
  GOOD_AUTH,
  ...['softfail', 'none', 'temperror', 'unknown'].map((result) =>
    authWith({ spf: { result, domain: DOMAIN } }),
  ),
  ...['fail', 'none', 'temperror'].map((result) =>
    authWith({ dmarc: { result, policy: null, domain: DOMAIN } }),
  ),
  ...[
    [],
    [{ result: 'fail' }],
    [{ result: 'temperror' }],
    [{ aligned: false }],
    [{ keyBits: 1024 }],
    [{ keyBits: 512 }],
    [{ keyBits: null }],
  ].map((over) => authWith({ dkim: over.map((o) => ({ ...GOOD_AUTH.dkim[0]!, ...o })) })),
];
const QUOTAS: readonly QuotaReport[] = [
  quota(10, 100),
  quota(10, 50),
  quota(85, 100),
  quota(100, 100),
  quota(10, null),
  ...(['unsupported', 'login', 'timeout', 'error'] as const).map((reason) => ({
    ok: false as const,
    mailbox: AGENCY,
    reason,
  })),
  { ok: true, mailbox: AGENCY, usedBytes: -1, limitBytes: 1 },
];

function everyReport(): ProbeReport[] {
  const bounces = [null, ...BOUNCE_CATEGORIES].flatMap((category) =>
    ACTIONS.map((action) => dsn({ category, action, finalRecipient: category ? AGENCY : OUTSIDE })),
  );
  const replies = [null, autoReply('high'), autoReply('low'), personReply(), ...bounces];
  const reports: ProbeReport[] = [];
  for (const kind of KINDS)
    for (const result of RESULTS) {
      for (const reply of replies) reports.push(answered({ kind, result, reply }));
      for (const untestedReason of REASONS)
        reports.push(
          answered({
            kind,
            result,
            ...(untestedReason ? { untestedReason: untestedReason as UntestedReason } : {}),
          }),
        );
      for (const failure of ['auth', 'timeout', 'connection', 'tls'] as const)
        reports.push(
          answered({ kind, result, submission: { ok: false, failure, code: null, response: null } }),
        );
      reports.push(
        answered({
          kind,
          result,
          submission: refusedSubmission(552, '5.3.4 Message size exceeds fixed limit'),
        }),
      );
    }
  for (const auth of AUTH) reports.push(probe({ kind: 'outbound', auth }));
  for (const hops of [
    [],
    [INBOUND_HOPS[1]!, PLAIN_HOP],
    [INBOUND_HOPS[1]!, MAPI_HOP],
    [{ ...INBOUND_HOPS[1]!, tlsVersion: null }],
  ])
    reports.push(probe({ hops }));
  reports.push(probe({ timeToInboxMs: null, seenAt: null }));
  reports.push(probe({ kind: 'size_under', sizeBytes: Number.NaN }));
  return reports;
}

function everyFinding(): Finding[] {
  return [
    ...deliveryFindings({ domain: DOMAIN, probes: everyReport(), quotas: QUOTAS, settings: SETTINGS }),
    // What the domain checks report when --delivery is asked of a domain without probe mailboxes.
    {
      check: 'delivery.inbound',
      verdict: 'untested',
      requirement: '4c',
      params: { reason: 'not_configured' },
    },
  ];
}

const texts = {
  ms: messagesStartingWith('ms', ['mailtest.']),
  en: messagesStartingWith('en', ['mailtest.']),
};

describe('the delivery checks and their texts', () => {
  it.each(DELIVERY_CHECKS.map((c) => [c.check, c] as const))(
    '%s has a title, a fix and a text for each verdict',
    (_, c) => {
      for (const part of ['title', 'fix', ...c.verdicts])
        expect(hasMessage(`mailtest.${c.check}.${part}`), part).toBe(true);
    },
  );

  it('has no text for a check or verdict that cannot happen', () => {
    const prefixes = DELIVERY_CHECKS.map((c) => `mailtest.${c.check}.`);
    const possible = new Set(
      DELIVERY_CHECKS.flatMap((c) =>
        ['title', 'fix', ...c.verdicts].map((part) => `mailtest.${c.check}.${part}`),
      ),
    );
    const stray = Object.keys(messagesStartingWith('en', prefixes)).filter((key) => !possible.has(key));
    expect(stray).toEqual([]);
  });

  it('gives every verdict it lists, and no other', () => {
    const given = new Set(everyFinding().map((f) => `${f.check} ${f.verdict}`));
    const listed = new Set(DELIVERY_CHECKS.flatMap((c) => c.verdicts.map((v) => `${c.check} ${v}`)));
    expect([...given].sort()).toEqual([...listed].sort());
  });

  it('gives every finding its requirement, a text in both languages and every value those texts show', () => {
    const requirement = new Map(DELIVERY_CHECKS.map((c) => [c.check as string, c.requirement]));
    for (const f of everyFinding()) {
      const where = `${f.check} ${f.verdict} ${JSON.stringify(f.params)}`;
      expect(f.requirement, where).toBe(requirement.get(f.check));
      for (const key of [
        `mailtest.${f.check}.${f.verdict}`,
        `mailtest.${f.check}.fix`,
        `mailtest.${f.check}.title`,
      ])
        for (const locale of ['ms', 'en'] as const)
          for (const name of placeholdersOf(texts[locale][key] ?? ''))
            expect(f.params, `${key} {${name}} ${where}`).toHaveProperty(name);
    }
  });

  it('names every code a finding carries, in both languages', () => {
    const missing = new Set<string>();
    for (const f of everyFinding())
      for (const keys of Object.values(codeParamKeys(f)))
        for (const key of keys) if (!hasMessage(key)) missing.add(key);
    expect([...missing]).toEqual([]);
  });

  it('reads without a raw key, code or placeholder left, in Malay and English', () => {
    for (const f of everyFinding())
      for (const locale of ['ms', 'en'] as const) {
        const { title, text, fix } = describeFinding(f, locale);
        for (const words of [title, text, fix]) {
          expect(words, `${f.check} ${f.verdict} ${locale}`).not.toMatch(
            /\{[a-z_]+\}|\b(?:mailtest|probe)\.[a-z]/,
          );
        }
        expect(text).not.toMatch(
          /\b(?:auth_temperror|quota_unsupported|submission_timeout|unknown_mailbox)\b/,
        );
      }
  });
});
