import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import type { DnsAnswer, DnsClient, DnsFailure, MxRecord } from './types.ts';

// The DnsClient every /mailtest check asks through, over node's c-ares resolver. It asks the servers the
// configuration names (an agency's own resolvers, the tests' NSD on 127.0.0.1:PORT), never the system's
// when servers are given, and turns every outcome into a DnsAnswer: an NXDOMAIN or a timeout is a result the
// checks reason about, not an exception.

export interface DnsClientOptions {
  /** `HOST` or `HOST:PORT` (`[v6]:PORT` for IPv6), as node's `setServers` reads them; empty: the system's. */
  readonly servers?: readonly string[];
  /** The most one question may take, retries included (default 5 s). */
  readonly timeoutMs?: number;
  /** Attempts per server before c-ares gives up (default 2). */
  readonly tries?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_TRIES = 2;

// node:dns error codes (the c-ares statuses node exposes) to what they mean for a check.
const FAILURES: Readonly<Record<string, DnsFailure>> = {
  ENOTFOUND: 'nxdomain',
  ENODATA: 'nodata',
  ESERVFAIL: 'servfail',
  ETIMEOUT: 'timeout',
  ECONNREFUSED: 'refused',
  EREFUSED: 'refused',
};

export function createDnsClient(options: DnsClientOptions = {}): DnsClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tries = options.tries ?? DEFAULT_TRIES;
  // c-ares doubles the wait on each retry, so the first try gets timeout / (2^tries - 1) for all tries to
  // fit, and no single try may wait longer than the whole; the race in bounded() still holds the question to
  // timeoutMs whatever c-ares does.
  const resolver = new Resolver({
    timeout: Math.max(100, Math.floor(timeoutMs / (2 ** tries - 1))),
    tries,
    maxTimeout: timeoutMs,
  });
  if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers]);
  const ask = <T>(query: Promise<T[]>) => bounded(settle(query), timeoutMs);
  return {
    a: (name) => ask(resolver.resolve4(normaliseName(name))),
    aaaa: (name) => ask(resolver.resolve6(normaliseName(name))),
    mx: (name) => ask(resolver.resolveMx(normaliseName(name)).then((rows) => rows.map(toMx))),
    txt: (name) =>
      ask(resolver.resolveTxt(normaliseName(name)).then((rows) => rows.map((row) => row.join('')))),
    cname: (name) => ask(resolver.resolveCname(normaliseName(name)).then((rows) => rows.map(normaliseName))),
    ptr: (address) =>
      isIP(address) === 0
        ? Promise.resolve({ ok: false, failure: 'error', code: 'EBADADDR' })
        : ask(resolver.resolvePtr(reverseName(address)).then((rows) => rows.map(normaliseName))),
  };
}

const toMx = (row: { exchange: string; priority: number }): MxRecord => ({
  exchange: normaliseName(row.exchange),
  priority: row.priority,
});

async function settle<T>(query: Promise<T[]>): Promise<DnsAnswer<T>> {
  try {
    const records = await query;
    // c-ares reports an empty answer section as ENODATA already; an empty list is the same answer.
    return records.length > 0 ? { ok: true, records } : { ok: false, failure: 'nodata', code: 'ENODATA' };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const text = typeof code === 'string' ? code : 'EUNKNOWN';
    return { ok: false, failure: FAILURES[text] ?? 'error', code: text };
  }
}

function bounded<T>(answer: Promise<DnsAnswer<T>>, ms: number): Promise<DnsAnswer<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DnsAnswer<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, failure: 'timeout', code: 'ETIMEOUT' }), ms);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

/**
 * The same client, except that once `signal` is aborted (Ctrl-C in `mailops mailtest`, mailops shutting down)
 * a question waiting for its answer, and every later one, ends at once as `stopped`: could not test, never a
 * verdict, and nobody waits out the timeout for an answer no one will read.
 */
