import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../../src/mail/describe.ts';
import { deliveryFindings } from '../../../src/mail/probe/delivery-findings.ts';
import type {
  AuthResults,
  ProbeReport,
  QuotaReport,
  UntestedReason,
} from '../../../src/mail/probe/delivery-types.ts';
import { parseReceivedHeaders } from '../../../src/mail/probe/received.ts';
import { verdicts } from '../readable.ts';
import {
  AGENCY,
  answered,
  authWith,
  DOMAIN,
  dsn,
  INBOUND_HOPS,
  MAPI_HOP,
  OUTBOUND_HOPS,
  OUTSIDE,
  PLAIN_HOP,
  probe,
  quota,
  SETTINGS,
  TLS10_HOP,
} from './delivery-reports.ts';
import { fixture } from './fixtures.ts';

// What the probe mailboxes and the delivered copies show besides delivery: quota against circular 4(f)(i) and
// the good practice of warning before full, SPF/DKIM/DMARC of the agency's own mail, TLS on every hop, and
// how values from remote servers are kept as harmless data.

const OUT = `${AGENCY} → ${OUTSIDE}`;

function run(probes: readonly ProbeReport[], quotas: readonly QuotaReport[] = [], settings = SETTINGS) {
  return deliveryFindings({ domain: DOMAIN, probes, quotas, settings });
}

const of = (prefix: string, probes: readonly ProbeReport[], quotas: readonly QuotaReport[] = []) =>
  run(probes, quotas).filter((f) => f.check.startsWith(prefix));

describe('the mailbox quota (RFC 9208)', () => {
  it.each([
    [100, 'pass', '100 MB'],
    [1024, 'pass', '1 GB'],
    [99.5, 'fail', '99.5 MB'],
    [50, 'fail', '50 MB'],
  ] as const)('judges a %s MB limit against the 100 MB of circular 4(f)(i): %s', (limit, verdict, shown) => {
    const found = of('delivery.quota_size', [], [quota(10, limit)]);
    expect(found).toEqual([
      {
        check: 'delivery.quota_size',
        verdict,
        requirement: '4f-i',
        subject: AGENCY,
        params: { quota_limit: shown, minimum: '100 MB' },
      },
    ]);
  });

  it('passes an unlimited mailbox, as the circular suggests for top management, with no usage to warn on', () => {
    expect(verdicts(run([], [quota(5_000, null)]))).toEqual([`delivery.quota_size pass ${AGENCY}`]);
    expect(run([], [quota(5_000, null)])[0]!.params.quota_limit).toBe('unlimited');
  });

  it.each([
    [79, 'pass', 80, 79],
    [80, 'warn', 80, 80],
    [91.5, 'warn', 90, 91],
    [99.9, 'warn', 95, 99],
    [100, 'fail', 95, 100],
    [130, 'fail', 95, 130],
  ] as const)('at %s%% used gives %s naming the %s%% level', (used, verdict, level, percent) => {
    const found = of('delivery.quota_usage', [], [quota(used, 100)]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ verdict, requirement: 'gp-quota', params: { level, percent } });
  });

  it('reads warning levels in any order and ignores impossible ones', () => {
    const settings = { ...SETTINGS, quotaWarningPercents: [95, 0, 150, 80] };
    const found = run([], [quota(85, 100)], settings).find((f) => f.check === 'delivery.quota_usage');
    expect(found).toMatchObject({ verdict: 'warn', params: { level: 80 } });
  });

  it('cannot test a quota it could not read, and says why', () => {
    const reasons = ['unsupported', 'login', 'timeout', 'error', 'surprise'] as const;
    const quotas = reasons.map((reason) => ({ ok: false, mailbox: AGENCY, reason }) as QuotaReport);
    const found = run([], quotas);
    expect(found.every((f) => f.verdict === 'untested')).toBe(true);
    expect([...new Set(found.map((f) => f.params.reason))]).toEqual([
      'quota_unsupported',
      'quota_login',
      'quota_timeout',
      'quota_error',
    ]);
  });

  it('leaves the outside provider’s quota alone: it is neither the circular’s nor the agency’s', () => {
    expect(
      run([probe(), probe({ kind: 'outbound' })], [quota(14_000, 15_360, OUTSIDE)]).filter((f) =>
        f.check.startsWith('delivery.quota'),
      ),
    ).toEqual([]);
  });

  it('counts an agency mailbox outside the domain when the probes name it', () => {
    const elsewhere = 'ujian@mel.1govuc.gov.my';
    const inbound = probe({ to: elsewhere });
    expect(verdicts(of('delivery.quota', [inbound], [quota(10, 100, elsewhere)]))).toEqual([
      `delivery.quota_size pass ${elsewhere}`,
      `delivery.quota_usage pass ${elsewhere}`,
    ]);
  });

  it('does not judge impossible numbers, and takes a zero limit as full', () => {
    const bad: QuotaReport[] = [
      { ok: true, mailbox: AGENCY, usedBytes: -1, limitBytes: 100 },
      { ok: true, mailbox: AGENCY, usedBytes: Number.NaN, limitBytes: null },
      { ok: true, mailbox: AGENCY, usedBytes: 10, limitBytes: Number.POSITIVE_INFINITY },
    ];
    expect(run([], bad).map((f) => `${f.verdict} ${f.params.reason}`)).toEqual(
      Array(6).fill('untested quota_invalid'),
    );
    const zero = run([], [{ ok: true, mailbox: AGENCY, usedBytes: 0, limitBytes: 0 }]);
    expect(zero.map((f) => `${f.check} ${f.verdict}`)).toEqual([
      'delivery.quota_size fail',
      'delivery.quota_usage fail',
    ]);
  });
});

