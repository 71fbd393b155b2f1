import type { DNSResolver } from 'mailauth';
import { spf } from 'mailauth/lib/spf/index.js';
import { isUnanswered } from './dns-finding.ts';
import { addressFromReverseName } from './resolver.ts';
import type { DnsAnswer, DnsClient, DnsFailure, MxRecord } from './types.ts';

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
  let unanswered = false;
  // A TXT question that gets no answer always ends the evaluation in temperror, except that of exp=, which
  // is asked after the result is known and cannot change it (RFC 7208 §6.2).
  const noteUnanswered = (rrtype: string) => {
    if (rrtype !== 'TXT') unanswered = true;
  };
  const evaluation = await spf({
    ip: query.address,
    sender: `postmaster@${query.domain}`,
    helo: query.helo,
    mta: 'mailops',
    // RFC 7208 exactly: void lookups over 2 are a permerror, as they are for strict receivers.
    strict: true,
    maxElapsedTime: query.timeoutMs ?? 20_000,
    // The MX answers are objects, which mailauth's DNSResolver type leaves out.
    resolver: mailauthResolver(dns, noteUnanswered) as DNSResolver,
  });
  const result = evaluation.status.result as SpfResult;
  // RFC 7208 §5.5 (and §7.3 for %{p}): a receiver's DNS error while validating the client's PTR names is
  // "no match", and the evaluation goes on to a later term or the ending. Here the error was our resolver's:
  // the receiver's own answer is unknown, and a timeout is never turned into a negative verdict. A pass
  // stands: a term authorised the client anyway, and an answer could only have let a `ptr` before it match
  // first, which gives the same pass unless that `ptr` is written with another qualifier (§4.6.2).
  return unanswered && result !== 'pass' ? 'temperror' : result;
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
  stopped: 'ECANCELLED',
  // A temporary error to mailauth (RFC 7208 §5: temperror), so SPF is could-not-test, not a void lookup.
  blind: 'ESERVFAIL',
};

type Resolve = (name: string, rrtype: string) => Promise<unknown[]>;

/**
 * Our DnsClient in the shape of dns.promises.resolve(name, rrtype), as mailauth calls it. `onUnanswered`
 * hears of every question that got a timeout, SERVFAIL, refusal or other error, by its type.
 */
export function mailauthResolver(dns: DnsClient, onUnanswered?: (rrtype: string) => void): Resolve {
  return async (name, rrtype) => {
    const type = rrtype.toUpperCase();
    const answer = await ask(dns, name, type);
    if (isUnanswered(answer)) onUnanswered?.(type);
    if (!answer.ok)
      throw dnsError(name, rrtype, answer.failure === 'error' ? answer.code : NODE_CODES[answer.failure]);
    const records = [...answer.records];
    if (type === 'MX') return records.map((mx) => ({ ...(mx as MxRecord) }));
    // mailauth joins the strings of each TXT record itself; ours are joined already.
    if (type === 'TXT') return records.map((text) => [text]);
    return records;
  };
}

function ask(dns: DnsClient, name: string, type: string): Promise<DnsAnswer<unknown>> {
  switch (type) {
    case 'A':
      return dns.a(name);
    case 'AAAA':
      return dns.aaaa(name);
    case 'MX':
      return dns.mx(name);
    case 'TXT':
      return dns.txt(name);
    case 'PTR': {
      const address = addressFromReverseName(name);
      if (address === null) throw dnsError(name, type, 'ENOTFOUND');
      return dns.ptr(address);
    }
    default:
      throw dnsError(name, type, 'ENOTIMP');
  }
}

function dnsError(name: string, rrtype: string, code: string): Error {
  return Object.assign(new Error(`query${rrtype} ${code} ${name}`), { code });
}