export function stoppable(dns: DnsClient, signal: AbortSignal): DnsClient {
  const stopped = { ok: false, failure: 'stopped', code: 'ESTOPPED' } as const;
  const ask = <T>(question: () => Promise<DnsAnswer<T>>): Promise<DnsAnswer<T>> => {
    if (signal.aborted) return Promise.resolve(stopped);
    let onAbort = () => {};
    const cut = new Promise<DnsAnswer<T>>((resolve) => {
      onAbort = () => resolve(stopped);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([question(), cut]).finally(() => signal.removeEventListener('abort', onAbort));
  };
  return {
    a: (name) => ask(() => dns.a(name)),
    aaaa: (name) => ask(() => dns.aaaa(name)),
    mx: (name) => ask(() => dns.mx(name)),
    txt: (name) => ask(() => dns.txt(name)),
    cname: (name) => ask(() => dns.cname(name)),
    ptr: (address) => ask(() => dns.ptr(address)),
  };
}

/** Whether `name` is `parent` or a name under it (both already in one case: normaliseName). */
export const withinDomain = (name: string, parent: string) => name === parent || name.endsWith(`.${parent}`);

/**
 * A name as the DNS is asked it: without the trailing dot of the absolute form, lower case (RFC 4343: the
 * DNS compares names case-insensitively), internationalised labels as A-labels (RFC 5890, `bücher` →
 * `xn--bcher-kva`). Underscore labels (`_dmarc`, `_domainkey`) pass unchanged.
 */
export function normaliseName(name: string): string {
  const lower = name.trim().replace(/\.$/, '').toLowerCase();
  // domainToASCII is the WHATWG host parser: keep it to names that need it, so that a name such as
  // `4.3.2.1.in-addr.arpa` is never read as an address.
  if (/^\p{ASCII}*$/u.test(lower)) return lower;
  return domainToASCII(lower) || lower;
}

/** The 32 hexadecimal digits of an IPv6 address, `::` expanded and an embedded IPv4 tail converted. */
function ipv6Nibbles(address: string): string {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => group.padStart(4, '0')).join('');
}

/**
 * The name a PTR question asks for an address (RFC 1035 §3.5 `in-addr.arpa`, RFC 3596 §2.5 `ip6.arpa`,
 * one label per nibble, least significant first).
 */
export function reverseName(address: string): string {
  if (isIP(address) === 4) return `${address.split('.').reverse().join('.')}.in-addr.arpa`;
  return `${[...ipv6Nibbles(address)].reverse().join('.')}.ip6.arpa`;
}

/** The address a reverse name stands for, or null when the name is not one (the inverse of reverseName). */
export function addressFromReverseName(name: string): string | null {
  const labels = normaliseName(name).split('.');
  const zone = labels.slice(-2).join('.');
  const digits = labels.slice(0, -2).reverse();
  if (zone === 'in-addr.arpa' && digits.length === 4) {
    const address = digits.join('.');
    return isIP(address) === 4 ? address : null;
  }
  if (zone === 'ip6.arpa' && digits.length === 32 && digits.every((d) => /^[0-9a-f]$/.test(d))) {
    return canonicalAddress(digits.join('').replace(/(.{4})(?!$)/g, '$1:'));
  }
  return null;
}

/** One spelling per address, so that `2001:db8::1` and `2001:0db8:0:0::1` compare equal. */
export function canonicalAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = ipv6Nibbles(address)
    .match(/.{4}/g)!
    .map((group) => group.replace(/^0+(?=.)/, ''));
  return groups.join(':');
}

export const sameAddress = (a: string, b: string) => canonicalAddress(a) === canonicalAddress(b);

/**
 * The same client, each question asked once: SPF evaluation for every MX address, the lookup walk and the
 * DMARC and MTA-STS checks ask many of the same names within one /mailtest run. Create one per run, so that
 * a changed record is seen by the next run.
 */
export function withCache(dns: DnsClient): DnsClient {
  const answers = new Map<string, Promise<DnsAnswer<unknown>>>();
  const cached =
    <K extends keyof DnsClient>(type: K) =>
    (name: string) => {
      const key = `${type} ${type === 'ptr' ? canonicalAddress(name) : normaliseName(name)}`;
      let answer = answers.get(key);
      if (!answer) {
        answer = dns[type](name) as Promise<DnsAnswer<unknown>>;
        answers.set(key, answer);
      }
      return answer;
    };
  return {
    a: cached('a') as DnsClient['a'],
    aaaa: cached('aaaa') as DnsClient['aaaa'],
    mx: cached('mx') as DnsClient['mx'],
    txt: cached('txt') as DnsClient['txt'],
    cname: cached('cname') as DnsClient['cname'],
    ptr: cached('ptr') as DnsClient['ptr'],
  };
}
