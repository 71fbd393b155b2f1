import { checkDns } from '../../src/mail/dns-checks.ts';
import type { MxRecord } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';

// The DNS tables and runner shared by the checkDns tests.

/** MX records as [exchange, preference] pairs, in the order the domain publishes them. */
export const mxList = (...hosts: readonly (readonly [string, number])[]): MxRecord[] =>
  hosts.map(([exchange, priority]) => ({ exchange, priority }));

// A domain that meets every DNS element of Pekeliling 4(f)(iv) and 4(f)(v): two MX hosts on three addresses,
// each with a PTR whose name leads back to it.
export const CLEAN: DnsTable = {
  'agensi.gov.my': {
    a: ['203.0.113.5'],
    mx: mxList(['mx2.agensi.gov.my', 20], ['mx1.agensi.gov.my', 10]),
  },
  'mx1.agensi.gov.my': { a: ['192.0.2.10'], aaaa: ['2001:db8::10'] },
  'mx2.agensi.gov.my': { a: ['192.0.2.20'] },
  '192.0.2.10': { ptr: ['mx1.agensi.gov.my'] },
  '192.0.2.20': { ptr: ['mx2.agensi.gov.my'] },
  '2001:db8::10': { ptr: ['mx1.agensi.gov.my'] },
};

export const run = (table: DnsTable, domain = 'agensi.gov.my') => checkDns(fakeDns(table), domain);

export function edit(table: DnsTable, name: string, entry: DnsTable[string] | undefined): DnsTable {
  const copy: Record<string, DnsTable[string]> = { ...table };
  if (entry === undefined) delete copy[name];
  else copy[name] = entry;
  return copy;
}
