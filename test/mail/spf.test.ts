import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import type { MxHost } from '../../src/mail/dns-checks.ts';
import { checkSpf } from '../../src/mail/spf.ts';
import type { DnsFailure } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { UNANSWERED, verdicts, withVerdict } from './readable.ts';
import { CLEAN, MX, one, run, withRecord } from './spf-bed.ts';

describe('checkSpf', () => {
  it('passes a clean record on every check', async () => {
    const findings = await run(CLEAN);
    expect(verdicts(findings)).toEqual([
      'spf.record pass',
      'spf.syntax pass',
      'spf.lookups pass',
      'spf.void_lookups pass',
      'spf.all pass',
      'spf.mx_authorised pass 192.0.2.10',
    ]);
    expect(one(findings, 'spf.lookups')?.params).toEqual({ count: 2, limit: 10 });
  });

  it.each([
    ['no SPF record among the TXT records', withRecord(['google-site-verification=abc']), 'spf.record fail'],
    ['a domain without TXT records', { 'agensi.gov.my': { mx: [] } }, 'spf.record fail'],
    [
      'two SPF records (RFC 7208 §4.5 permerror)',
      withRecord(['v=spf1 -all', 'v=spf1 mx -all']),
      'spf.multiple fail',
    ],
    ['a TXT question that timed out', { 'agensi.gov.my': { txt: 'timeout' } }, 'spf.record untested'],
    ['a TXT question that got SERVFAIL', { 'agensi.gov.my': { txt: 'servfail' } }, 'spf.record untested'],
  ] as const)('reports %s and stops there', async (_name, table, expected) => {
    expect(verdicts(await run(table as DnsTable))).toEqual([expected]);
  });

  it.each([
    ['an unknown mechanism', 'v=spf1 mx ipv4:192.0.2.1 -all', 'ipv4:192.0.2.1'],
    ['an include without a domain', 'v=spf1 include -all', 'include'],
    ['a prefix length over 32', 'v=spf1 ip4:192.0.2.0/33 -all', 'ip4:192.0.2.0/33'],
    ['an IPv6 network in ip4', 'v=spf1 ip4:2001:db8::1 -all', 'ip4:2001:db8::1'],
    ['a broken macro', 'v=spf1 exists:%{z}.agensi.gov.my -all', 'exists:%{z}.agensi.gov.my'],
    [
      'a second redirect',
      'v=spf1 redirect=_spf.penyedia.example redirect=_spf.penyedia.example',
      'redirect=_spf.penyedia.example',
    ],
    ['an "all" with a value', 'v=spf1 mx all:x -all', 'all:x'],
    [
      'a macro transformer of zero labels (RFC 7208 §7.3: nonzero)',
      'v=spf1 mx exists:%{i}.%{d0}.izin.example -all',
      'exists:%{i}.%{d0}.izin.example',
    ],
  ])('fails a record with %s and names the term', async (_name, record, term) => {
    const found = one(await run(withRecord(record)), 'spf.syntax');
    expect(found?.verdict).toBe('fail');
    expect(found?.params).toEqual({ terms: term, where: 'agensi.gov.my' });
  });

  it.each(['redirct=_spf.penyedia.example', 'Redirects=_spf.penyedia.example', 'exq=sebab.agensi.gov.my'])(
    'warns about %s, a misspelt modifier receivers ignore (RFC 7208 §6)',
    async (term) => {
      const findings = await run(withRecord(`v=spf1 mx ${term} -all`));
      expect(verdicts(findings)).toContain('spf.unknown_modifier warn agensi.gov.my');
      expect(one(findings, 'spf.unknown_modifier')?.params).toMatchObject({ terms: term });
      expect(one(findings, 'spf.syntax')?.verdict).toBe('pass');
    },
  );

  it('does not warn about a modifier of no specification, which receivers must ignore (RFC 7208 §6)', async () => {
    const findings = await run(withRecord('v=spf1 mx foo=bar ms-tag=1 -all'));
    expect(one(findings, 'spf.unknown_modifier')).toBeUndefined();
    expect(withVerdict(findings, 'warn')).toEqual([]);
  });

  it('does not warn about the failure-reporting modifiers ra=, rp= and rr= (RFC 6652)', async () => {
    const findings = await run(withRecord('v=spf1 mx -all ra=postmaster rp=100 rr=all'));
    expect(one(findings, 'spf.unknown_modifier')).toBeUndefined();
  });

  it('names syntax errors inside an included record', async () => {
    const findings = await run({
      ...CLEAN,
      '_spf.penyedia.example': { txt: ['v=spf1 ip4:198.51.100.0/24 bogus ~all'] },
    });
    expect(one(findings, 'spf.syntax')?.params).toEqual({ terms: 'bogus', where: '_spf.penyedia.example' });
  });

  // 1 + 3 under include:a, then 1 + 1 + 5 under include:b takes the count to 11, then 1 for include:c.
  const OVER: DnsTable = withRecord('v=spf1 include:a.example include:b.example include:c.example -all', {
    'a.example': {
      txt: ['v=spf1 a mx exists:e.a.example -all'],
      a: ['198.51.100.1'],
      mx: [{ exchange: 'a.example', priority: 0 }],
    },
    'e.a.example': { a: ['127.0.0.2'] },
    'b.example': { txt: ['v=spf1 include:d.example -all'] },
    'd.example': {
      txt: ['v=spf1 a:h1.d.example a:h2.d.example a:h3.d.example a:h4.d.example a:h5.d.example -all'],
    },
    ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`h${n}.d.example`, { a: [`198.51.100.${10 + n}`] }])),
    'c.example': { txt: ['v=spf1 ip4:192.0.2.10 -all'] },
  });

  it('counts every lookup of the whole tree and names the include that takes it over 10', async () => {
    const findings = await run(OVER);
    const lookups = one(findings, 'spf.lookups');
    expect(lookups?.verdict).toBe('fail');
    expect(lookups?.params).toEqual({ count: 12, limit: 10, over: 'include:b.example' });
  });

  it('still fails a count already over 10 when a later include could not be read', async () => {
    const table = withRecord('v=spf1 include:a.example include:b.example include:lambat.example -all', {
      ...OVER,
      'agensi.gov.my': { txt: ['v=spf1 include:a.example include:b.example include:lambat.example -all'] },
      'lambat.example': { txt: 'timeout' },
    });
    expect(one(await run(table), 'spf.lookups')?.verdict).toBe('fail');
  });

  it('says where the count stopped when an include timed out, and fails nothing', async () => {
    const findings = await run(
      withRecord('v=spf1 include:lambat.example mx -all', { 'lambat.example': { txt: 'timeout' } }),
    );
    expect(withVerdict(findings, 'fail')).toEqual([]);
    expect(one(findings, 'spf.lookups')).toMatchObject({
      verdict: 'untested',
      params: { where: 'lambat.example', failure: 'timeout' },
    });
    expect(describeFinding(one(findings, 'spf.lookups')!, 'en').text).toContain(
      'lambat.example could not be followed (timed out waiting for a DNS answer)',
    );
    expect(one(findings, 'spf.void_lookups')?.verdict).toBe('untested');
    expect(one(findings, 'spf.mx_authorised')).toMatchObject({
      verdict: 'untested',
      params: { result: 'temperror' },
    });
  });

  it.each([
    ['an a term', 'a:lambat.agensi.gov.my', { a: 'timeout', aaaa: 'timeout' }],
    ['an mx term', 'mx:lambat.agensi.gov.my', { mx: 'servfail' }],
    ['an exists term', 'exists:lambat.agensi.gov.my', { a: 'servfail' }],
  ] as const)(
    'counts %s that got no answer as its one lookup, and leaves only the void count untested',
    async (_name, term, entry) => {
      const findings = await run(
        withRecord(`v=spf1 mx ${term} include:_spf.penyedia.example -all`, { 'lambat.agensi.gov.my': entry }),
      );
      expect(one(findings, 'spf.lookups')).toMatchObject({ verdict: 'pass', params: { count: 3 } });
      expect(one(findings, 'spf.void_lookups')).toMatchObject({
        verdict: 'untested',
        params: { where: 'lambat.agensi.gov.my (agensi.gov.my)' },
      });
      expect(withVerdict(findings, 'fail')).toEqual([]);
    },
  );

  it('fails more than two void lookups and names them', async () => {
    const findings = await run(
      withRecord('v=spf1 a:hilang1.example a:hilang2.example mx:hilang3.example mx -all'),
    );
    expect(one(findings, 'spf.void_lookups')).toMatchObject({
      verdict: 'fail',
      params: { count: 3, names: 'hilang1.example, hilang2.example, hilang3.example' },
    });
  });

  it('counts a host with only an IPv6 address as void for mail sent over IPv4, as strict receivers do', async () => {
    const findings = await run(
      withRecord('v=spf1 a:v6.example a:hilang1.example a:hilang2.example mx -all', {
        'v6.example': { aaaa: ['2001:db8::1'] },
      }),
    );
    const found = one(findings, 'spf.void_lookups')!;
    expect(found).toMatchObject({
      verdict: 'fail',
      params: { count: 3, names: 'v6.example, hilang1.example, hilang2.example', family: 'ipv4' },
    });
    expect(describeFinding(found, 'en').text).toContain('This count is for mail sent over IPv4');
  });

  // Three hosts with only IPv4 addresses are three void AAAA lookups for an IPv6 client (RFC 7208 §5.3, §4.6.4).
  const IPV4_HOSTS = 'v=spf1 a:out1.agensi.gov.my a:out2.agensi.gov.my a:out3.agensi.gov.my mx -all';
  const ipv4Hosts = {
    'out1.agensi.gov.my': { a: ['192.0.2.21'] },
    'out2.agensi.gov.my': { a: ['192.0.2.22'] },
    'out3.agensi.gov.my': { a: ['192.0.2.23'] },
  };

  it('fails the void count for IPv6 senders when an MX host has an IPv6 address, as check_host does for it', async () => {
    const dual: MxHost[] = [{ ...MX[0]!, addresses: ['192.0.2.10', '2001:db8::10'] }];
    const findings = await run(withRecord(IPV4_HOSTS, ipv4Hosts), dual);
    expect(one(findings, 'spf.void_lookups')).toMatchObject({
      verdict: 'fail',
      params: { count: 3, family: 'ipv6' },
    });
    expect(verdicts(findings).filter((v) => v.startsWith('spf.mx_authorised'))).toEqual([
      'spf.mx_authorised pass 192.0.2.10',
      'spf.mx_authorised fail 2001:db8::10',
    ]);
    const permerror = findings.find((f) => f.params.address === '2001:db8::10')!;
    expect(describeFinding(permerror, 'en').text).not.toContain('every sender');
  });

  it('judges IPv6 voids when an "a" host of the record sends over IPv6, though no MX does', async () => {
    const findings = await run(
      withRecord(`${IPV4_HOSTS.replace(' mx -all', '')} a:out.agensi.gov.my -all`, {
        ...ipv4Hosts,
        'out.agensi.gov.my': { a: ['192.0.2.30'], aaaa: ['2001:db8::30'] },
      }),
    );
    expect(one(findings, 'spf.void_lookups')).toMatchObject({
      verdict: 'fail',
      params: { count: 3, family: 'ipv6' },
    });
  });

  it('does not judge IPv6 voids for a domain that sends nothing over IPv6', async () => {
    const findings = await run(withRecord(IPV4_HOSTS, ipv4Hosts));
    expect(one(findings, 'spf.void_lookups')).toMatchObject({ verdict: 'pass', params: { count: 0 } });
    expect(withVerdict(findings, 'fail')).toEqual([]);
  });

  it('names no family when every sender meets the same void lookups', async () => {
    const findings = await run(
      withRecord('v=spf1 mx:hilang1.example exists:hilang2.example include:hilang3.example -all'),
    );
    const found = one(findings, 'spf.void_lookups')!;
    expect(found.params.family).toBe('all');
    expect(describeFinding(found, 'ms').text).toContain('Setiap penerima mengiranya');
  });

  it('ignores the terms after "all", which no receiver evaluates (RFC 7208 §5.1)', async () => {
    const findings = await run(
      withRecord(
        'v=spf1 mx include:_spf.penyedia.example -all include:tiada.example a:hilang1.example a:hilang2.example a:hilang3.example',
        { 'tiada.example': { txt: ['hello'] } },
      ),
    );
    expect(withVerdict(findings, 'fail')).toEqual([]);
    expect(one(findings, 'spf.lookups')?.params).toEqual({ count: 2, limit: 10 });
    expect(one(findings, 'spf.void_lookups')?.params).toMatchObject({ count: 0 });
  });

  it.each([
    [10, 'pass'],
    [11, 'fail'],
  ])('judges an mx term whose domain has %i MX hosts: %s (RFC 7208 §4.6.4)', async (hosts, verdict) => {
    const mx = Array.from({ length: hosts }, (_, n) => ({ exchange: `mx${n}.besar.example`, priority: n }));
    const findings = await run(
      withRecord('v=spf1 ip4:192.0.2.10 include:besar.example -all', {
        'besar.example': { txt: ['v=spf1 mx -all'], mx },
      }),
    );
    // The overall count is two (include, mx): the mx term's own limit is what fails.
    expect(one(findings, 'spf.lookups')).toMatchObject({ verdict: 'pass', params: { count: 2 } });
    const limit = one(findings, 'spf.mx_hosts');
    if (verdict === 'pass') expect(limit).toBeUndefined();
    else {
      expect(limit).toMatchObject({
        verdict: 'fail',
        params: { term: 'include:besar.example', hosts: 11, limit: 10 },
      });
    }
  });

  it('fails an include of a domain that has no SPF record (RFC 7208 §5.2 permerror)', async () => {
    const findings = await run(
      withRecord('v=spf1 include:tiada.example mx -all', { 'tiada.example': { txt: ['hello'] } }),
    );
    expect(verdicts(findings)).toContain('spf.include fail agensi.gov.my');
    expect(one(findings, 'spf.include')?.params).toEqual({
      term: 'include:tiada.example',
      where: 'agensi.gov.my',
    });
    expect(one(findings, 'spf.mx_authorised')).toMatchObject({
      verdict: 'fail',
      params: { result: 'permerror' },
    });
  });

  it('warns about the deprecated ptr mechanism (RFC 7208 §5.5)', async () => {
    expect(verdicts(await run(withRecord('v=spf1 mx ptr -all')))).toContain('spf.ptr warn');
  });

  it('warns when an MX address is not authorised, and evaluates IPv6 addresses too', async () => {
    const mx: MxHost[] = [
      { exchange: 'mx.agensi.gov.my', priority: 10, addresses: ['192.0.2.99', '2001:db8:5::25'] },
    ];
    const findings = await run(
      withRecord('v=spf1 ip4:203.0.113.0/24 include:_spf.penyedia.example -all'),
      mx,
    );
    expect(verdicts(findings)).toContain('spf.mx_authorised warn 192.0.2.99');
    expect(verdicts(findings)).toContain('spf.mx_authorised pass 2001:db8:5::25');
    expect(findings.find((f) => f.subject === '192.0.2.99')?.params).toMatchObject({ result: 'fail' });
  });

  it('evaluates check_host through our DnsClient, macros included', async () => {
    const table = withRecord('v=spf1 exists:%{i}.izin.agensi.gov.my -all', {
      '192.0.2.10.izin.agensi.gov.my': { a: ['127.0.0.2'] },
    });
    const dns = fakeDns(table);
    const findings = await checkSpf(dns, 'agensi.gov.my', MX);
    expect(dns.asked).toContain('a 192.0.2.10.izin.agensi.gov.my');
    expect(verdicts(findings)).toContain('spf.mx_authorised pass 192.0.2.10');
  });

  it('answers the PTR questions of mailauth from our DnsClient, IPv6 included', async () => {
    const mx: MxHost[] = [
      { exchange: 'mx.agensi.gov.my', priority: 10, addresses: ['192.0.2.10', '2001:db8::25'] },
    ];
    const table = withRecord('v=spf1 ptr -all', {
      'mx.agensi.gov.my': { a: ['192.0.2.10'], aaaa: ['2001:db8::25'] },
      '192.0.2.10': { ptr: ['mx.agensi.gov.my'] },
      '2001:db8::25': { ptr: ['mx.agensi.gov.my'] },
    });
    const findings = await run(table, mx);
    expect(verdicts(findings)).toContain('spf.mx_authorised pass 192.0.2.10');
    expect(verdicts(findings)).toContain('spf.mx_authorised pass 2001:db8::25');
  });

  it.each(
    UNANSWERED.flatMap((failure) => [
      ['PTR question', failure, { '192.0.2.10': { ptr: failure } }],
      [
        'forward lookup of the PTR name',
        failure,
        { '192.0.2.10': { ptr: ['mx.agensi.gov.my'] }, 'mx.agensi.gov.my': { a: failure } },
      ],
    ]),
  )(
    'cannot test an MX authorised only by ptr when the %s got %s (RFC 7208 §5.5)',
    async (_name, _failure, extra) => {
      const findings = await run(withRecord('v=spf1 ptr -all', extra as DnsTable));
      expect(one(findings, 'spf.mx_authorised')).toMatchObject({
        verdict: 'untested',
        params: { result: 'temperror' },
      });
    },
  );

  it('still warns about an MX not authorised when only the exp= explanation got no answer (RFC 7208 §6.2)', async () => {
    const findings = await run(
      withRecord('v=spf1 ip4:203.0.113.0/24 -all exp=sebab.agensi.gov.my', {
        'sebab.agensi.gov.my': { txt: 'timeout' },
      }),
    );
    expect(one(findings, 'spf.mx_authorised')).toMatchObject({ verdict: 'warn', params: { result: 'fail' } });
  });

  it('stops counting an include loop and fails it', async () => {
    const findings = await run(
      withRecord('v=spf1 include:loop.example -all', {
        'loop.example': { txt: ['v=spf1 include:agensi.gov.my -all'] },
      }),
    );
    expect(one(findings, 'spf.lookups')).toMatchObject({
      verdict: 'fail',
      params: { over: 'include:loop.example' },
    });
  });

  it('asks for an internationalised domain in its A-label form', async () => {
    const dns = fakeDns({ 'xn--bcher-kva.my': { txt: ['v=spf1 -all'] } });
    const findings = await checkSpf(dns, 'bücher.my', []);
    expect(dns.asked[0]).toBe('txt xn--bcher-kva.my');
    expect(one(findings, 'spf.record')?.verdict).toBe('pass');
  });

  it.each(UNANSWERED)('never fails the clean record when any one question gets %s', async (failure) => {
    for (const [name, entry] of Object.entries(CLEAN)) {
      for (const type of ['a', 'aaaa', 'mx', 'txt'] as const) {
        const findings = await run({ ...CLEAN, [name]: { ...entry, [type]: failure as DnsFailure } });
        expect(withVerdict(findings, 'fail'), `${type} ${name}`).toEqual([]);
      }
    }
  });
});