describe("SPF, DKIM and DMARC of the agency's outbound probe (good practice against spoofing)", () => {
  const outbound = (auth: AuthResults | null) => probe({ kind: 'outbound', auth });
  const auth = (check: string, a: AuthResults | null) =>
    of(check, [outbound(a)]).map((f) =>
      `${f.verdict} ${f.params.auth_result ?? f.params.reason ?? ''}`.trim(),
    );

  it.each([
    ['pass', 'pass pass'],
    ['softfail', 'warn softfail'],
    ['neutral', 'warn neutral'],
    ['fail', 'fail fail'],
    ['none', 'fail none'],
    ['permerror', 'fail permerror'],
    ['temperror', 'untested auth_temperror'],
    ['SoftFail', 'warn softfail'],
    ['bogus', 'untested auth_unknown'],
  ])('SPF %s gives %s', (result, expected) => {
    expect(auth('delivery.auth_spf', authWith({ spf: { result, domain: DOMAIN } }))).toEqual([expected]);
  });

  it.each([
    ['pass', 'pass'],
    ['fail', 'fail fail'],
    ['none', 'fail none'],
    ['permerror', 'fail permerror'],
    ['temperror', 'untested auth_temperror'],
  ])('DMARC %s gives %s', (result, expected) => {
    const a = authWith({ dmarc: { result, policy: result === 'none' ? null : 'reject', domain: DOMAIN } });
    expect(auth('delivery.auth_dmarc', a)).toEqual([expected]);
  });

  const sig = (over: Partial<AuthResults['dkim'][number]> = {}) => ({
    result: 'pass',
    domain: DOMAIN,
    selector: 'mel2026',
    aligned: true,
    keyType: 'rsa' as const,
    keyBits: 2048,
    ...over,
  });

  it('fails DKIM when the agency signs nothing or its signature does not verify', () => {
    const none = of('delivery.auth_dkim', [outbound(authWith({ dkim: [] }))]);
    expect(none.map((f) => [f.verdict, f.params.signatures])).toEqual([['fail', 'none']]);
    const broken = of('delivery.auth_dkim', [outbound(authWith({ dkim: [sig({ result: 'fail' })] }))]);
    expect(broken.map((f) => [f.verdict, f.params.signatures])).toEqual([
      ['fail', 'd=agensi.gov.my s=mel2026: fail'],
    ]);
  });

  it('warns on a valid signature by another domain only (a mailing service), which DMARC cannot use', () => {
    const a = authWith({ dkim: [sig({ domain: 'sendgrid.net', selector: 's1', aligned: false })] });
    expect(auth('delivery.auth_dkim', a)).toEqual(['warn']);
    expect(of('delivery.auth_dkim_key', [outbound(a)])).toEqual([]);
  });

  it('cannot test DKIM when every signature met a temporary DNS error', () => {
    expect(auth('delivery.auth_dkim', authWith({ dkim: [sig({ result: 'temperror' })] }))).toEqual([
      'untested auth_temperror',
    ]);
  });

  type Key = readonly ['rsa' | 'ed25519', number | null];
  it.each<[readonly Key[], string]>([
    [[['rsa', 4096]], 'pass'],
    [[['rsa', 2048]], 'pass'],
    [[['rsa', 1024]], 'warn'],
    [[['rsa', 512]], 'fail'],
    [[['rsa', 256]], 'fail'],
    [[['ed25519', 256]], 'pass'],
    // Signed twice during a change-over (RFC 8463 §4): the Ed25519 signature stands for the domain.
    [
      [
        ['rsa', 1024],
        ['ed25519', 256],
      ],
      'pass',
    ],
    [
      [
        ['rsa', 1024],
        ['rsa', 2048],
      ],
      'pass',
    ],
    [[['rsa', null]], 'untested'],
    [[['ed25519', null]], 'untested'],
  ])('judges keys %j by RFC 8301 §3.2 and RFC 8463: %s', (keys, verdict) => {
    const a = authWith({
      dkim: keys.map(([keyType, keyBits], i) => sig({ keyType, keyBits, selector: `s${i}` })),
    });
    expect(of('delivery.auth_dkim_key', [outbound(a)]).map((f) => f.verdict)).toEqual([verdict]);
  });

  it('cannot judge auth on a copy that could not be evaluated', () => {
    expect(verdicts(of('delivery.auth', [outbound(null)]))).toEqual([
      `delivery.auth_spf untested ${OUT}`,
      `delivery.auth_dkim untested ${OUT}`,
      `delivery.auth_dmarc untested ${OUT}`,
    ]);
  });

  it('judges no auth on a probe that was not delivered', () => {
    expect(of('delivery.auth', [answered({ kind: 'outbound', result: 'bounce', reply: dsn() })])).toEqual([]);
  });
});

