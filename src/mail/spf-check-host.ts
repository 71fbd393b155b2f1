import type { DNSResolver } from 'mailauth';
import { spf } from 'mailauth/lib/spf/index.js';
import { addressFromReverseName } from './resolver.ts';
import type { DnsAnswer, DnsClient, DnsFailure } from './types.ts';

// check_host() (RFC 7208 §4) of one address for the domain, evaluated by mailauth so that the verdict is the
// one a receiver running the same widely used implementation would reach. mailauth's spf() takes a
// `resolver(name, rrtype)` option shaped like node's dns.promises.resolve (lib/spf/index.js, verify();
// every query of the evaluation, includes and redirects too, goes through it): we hand it our DnsClient, so
// it asks the configured servers, with our timeout, never the system's resolver.

/** RFC 8601 §2.7.2 results: pass, fail, softfail, neutral, none, temperror, permerror. */
export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';

export interface CheckHostQuery {
  readonly domain: string;
  readonly address: string;
  /** The name the client would say in EHLO (the MX host's name); used by %{h} macros only. */
  readonly helo: string;
  /** The most the whole evaluation may take (RFC 7208 §4.6.4 recommends at least 20 s). */
  readonly timeoutMs?: number;
}

export async function checkHost(dns: DnsClient, query: CheckHostQuery): Promise<SpfResult> {
  const result = await spf({
    ip: query.address,
    sender: `postmaster@${query.domain}`,
    helo: query.helo,
    mta: 'mailops',
    // RFC 7208 exactly: void lookups over 2 are a permerror, as they are for strict receivers.
    strict: true,
    maxElapsedTime: query.timeoutMs ?? 20_000,
    // The MX answers are objects, which mailauth's DNSResolver type leaves out.
    resolver: mailauthResolver(dns) as DNSResolver,
  });
  return result.status.result as SpfResult;
}

// node's error codes, which mailauth's limitedResolver reads to tell a void answer (ENOTFOUND, ENODATA)
// from a temporary error (ETIMEOUT, EREFUSED, anything else).
const NODE_CODES: Record<DnsFailure, string> = {
  nxdomain: 'ENOTFOUND',
  nodata: 'ENODATA',
  servfail: 'ESERVFAIL',
  timeout: 'ETIMEOUT',
  refused: 'EREFUSED',
  error: 'EBADRESP',
};

type Resolve = (name: string, rrtype: string) => Promise<unknown[]>;

/** Our DnsClient in the shape of dns.promises.resolve(name, rrtype), as mailauth calls it. */
export function mailauthResolver(dns: DnsClient): Resolve {
  return async (name, rrtype) => {
    switch (rrtype.toUpperCase()) {
      case 'A':
        return unwrap(name, rrtype, await dns.a(name));
      case 'AAAA':
        return unwrap(name, rrtype, await dns.aaaa(name));
      case 'MX':
        return unwrap(name, rrtype, await dns.mx(name)).map((mx) => ({ ...mx }));
      // mailauth joins the strings of each TXT record itself; ours are joined already.
      case 'TXT':
        return unwrap(name, rrtype, await dns.txt(name)).map((text) => [text]);
      case 'PTR': {
        const address = addressFromReverseName(name);
        if (address === null) throw dnsError(name, rrtype, 'ENOTFOUND');
        return unwrap(name, rrtype, await dns.ptr(address));
      }
      default:
        throw dnsError(name, rrtype, 'ENOTIMP');
    }
  };
}

function unwrap<T>(name: string, rrtype: string, answer: DnsAnswer<T>): T[] {
  if (answer.ok) return [...answer.records];
  throw dnsError(name, rrtype, answer.failure === 'error' ? answer.code : NODE_CODES[answer.failure]);
}

function dnsError(name: string, rrtype: string, code: string): Error {
  return Object.assign(new Error(`query${rrtype} ${code} ${name}`), { code });
}
