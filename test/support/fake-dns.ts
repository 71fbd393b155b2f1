import { ALWAYS_THERE } from '../../src/mail/public-view.ts';
import { canonicalAddress, normaliseName } from '../../src/mail/resolver.ts';
import type { DnsAnswer, DnsClient, DnsFailure, MxRecord } from '../../src/mail/types.ts';

// A DnsClient answered from a table, for the unit tests of src/mail. A name missing from the table is
// NXDOMAIN for every type (the names public-view.ts knows always exist NODATA); a name in the table without the asked type
// is NODATA; a type given as a failure (`'timeout'`, `'servfail'`, …) answers that failure. PTR questions are looked up under the address
// (`'192.0.2.25': { ptr: ['mx.agensi.gov.my'] }`). Names are normalised as the real client does, so a
// table written in A-labels answers a question asked in Unicode.

interface Entry {
  readonly a?: readonly string[] | DnsFailure;
  readonly aaaa?: readonly string[] | DnsFailure;
  readonly mx?: readonly MxRecord[] | DnsFailure;
  readonly txt?: readonly string[] | DnsFailure;
  readonly cname?: readonly string[] | DnsFailure;
  readonly ptr?: readonly string[] | DnsFailure;
}

export type DnsTable = Readonly<Record<string, Entry>>;

export interface FakeDns extends DnsClient {
  /** Every question asked, as `type name`, in order. */
  readonly asked: string[];
  /** The most questions that were waiting for an answer at once. */
  readonly peak: () => number;
}

const CODES: Record<DnsFailure, string> = {
  nxdomain: 'ENOTFOUND',
  nodata: 'ENODATA',
  servfail: 'ESERVFAIL',
  timeout: 'ETIMEOUT',
  refused: 'EREFUSED',
  error: 'EBADRESP',
  stopped: 'ESTOPPED',
  blind: 'EBLIND',
};

export function fakeDns(table: DnsTable, options: { delayMs?: number } = {}): FakeDns {
  const entries = new Map(Object.entries(table).map(([name, entry]) => [key(name), entry]));
  const asked: string[] = [];
  let waiting = 0;
  let peak = 0;
  function answer<T>(type: keyof Entry, name: string): Promise<DnsAnswer<T>> {
    asked.push(`${type} ${name}`);
    waiting++;
    peak = Math.max(peak, waiting);
    const entry = entries.get(key(name));
    const value = entry?.[type];
    const result: DnsAnswer<T> =
      entry === undefined
        ? // The names that always exist on the Internet do here too: their NXDOMAIN would mean a resolver that
          // does not see the public DNS (src/mail/public-view.ts); a table that wants one says so.
          failed((ALWAYS_THERE as readonly string[]).includes(key(name)) ? 'nodata' : 'nxdomain')
        : value === undefined
          ? failed('nodata')
          : typeof value === 'string'
            ? failed(value)
            : value.length === 0
              ? failed('nodata')
              : { ok: true, records: value as readonly T[] };
    return new Promise((resolve) =>
      setTimeout(() => {
        waiting--;
        resolve(result);
      }, options.delayMs ?? 0),
    );
  }
  return {
    asked,
    peak: () => peak,
    a: (name) => answer('a', name),
    aaaa: (name) => answer('aaaa', name),
    mx: (name) => answer('mx', name),
    txt: (name) => answer('txt', name),
    cname: (name) => answer('cname', name),
    ptr: (address) => answer('ptr', address),
  };
}

const key = (name: string) => (/^[\d.]+$|:/.test(name) ? canonicalAddress(name) : normaliseName(name));

const failed = (failure: DnsFailure) => ({ ok: false, failure, code: CODES[failure] }) as const;

/**
 * For tests that start the whole app: when the configuration names no test resolver, the checks a complaint
 * starts (SOP 4.2 step 3) would ask the system's resolver about real domains. Tests stay on loopback, so the
 * checks get an empty table instead (every name NXDOMAIN: nothing is ever connected to).
 */
export function offlineChecks(config: { readonly mailtest: { readonly dnsServers: readonly string[] } }) {
  return config.mailtest.dnsServers.length > 0 ? {} : { checkPorts: { dns: fakeDns({}) } };
}
