// The vocabulary of `/mailtest` (issue 5): what one check of a mail domain found, and why it matters. Every
// check module in src/mail returns Findings; the report card, the CLI table and the stored run are built
// from them, and every word a person reads comes from the i18n catalog (`mailtest.*`), never from here.

/**
 * `untested` is "could not test": a timeout, SERVFAIL, a refused or reset connection, a selector nobody
 * knows. It is never a fail: the top complaint about every existing tool is a wrong verdict.
 */
export type Verdict = 'pass' | 'warn' | 'fail' | 'untested';

/**
 * The requirement a finding serves, so the report can say which ones are met:
 * - `4f-iii`, `4f-v`, `4f-vi`: items (f)(iii) 10 MB limit, (f)(v) A/MX/PTR/SPF/DKIM in DNS, (f)(vi) relay only
 *   for internal servers, of the circular on strengthening government e-mail (seed 001, paragraph 4(f));
 * - `4f-iv`: item (f)(iv), at least two mail servers for high availability;
 * - `gp-spoofing`: the provider good practice (seed 002) "by default nobody else can send in the customer's
 *   name" (DMARC enforcement);
 * - `gp-transport`: the same good practice on protecting mail in transit and from being marked as spam
 *   (STARTTLS, certificates, MTA-STS, TLS-RPT, blocklists);
 * - `4c`: item (c), delivery tests from external mail into the agency run on a schedule, an item of the daily
 *   checklist (the delivery probes, issue 6);
 * - `4f-i`: item (f)(i), at least 100 MB of mailbox space per account (the probe mailboxes' IMAP quota);
 * - `gp-quota`: the good practice "warn before a mailbox's quota fills, so the service does not stop";
 * - `sop-4.2`: the SOP's own investigation step (4.2 step 3: the domain is in the service, the pasted bounce);
 *   it serves none of the above, so requirement summaries leave it out.
 */
export type Requirement =
  | '4c'
  | '4f-i'
  | '4f-iii'
  | '4f-iv'
  | '4f-v'
  | '4f-vi'
  | 'gp-spoofing'
  | 'gp-transport'
  | 'gp-quota'
  | 'sop-4.2';

export interface Finding {
  /**
   * Stable id of what was checked, `<area>.<what>` (e.g. `spf.lookups`, `smtp.starttls`): the catalog has
   * `mailtest.<check>.title`, `mailtest.<check>.<verdict>` (what was found, with `params`) and
   * `mailtest.<check>.fix` (how to fix it) for every check.
   */
  readonly check: string;
  readonly verdict: Verdict;
  readonly requirement: Requirement;
  /** What the finding is about when a check runs per host or address (an MX host, `127.0.1.1`, a selector). */
  readonly subject?: string;
  /** Values the texts show: counts, record text, the include that pushed SPF over 10, a TLS version. */
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * How a DNS question ended. `nxdomain` and `nodata` are answers (the name or the type does not exist) and may
 * make a check fail; `servfail`, `timeout`, `refused` and `error` mean the question could not be answered, and
 * `stopped` that mailops stopped waiting for it (Ctrl-C, a shutdown: resolver.ts, stoppable).
 */
/** `blind`: an NXDOMAIN from a server that does not see the public DNS (public-view.ts). */
export const DNS_FAILURES = [
  'nxdomain',
  'nodata',
  'servfail',
  'timeout',
  'refused',
  'error',
  'stopped',
  'blind',
] as const;
export type DnsFailure = (typeof DNS_FAILURES)[number];

export type DnsAnswer<T> =
  | { readonly ok: true; readonly records: readonly T[] }
  | { readonly ok: false; readonly failure: DnsFailure; readonly code: string };

export const isAnswered = (failure: DnsFailure) => failure === 'nxdomain' || failure === 'nodata';

export interface MxRecord {
  readonly exchange: string;
  readonly priority: number;
}

/**
 * The DNS port every check asks through (src/mail/resolver.ts implements it over node:dns with a bounded
 * timeout; unit tests give a table). Names are absolute, without the trailing dot, in A-label (punycode).
 */
export interface DnsClient {
  a(name: string): Promise<DnsAnswer<string>>;
  aaaa(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<MxRecord>>;
  /** Each TXT record with its strings joined, as RFC 7208 §3.3 and RFC 6376 §3.6.2.2 read them. */
  txt(name: string): Promise<DnsAnswer<string>>;
  cname(name: string): Promise<DnsAnswer<string>>;
  ptr(address: string): Promise<DnsAnswer<string>>;
}
