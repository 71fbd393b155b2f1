import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
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
      'no p= tag but a valid rua as p=none (RFC 7489 §6.6.3, DMARCbis §4.10.1)',
      record('v=DMARC1; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.invalid_tag warn', 'dmarc.rua pass'],
    ],
    [
      'an invalid p= with a valid rua as p=none',
      record('v=DMARC1; p=rejct; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.invalid_tag warn', 'dmarc.rua pass'],
    ],
    [
      'no p= tag and no rua as no policy',
      record('v=DMARC1'),
      ['dmarc.record pass', 'dmarc.policy fail', 'dmarc.rua warn'],
    ],
    [
      'an invalid sp= with a valid rua as p=none, not as the p= given',
      record('v=DMARC1; p=reject; sp=rejct; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.invalid_tag warn', 'dmarc.rua pass'],
    ],
    [
      'an invalid np= as p= for RFC 7489 receivers and a warning for those on RFC 9989 (§4.10.1)',
      record('v=DMARC1; p=reject; np=rejct'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.invalid_np warn', 'dmarc.rua warn'],
    ],
    [
      'a version value not in capitals as a record receivers discard',
      record('v=dmarc1; p=reject'),
      ['dmarc.version fail'],
    ],
    [
      'a version tag name in capitals as a record',
      record('V=DMARC1; p=reject; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua pass'],
    ],
    [
      'p=reject in test mode t=y as quarantine, which still stops forged mail (DMARCbis)',
      record('v=DMARC1; p=reject; t=y; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.testing warn', 'dmarc.rua pass'],
    ],
    [
      'p=quarantine in test mode t=y as no enforcement (DMARCbis)',
      record('v=DMARC1; p=quarantine; t=y; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy warn', 'dmarc.testing warn', 'dmarc.rua pass'],
    ],
    [
      'p=none with t=y as p=none alone',
      record('v=DMARC1; p=none; t=y; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy warn', 'dmarc.rua pass'],
    ],
    [
      'an enforcing policy with t=n',
      record('v=DMARC1; p=quarantine; t=n; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua pass'],
    ],
    [
      'a rua that is a bare address, not a mailto: URI, as unusable',
      record('v=DMARC1; p=reject; rua=dmarc@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua_uri warn'],
    ],
    [
      'a rua with only an https: URI, which receivers need not support, as unusable',
      record('v=DMARC1; p=reject; rua=https://dmarc.example/report'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua_uri warn'],
    ],
    ['no rua', record('v=DMARC1; p=reject'), ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua warn']],
    [
      'sp= weaker than p=',
      record('v=DMARC1; p=reject; sp=none; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.subdomain_policy warn', 'dmarc.rua pass'],
    ],
    [
      'p=quarantine with pct=0 as no more than p=none (RFC 7489 §6.6.4: all mail gets the weaker policy)',
      record('v=DMARC1; p=quarantine; pct=0; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy warn', 'dmarc.pct warn', 'dmarc.rua pass'],
    ],
    [
      'p=reject with pct=0 as quarantine at best',
      record('v=DMARC1; p=reject; pct=0; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.pct warn', 'dmarc.rua pass'],
    ],
    [
      'pct below 100',
      record('v=DMARC1; p=reject; pct=20; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.pct warn', 'dmarc.rua pass'],
    ],
    [
      'an invalid pct as a slip receivers discard, the policy applying to all mail (RFC 7489 §6.3)',
      record('v=DMARC1; p=reject; pct=150; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.pct_invalid warn', 'dmarc.rua pass'],
    ],
    [
      'a pct that is no number at all, the same way',
      record('v=DMARC1; p=reject; pct=abc; rua=mailto:d@agensi.gov.my'),
      ['dmarc.record pass', 'dmarc.policy pass', 'dmarc.pct_invalid warn', 'dmarc.rua pass'],
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

  it('shows the test mode next to the policy it weakens', async () => {
    const findings = await run(record('v=DMARC1; p=quarantine; t=Y; rua=mailto:d@agensi.gov.my'));
    expect(findings.find((f) => f.check === 'dmarc.policy')?.params).toMatchObject({
      policy: 'quarantine; t=y',
    });
  });

  it('names the policy that applies and its step down in the text', async () => {
    const findings = await run(record('v=DMARC1; p=quarantine; pct=0; rua=mailto:d@agensi.gov.my'));
    expect(findings[1]?.params).toEqual({
      name: '_dmarc.agensi.gov.my',
      tag: 'p',
      policy: 'quarantine; pct=0',
    });
    expect(describeFinding(findings[1]!, 'en').text).toContain('is p=quarantine; pct=0');
  });

  it('says an invalid pct= leaves the policy on all mail', async () => {
    const findings = await run(record('v=DMARC1; p=reject; pct=150; rua=mailto:d@agensi.gov.my'));
    const pct = findings.find((f) => f.check === 'dmarc.pct_invalid')!;
    expect(describeFinding(pct, 'ms').text).toContain('mengenakan dasar pada semua mel');
  });

  it('shows the rua a receiver cannot use', async () => {
    const findings = await run(record('v=DMARC1; p=reject; rua=dmarc@agensi.gov.my'));
    const rua = findings.find((f) => f.check === 'dmarc.rua_uri')!;
    expect(describeFinding(rua, 'en').text).toContain('rua=dmarc@agensi.gov.my has no `mailto:` URI');
  });

  it('says which receivers an invalid np= defeats, citing RFC 9989, a tag RFC 7489 does not have', async () => {
    const findings = await run(record('v=DMARC1; p=quarantine; np=rejct; rua=mailto:d@agensi.gov.my'));
    expect(findings.find((f) => f.check === 'dmarc.policy')).toMatchObject({ verdict: 'pass' });
    const np = findings.find((f) => f.check === 'dmarc.invalid_np')!;
    expect(np.params).toEqual({ name: '_dmarc.agensi.gov.my', value: 'rejct' });
    const { text } = describeFinding(np, 'en');
    expect(text).toContain('receivers still on RFC 7489 ignore np= and apply p= (RFC 9989 §4.10.1)');
    expect(describeFinding(np, 'ms').text).toContain('(RFC 9989 §4.10.1)');
  });

  it('names the tag and the value a receiver cannot read', async () => {
    const findings = await run(record('v=DMARC1; p=reject; sp=rejct; rua=mailto:d@agensi.gov.my'));
    expect(findings[1]?.params).toEqual({
      name: '_dmarc.agensi.gov.my',
      tag: 'sp',
      value: 'rejct',
      rule: 'RFC 7489 §6.6.3',
    });
  });

  it.each(['v=DMARC1 p=reject; rua=mailto:d@agensi.gov.my', 'v=DMARC1, p=reject'])(
    'names a version run on into the next tag, %j, as what receivers discard, not as no record',
    async (text) => {
      const findings = await run(record(text));
      expect(verdicts(findings)).toEqual(['dmarc.version fail']);
      expect(describeFinding(findings[0]!, 'en').text).toContain('followed by `;` or the end of the record');
    },
  );

  it('shows the misspelt version it discarded, and falls back past it to the organisational domain', async () => {
    const misspelt = await run(record('v=dmarc1; p=reject'));
    expect(misspelt[0]?.params).toEqual({ name: '_dmarc.agensi.gov.my', record: 'v=dmarc1; p=reject' });
    const below = await run(
      {
        '_dmarc.mel.agensi.gov.my': { txt: ['v=Dmarc1; p=none'] },
        '_dmarc.agensi.gov.my': { txt: ['v=DMARC1; p=reject; rua=mailto:d@agensi.gov.my'] },
      },
      'mel.agensi.gov.my',
    );
    expect(verdicts(below)).toEqual(['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua pass']);
    const nothingAbove = await run(
      { '_dmarc.mel.agensi.gov.my': { txt: ['v=Dmarc1; p=none'] }, '_dmarc.agensi.gov.my': { txt: [] } },
      'mel.agensi.gov.my',
    );
    expect(nothingAbove[0]).toMatchObject({
      check: 'dmarc.version',
      params: { name: '_dmarc.mel.agensi.gov.my' },
    });
  });

  it('applies the one DMARC1 record when the other says dmarc1', async () => {
    const findings = await run(
      record(['v=dmarc1; p=none', 'v=DMARC1; p=reject; rua=mailto:d@agensi.gov.my']),
    );
    expect(verdicts(findings)).toEqual(['dmarc.record pass', 'dmarc.policy pass', 'dmarc.rua pass']);
  });

  it('falls back to the organisational domain and applies its sp=', async () => {
    const findings = await run(
      { '_dmarc.agensi.gov.my': { txt: ['v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@agensi.gov.my'] } },
      'mel.agensi.gov.my',
    );
    expect(findings[0]?.params).toEqual({ name: '_dmarc.agensi.gov.my' });
    expect(findings.find((f) => f.check === 'dmarc.policy')?.params).toEqual({
      name: '_dmarc.agensi.gov.my',
      tag: 'sp',
      policy: 'quarantine',
    });
  });

  it('looks no further than the agency when it has a record of its own', async () => {
    const dns = fakeDns({ ...CLEAN, '_dmarc.gov.my': { txt: ['v=DMARC1; p=none; psd=y'] } });
    await checkDmarc(dns, 'agensi.gov.my');
    expect(dns.asked.filter((q) => q.startsWith('txt _dmarc.'))).toEqual(['txt _dmarc.agensi.gov.my']);
  });

  describe('above the organisational domain: the RFC 9989 tree walk', () => {
    it('warns of an agency protected only by a public suffix policy (psd=y) that RFC 9989 receivers apply', async () => {
      const dns = fakeDns({
        '_dmarc.gov.my': { txt: ['v=DMARC1; p=reject; psd=y; rua=mailto:psd@gov.my'] },
        '_dmarc.my': { txt: ['v=DMARC1; p=none'] },
      });
      const findings = await checkDmarc(dns, 'agensi.gov.my');
      expectReadable(findings);
      expect(verdicts(findings)).toEqual(['dmarc.record warn', 'dmarc.policy pass']);
      expect(findings[0]?.params).toEqual({ domain: 'agensi.gov.my', name: '_dmarc.gov.my' });
      expect(dns.asked).toEqual(['txt _dmarc.agensi.gov.my', 'txt _dmarc.gov.my', 'txt _dmarc.my']);
    });

    it('applies the sp= of the record it found, as for any domain without its own', async () => {
      const findings = await run({ '_dmarc.gov.my': { txt: ['v=DMARC1; p=reject; sp=quarantine; psd=y'] } });
      expect(findings.find((f) => f.check === 'dmarc.policy')?.params).toEqual({
        name: '_dmarc.gov.my',
        tag: 'sp',
        policy: 'quarantine',
      });
    });

    it('still fails an agency when what it found enforces nothing', async () => {
      for (const text of ['v=DMARC1; p=none; psd=y', 'v=DMARC1; p=quarantine; t=y; psd=y']) {
        const findings = await run({ '_dmarc.gov.my': { txt: [text] } });
        expect(verdicts(findings), text).toEqual(['dmarc.record fail']);
      }
    });

    it('takes the first psd=y or psd=n from the longest name, else the record with the fewest labels', async () => {
      const declared = await run({
        '_dmarc.gov.my': { txt: ['v=DMARC1; p=reject; psd=n'] },
        '_dmarc.my': { txt: ['v=DMARC1; p=none; psd=y'] },
      });
      expect(declared[0]?.params).toMatchObject({ name: '_dmarc.gov.my' });
      const fewest = await run({
        '_dmarc.gov.my': { txt: ['v=DMARC1; p=none'] },
        '_dmarc.my': { txt: ['v=DMARC1; p=reject'] },
      });
      expect(fewest[0]?.params).toMatchObject({ name: '_dmarc.my' });
    });

    it('passes over a name with two records, as the walk does', async () => {
      const findings = await run({
        '_dmarc.gov.my': { txt: ['v=DMARC1; p=reject; psd=y', 'v=DMARC1; p=none; psd=y'] },
        '_dmarc.my': { txt: ['v=DMARC1; p=quarantine; psd=y'] },
      });
      expect(verdicts(findings)).toEqual(['dmarc.record warn', 'dmarc.policy pass']);
      expect(findings[0]?.params).toMatchObject({ name: '_dmarc.my' });
    });

    it('walks at most eight names, cutting a long name to seven labels first', async () => {
      const dns = fakeDns({});
      await checkDmarc(dns, 'a.b.c.d.e.f.g.h.i.agensi.gov.my');
      expect(dns.asked).toEqual([
        'txt _dmarc.a.b.c.d.e.f.g.h.i.agensi.gov.my',
        'txt _dmarc.agensi.gov.my',
        'txt _dmarc.f.g.h.i.agensi.gov.my',
        'txt _dmarc.g.h.i.agensi.gov.my',
        'txt _dmarc.h.i.agensi.gov.my',
        'txt _dmarc.i.agensi.gov.my',
        'txt _dmarc.gov.my',
        'txt _dmarc.my',
      ]);
    });

    it.each(UNANSWERED)(
      'keeps the fail when a name above got %s: the agency has no record of its own',
      async (failure) => {
        const findings = await run({ '_dmarc.gov.my': { txt: failure as DnsFailure } });
        expect(verdicts(findings)).toEqual(['dmarc.record fail']);
      },
    );
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
