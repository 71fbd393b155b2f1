import type { MxHost } from '../../src/mail/dns-checks.ts';
import { checkSpf } from '../../src/mail/spf.ts';
import type { Finding } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { expectReadable } from './readable.ts';

// The record, MX and runner shared by the checkSpf tests.

export const MX: MxHost[] = [{ exchange: 'mx.agensi.gov.my', priority: 10, addresses: ['192.0.2.10'] }];

export const CLEAN: DnsTable = {
  'agensi.gov.my': {
    txt: ['google-site-verification=abc', 'v=spf1 mx ip4:203.0.113.0/24 include:_spf.penyedia.example -all'],
    mx: [{ exchange: 'mx.agensi.gov.my', priority: 10 }],
  },
  'mx.agensi.gov.my': { a: ['192.0.2.10'] },
  '_spf.penyedia.example': { txt: ['v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:5::/48 ~all'] },
};

export function withRecord(record: string | readonly string[], extra: DnsTable = {}): DnsTable {
  const txt = typeof record === 'string' ? [record] : record;
  return { ...CLEAN, 'agensi.gov.my': { ...CLEAN['agensi.gov.my'], txt }, ...extra };
}

export async function run(table: DnsTable, mx: readonly MxHost[] = MX) {
  const findings = await checkSpf(fakeDns(table), 'agensi.gov.my', mx);
  expectReadable(findings);
  return findings;
}

export const one = (findings: readonly Finding[], check: string) => findings.find((f) => f.check === check);
