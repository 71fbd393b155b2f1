import { describe, expect, it } from 'vitest';
import { checkDmarc, organisationalDomain } from '../../src/mail/dmarc.ts';
import type { DnsFailure } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { expectReadable, UNANSWERED, verdicts, withVerdict } from './readable.ts';

const CLEAN: DnsTable = {
  '_dmarc.agensi.gov.my': {
    txt: ['v=DMARC1; p=reject; rua=mailto:dmarc@agensi.gov.my,mailto:laporan@pemantau.example'],
  },
  'agensi.gov.my._report._dmarc.pemantau.example': { txt: ['v=DMARC1'] },
};

async function run(table: DnsTable, domain = 'agensi.gov.my') {
  const findings = await checkDmarc(fakeDns(table), domain);
  expectReadable(findings);
  return findings;
}

const record = (text: string | readonly string[]): DnsTable => ({
  '_dmarc.agensi.gov.my': { txt: typeof text === 'string' ? [text] : text },
});

describe('organisationalDomain', () => {
  it.each([
    ['agensi.gov.my', 'agensi.gov.my'],
    ['mel.agensi.gov.my', 'agensi.gov.my'],
    ['a.b.kementerian.gov.my', 'kementerian.gov.my'],
    ['syarikat.com.my', 'syarikat.com.my'],
    ['mail.example.com', 'example.com'],
  ])('of %s is %s (gov.my is a public suffix)', (domain, org) => {
    expect(organisationalDomain(domain)).toBe(org);
  });
});

describe('checkDmarc', () => {
  it('passes an enforcing policy with authorised external reports', async () => {
    const findings = await run(CLEAN);
    expect(verdicts(findings)).toEqual([
      'dmarc.record pass',
      'dmarc.policy pass',
      'dmarc.rua pass',
      'dmarc.report_auth pass pemantau.example',
    ]);
  });

  it.each([
    ['no record anywhere', {}, ['dmarc.record fail']],
    ['two records', record(['v=DMARC1; p=reject', 'v=DMARC1; p=none']), ['dmarc.multiple fail']],
    ['a record of another version only', record('v=DMARC2; p=reject'), ['dmarc.record fail']],
    [
      'p=none',
      record('v=DMARC1; p=none; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy warn', 'dmarc.rua pass'],
    ],
    [
      'p=quarantine',
      record('v=DMARC1; p=quarantine; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua pass'],
    ],
    [
      'no p= tag',
      record('v=DMARC1; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy fail', 'dmarc.rua pass'],
    ],
    ['no rua', record('v=DMARC1; p=reject'), ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua warn']],
    [
      'sp= weaker than p=',
      record('v=DMARC1; p=reject; sp=none; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.subdomain_policy warn', 'dmarc.rua pass'],
    ],
    [
      'pct below 100',
      record('v=DMARC1; p=reject; pct=20; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.pct warn', 'dmarc.rua pass'],
    ],
    [
      'an invalid pct',
      record('v=DMARC1; p=reject; pct=150; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.pct fail', 'dmarc.rua pass'],
    ],
    [
      'an external report address without authorisation (RFC 7489 §7.1)',
      record('v=DMARC1; p=reject; rua=mailto:d@pemantau.example; ruf=mailto:f@lain.example!10m'),
      [
        'dmarc.record pass',
        'dmarc.policy pass',
        'dmarc.rua pass',
        'dmarc.report_auth warn pemantau.example',
        'dmarc.report_auth warn lain.example',
      ],
    ],
  ] as const)('reports %s', async (_name, table, expected) => {
    expect(verdicts(await run(table as DnsTable))).toEqual(expected);
  });

  it('falls back to the organisational domain and applies its sp=', async () => {
    const findings = await run(
      { '_dmarc.agensi.gov.my': { txt: ['v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@agensi.gov.my'] } },
      'mel.agensi.gov.my',
    );
    expect(findings[0]?.params).toEqual({ name: '_dmarc.agensi.gov.my' });
    expect(findings.find((f) => f.check === 'dmarc.policy')?.params).toEqual({
      name: '_dmarc.agensi.gov.my',
      policy: 'quarantine',
    });
  });

  it('never looks above an agency for a policy: gov.my is a public suffix', async () => {
    const dns = fakeDns({ '_dmarc.gov.my': { txt: ['v=DMARC1; p=reject'] } });
    const findings = await checkDmarc(dns, 'agensi.gov.my');
    expect(verdicts(findings)).toEqual(['dmarc.record fail']);
    expect(dns.asked).toEqual(['txt _dmarc.agensi.gov.my']);
  });

  it('asks for an internationalised domain in its A-label form', async () => {
    const dns = fakeDns({
      '_dmarc.xn--bcher-kva.my': { txt: ['v=DMARC1; p=reject; rua=mailto:d@xn--bcher-kva.my'] },
    });
    const findings = await checkDmarc(dns, 'Bücher.my');
    expect(verdicts(findings)).toEqual(['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua pass']);
  });

  it.each(UNANSWERED)('reports %s as untested, never as fail', async (failure) => {
    const own = await run({ '_dmarc.agensi.gov.my': { txt: failure as DnsFailure } });
    expect(verdicts(own)).toEqual(['dmarc.record untested']);
    const report = await run({
      ...CLEAN,
      'agensi.gov.my._report._dmarc.pemantau.example': { txt: failure as DnsFailure },
    });
    expect(verdicts(report)).toContain('dmarc.report_auth untested pemantau.example');
    expect(withVerdict(report, 'fail')).toEqual([]);
  });
});
