import { describe, expect, it } from 'vitest';
import { runMailtest } from '../../src/mail/mailtest.ts';
import { believingPublicDns } from '../../src/mail/public-view.ts';
import { createTargetPolicy } from '../../src/mail/target-policy.ts';
import type { DnsClient } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { dnsOnlySettings } from '../support/mailtest-settings.ts';

// Whether an NXDOMAIN is believed: only from a server that knows the names that always exist
// (`in-addr.arpa`, `a.root-servers.net`).
// The real-server case (NSD with only a root zone) is public-view.integration.test.ts.

const AGENCY: DnsTable = {
  'agensi.gov.my': { mx: [{ exchange: 'mx.agensi.gov.my', priority: 10 }] },
  'mx.agensi.gov.my': { a: ['192.0.2.25'] },
};

describe('believingPublicDns', () => {
  it('believes an NXDOMAIN from a server that sees the public DNS, asking it once per run', async () => {
    const fake = fakeDns(AGENCY);
    const dns = believingPublicDns(fake);
    expect(await dns.a('tiada.gov.my')).toMatchObject({ ok: false, failure: 'nxdomain' });
    expect(await dns.txt('_dmarc.agensi.gov.my')).toMatchObject({ ok: false, failure: 'nxdomain' });
    expect(await dns.mx('agensi.gov.my')).toMatchObject({ ok: true });
    expect(fake.asked.filter((q) => q === 'a in-addr.arpa' || q === 'a a.root-servers.net')).toEqual([
      'a in-addr.arpa',
      'a a.root-servers.net',
    ]);
  });

  it.each([
    ['says in-addr.arpa does not exist either', { 'in-addr.arpa': { a: 'nxdomain' } }],
    [
      'knows in-addr.arpa (its own reverse zones) but not a root server',
      { 'a.root-servers.net': { a: 'nxdomain' } },
    ],
    // dnsmasq (domain-needed) and systemd-resolved answer one-label names themselves: no sign of anything.
  ] as const)('calls every NXDOMAIN could-not-test from a server that %s', async (_why, table) => {
    const dns = believingPublicDns(fakeDns({ ...AGENCY, ...table }));
    expect(await dns.a('contoh.gov.my')).toMatchObject({ ok: false, failure: 'blind' });
    expect(await dns.ptr('192.0.2.25')).toMatchObject({ ok: false, failure: 'blind' });
    // What the server does know is still its answer.
    expect(await dns.a('mx.agensi.gov.my')).toEqual({ ok: true, records: ['192.0.2.25'] });
    expect(await dns.a('agensi.gov.my')).toMatchObject({ ok: false, failure: 'nodata' });
  });

  it('keeps no answer waiting for the check, and waits for it only to believe an NXDOMAIN', async () => {
    const fake = fakeDns(AGENCY);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowControls: DnsClient = {
      ...fake,
      a: async (name) => {
        if (name === 'a.root-servers.net') await held;
        return fake.a(name);
      },
    };
    const dns = believingPublicDns(slowControls);
    expect(await dns.mx('agensi.gov.my')).toMatchObject({ ok: true });
    let believed = false;
    const nx = dns.a('tiada.gov.my').then((answer) => {
      believed = true;
      return answer;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(believed).toBe(false);
    release();
    expect(await nx).toMatchObject({ failure: 'nxdomain' });
  });

  it('leaves nothing rejected behind when the client throws: the question that threw reports it', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const fake = fakeDns(AGENCY);
      const dns = believingPublicDns({
        ...fake,
        a: (name) =>
          name.includes('.arpa') || name.includes('root-servers')
            ? Promise.reject(new Error('resolver exploded'))
            : fake.a(name),
      });
      expect(await dns.mx('agensi.gov.my')).toMatchObject({ ok: true });
      expect(await dns.a('tiada.gov.my')).toMatchObject({ failure: 'nxdomain' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('believes NXDOMAIN when the check itself got no answer: that is no sign of a blind server', async () => {
    const dns = believingPublicDns(
      fakeDns({ 'in-addr.arpa': { a: 'timeout' }, 'a.root-servers.net': { a: 'servfail' } }),
    );
    expect(await dns.a('tiada.gov.my')).toMatchObject({ failure: 'nxdomain' });
  });
});

describe('/mailtest over that client', () => {
  const run = (domain: string, table: DnsTable) =>
    runMailtest({
      domain,
      dns: fakeDns(table),
      target: createTargetPolicy([]),
      settings: dnsOnlySettings(1_000),
    });

  it('still fails a domain under a top-level domain that does not exist, from a sound server: a mistyped name', async () => {
    // Only the names that always exist count: a one-label TLD a server answers itself says nothing.
    const findings = await run('agensi.gov.myy', { myy: { a: 'nxdomain' }, com: { a: 'nxdomain' } });
    expect(findings.find((f) => f.check === 'dns.domain')?.verdict).toBe('fail');
  });

  it('fails nothing when the server does not see the public DNS', async () => {
    const findings = await run('contoh.gov.my', {
      'in-addr.arpa': { a: 'nxdomain' },
      'a.root-servers.net': { a: 'nxdomain' },
    });
    // One finding says why; no guessed DKIM selector repeats it.
    expect(findings.filter((f) => f.check === 'dkim.lookup')).toEqual([]);
    expect(findings.find((f) => f.check === 'dns.domain')).toMatchObject({
      verdict: 'untested',
      params: { failure: 'blind' },
    });
    expect(findings.filter((f) => f.verdict === 'fail')).toEqual([]);
  });
});
