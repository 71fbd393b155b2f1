import { describe, expect, it } from 'vitest';
import { checkMtaSts, mxMatches, parsePolicy } from '../../src/mail/mta-sts.ts';
import { createTargetPolicy } from '../../src/mail/target-policy.ts';
import type { DnsFailure } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { expectReadable, UNANSWERED, verdicts } from './readable.ts';

// The DNS half of MTA-STS and TLS-RPT; fetching the policy over HTTPS is in mta-sts-fetch.test.ts.

const RPT: DnsTable = { '_smtp._tls.agensi.gov.my': { txt: ['v=TLSRPTv1; rua=mailto:tls@agensi.gov.my'] } };

async function run(table: DnsTable) {
  const findings = await checkMtaSts(fakeDns(table), 'agensi.gov.my', ['mx1.agensi.gov.my']);
  expectReadable(findings);
  return findings;
}

describe('checkMtaSts without fetching', () => {
  it.each([
    [
      'neither MTA-STS nor TLS-RPT: recommended, not required',
      {},
      ['mta_sts.record warn', 'tls_rpt.record warn'],
    ],
    [
      'two MTA-STS records (RFC 8461 §3.1)',
      { ...RPT, '_mta-sts.agensi.gov.my': { txt: ['v=STSv1; id=1', 'v=STSv1; id=2'] } },
      ['mta_sts.record fail', 'tls_rpt.record pass'],
    ],
    [
      'an MTA-STS record without a valid id',
      { ...RPT, '_mta-sts.agensi.gov.my': { txt: ['v=STSv1; id=not-allowed!'] } },
      ['mta_sts.record fail', 'tls_rpt.record pass'],
    ],
    [
      'a record whose policy host does not exist',
      { ...RPT, '_mta-sts.agensi.gov.my': { txt: ['v=STSv1; id=20240101T000000'] } },
      ['mta_sts.record pass', 'mta_sts.host fail', 'tls_rpt.record pass'],
    ],
    [
      'one valid MTA-STS record beside a stray "v=STSv1", which senders discard before counting (RFC 8461 §3.1)',
      { ...RPT, '_mta-sts.agensi.gov.my': { txt: ['v=STSv1', 'v=STSv1; id=20240601'] } },
      ['mta_sts.record pass', 'mta_sts.host fail', 'tls_rpt.record pass'],
    ],
    [
      'one valid TLS-RPT record beside a stray "v=TLSRPTv1", which senders discard before counting (RFC 8460 §3)',
      { '_smtp._tls.agensi.gov.my': { txt: ['v=TLSRPTv1', 'v=TLSRPTv1; rua=mailto:tls@agensi.gov.my'] } },
      ['mta_sts.record warn', 'tls_rpt.record pass'],
    ],
    [
      'a TLS-RPT record without rua',
      { '_smtp._tls.agensi.gov.my': { txt: ['v=TLSRPTv1;'] } },
      ['mta_sts.record warn', 'tls_rpt.record fail'],
    ],
    [
      'a TLS-RPT record with a URI of another scheme',
      { '_smtp._tls.agensi.gov.my': { txt: ['v=TLSRPTv1; rua=ftp://laporan.example/'] } },
      ['mta_sts.record warn', 'tls_rpt.record fail'],
    ],
    [
      'a TLS-RPT record with two destinations',
      {
        '_smtp._tls.agensi.gov.my': {
          txt: ['v=TLSRPTv1; rua=mailto:a@agensi.gov.my,https://laporan.example/tls'],
        },
      },
      ['mta_sts.record warn', 'tls_rpt.record pass'],
    ],
  ] as const)('reports %s', async (_name, table, expected) => {
    expect(verdicts(await run(table as DnsTable))).toEqual(expected);
  });

  it.each(['v=STSv1 id=20240601', 'v=STSv1, id=20240601', '"v=STSv1; id=20240601"', 'v=stsv1; id=20240601'])(
    'fails the malformed MTA-STS record %s and shows it, rather than saying there is none',
    async (txt) => {
      const findings = await run({
        ...RPT,
        '_mta-sts.agensi.gov.my': { txt: ['google-site-verification=x', txt] },
      });
      expect(verdicts(findings)).toEqual(['mta_sts.version fail', 'tls_rpt.record pass']);
      expect(findings[0]?.params).toEqual({ name: '_mta-sts.agensi.gov.my', records: txt });
    },
  );

  it.each(['v=TLSRPTv1 rua=mailto:tls@agensi.gov.my', 'v=tlsrptv1; rua=mailto:tls@agensi.gov.my'])(
    'fails the malformed TLS-RPT record %s and shows it, rather than saying there is none',
    async (txt) => {
      const findings = await run({ '_smtp._tls.agensi.gov.my': { txt: [txt] } });
      expect(verdicts(findings)).toEqual(['mta_sts.record warn', 'tls_rpt.version fail']);
      expect(findings[1]?.params).toEqual({ name: '_smtp._tls.agensi.gov.my', records: txt });
    },
  );

  it.each(UNANSWERED)('reports questions that got %s as untested, never as fail', async (failure) => {
    const f = failure as DnsFailure;
    expect(
      verdicts(await run({ '_mta-sts.agensi.gov.my': { txt: f }, '_smtp._tls.agensi.gov.my': { txt: f } })),
    ).toEqual(['mta_sts.record untested', 'tls_rpt.record untested']);
    const host = await run({
      ...RPT,
      '_mta-sts.agensi.gov.my': { txt: ['v=STSv1; id=1'] },
      'mta-sts.agensi.gov.my': { a: f, aaaa: f },
    });
    expect(verdicts(host)).toEqual(['mta_sts.record pass', 'mta_sts.host untested', 'tls_rpt.record pass']);
  });

  it('does not connect to an address the target policy refuses', async () => {
    const table = {
      ...RPT,
      '_mta-sts.agensi.gov.my': { txt: ['v=STSv1; id=1'] },
      'mta-sts.agensi.gov.my': { a: ['10.0.0.5'] },
    };
    const target = createTargetPolicy([]);
    const findings = await checkMtaSts(fakeDns(table), 'agensi.gov.my', [], { target });
    expectReadable(findings);
    expect(verdicts(findings)).toEqual([
      'mta_sts.record pass',
      'mta_sts.target untested',
      'tls_rpt.record pass',
    ]);
  });
});