describe('TLS on every hop (good practice on transport protection)', () => {
  const tls = (hops: ProbeReport['hops']) => of('delivery.tls_hops', [probe({ kind: 'outbound', hops })]);

  it("passes when every hop between hosts was encrypted, skipping LMTP and Gmail's own pickup", () => {
    expect(tls(OUTBOUND_HOPS)[0]).toMatchObject({
      verdict: 'pass',
      params: { count: 2, versions: 'TLSv1.3' },
    });
    expect(tls(INBOUND_HOPS)[0]).toMatchObject({ verdict: 'pass', params: { count: 1 } });
  });

  it('warns on a hop without TLS or on TLS 1.0 (RFC 8996), naming it', () => {
    const found = tls([...OUTBOUND_HOPS, PLAIN_HOP, TLS10_HOP])[0]!;
    expect(found).toMatchObject({ verdict: 'warn', params: { count: 2 } });
    expect(found.params.hops).toBe(
      'relay.agensi.gov.my → mail.agensi.gov.my (ESMTP); old.agensi.gov.my → mail.agensi.gov.my (ESMTPS TLSv1.0)',
    );
  });

  it('cannot tell when a hop does not say, nor when there is no hop between hosts', () => {
    expect(tls([...OUTBOUND_HOPS, MAPI_HOP])[0]).toMatchObject({
      verdict: 'untested',
      params: { reason: 'hops_unstated', hops: 'EXCH01.agensi.local → EXCH02.agensi.local (mapi)' },
    });
    expect(tls([INBOUND_HOPS[0]!, INBOUND_HOPS[2]!])[0]).toMatchObject({
      verdict: 'untested',
      params: { reason: 'no_hops' },
    });
  });

  it('says the version was not stated when only the `with` keyword shows TLS', () => {
    const esmtps = { ...OUTBOUND_HOPS[0]!, tlsVersion: null };
    expect(tls([esmtps])[0]!.params.versions).toBe('unstated');
  });

  it('warns on TLS 1.0 however an older server wrote it: sendmail `version=TLSv1`, Exim `(TLSv1:…:256)`', () => {
    for (const copy of ['sendmail-tlsv1-copy.eml', 'exim-4.89-tlsv1-copy.eml']) {
      const found = tls(parseReceivedHeaders(fixture(copy)))[0]!;
      expect(found, copy).toMatchObject({ verdict: 'warn', params: { count: 1 } });
      expect(found.params.hops, copy).toMatch(/^mail\.agensi\.gov\.my → mx\.rakan\.example \(\S+ TLSv1\)$/i);
    }
  });

  it("passes Exchange 2010's `(TLS)` hops, their version unstated, rather than warning of cleartext", () => {
    expect(tls(parseReceivedHeaders(fixture('exchange-2010-inbound.eml')))[0]).toMatchObject({
      verdict: 'pass',
      params: { count: 2, versions: 'unstated' },
    });
  });
});

describe('values from remote servers', () => {
  const hostile = [
    '550 5.1.1 <x>\r\nX-Injected: yes\u0000\u202e',
    '{to} {advice} *bold* <!channel> <@U012AB3CD>',
    'x'.repeat(5_000),
  ].join(' ');

  it('are folded to one line, stripped of control and bidi characters, and capped', () => {
    const reply = dsn({ diagnosticCode: hostile, remoteMta: `evil\n${'m'.repeat(500)}` });
    const found = run([answered({ result: 'bounce', reply })])[0]!;
    const diagnostic = String(found.params.diagnostic);
    expect(diagnostic).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(diagnostic.length).toBeLessThanOrEqual(300);
    expect(diagnostic.endsWith('…')).toBe(true);
    expect(String(found.params.remote).length).toBeLessThanOrEqual(120);
  });

  it('are shown as data: a placeholder in a server reply is not filled in', () => {
    const reply = dsn({ diagnosticCode: '550 {to} {advice}' });
    const text = describeFinding(run([answered({ result: 'bounce', reply })])[0]!, 'en').text;
    expect(text).toContain('550 {to} {advice}');
  });

  it('keep the message id safe to paste into a shell command', () => {
    const submission = {
      ok: true as const,
      messageId: `<a'$(rm -rf /)";b@x>`,
      acceptedAt: new Date(),
      response: '250 OK',
    };
    const found = run([answered({ result: 'no_answer', submission })])[0]!;
    expect(found.params.message_id).toBe('<arm-rfb@x>');
    expect(found.params.message_id).not.toMatch(/['"();\s/$]/);
  });

  it('never break on an unknown result, kind or reason', () => {
    const odd = answered({
      result: 'exploded' as ProbeReport['result'],
      untestedReason: 'DROP TABLE;' as UntestedReason,
    });
    expect(run([odd]).map((f) => `${f.check} ${f.verdict} ${f.params.reason}`)).toEqual([
      'delivery.inbound untested other',
    ]);
  });
});