describe('parsePolicy (RFC 8461 §3.2)', () => {
  it('reads a policy with CRLF lines and several mx lines', () => {
    const body =
      'version: STSv1\r\nmode: enforce\r\nmx: mx1.agensi.gov.my\r\nmx: *.agensi.gov.my\r\nmax_age: 604800\r\n';
    expect(parsePolicy(body)).toEqual({
      mode: 'enforce',
      maxAge: 604800,
      mx: ['mx1.agensi.gov.my', '*.agensi.gov.my'],
    });
  });

  it.each([
    ['version', 'mode: enforce\nmx: a.example\nmax_age: 86400\n'],
    ['mode', 'version: STSv1\nmode: strict\nmx: a.example\nmax_age: 86400\n'],
    ['max_age', 'version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 99999999999\n'],
    ['mx', 'version: STSv1\nmode: testing\nmax_age: 86400\n'],
  ])('names a missing or wrong %s', (field, body) => {
    expect(parsePolicy(body)).toEqual({ invalid: field });
  });

  it('accepts mode none without mx lines', () => {
    expect(parsePolicy('version: STSv1\nmode: none\nmax_age: 86400\n')).toEqual({
      mode: 'none',
      maxAge: 86400,
      mx: [],
    });
  });
});

describe('mxMatches (RFC 8461 §4.1)', () => {
  it.each([
    ['mx1.agensi.gov.my', 'mx1.agensi.gov.my', true],
    ['MX1.Agensi.gov.my.', 'mx1.agensi.gov.my', true],
    ['*.agensi.gov.my', 'mx1.agensi.gov.my', true],
    ['*.agensi.gov.my', 'a.mx1.agensi.gov.my', false],
    ['*.agensi.gov.my', 'agensi.gov.my', false],
    ['mx2.agensi.gov.my', 'mx1.agensi.gov.my', false],
  ])('%s against %s: %s', (pattern, host, expected) => {
    expect(mxMatches(pattern, host)).toBe(expected);
  });
});
