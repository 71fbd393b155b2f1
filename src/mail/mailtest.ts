import { checkDkim, type SigningSelector } from './dkim.ts';
import { checkDmarc } from './dmarc.ts';
import { checkDns, type DnsCheckResult, type MxHost } from './dns-checks.ts';
import { checkDnsbl, judgePolicyListings } from './dnsbl.ts';
import { checkMtaSts } from './mta-sts.ts';
import { mxTlsFindings, type ProbedAddress } from './mta-sts-mx-tls.ts';
import { believingPublicDns } from './public-view.ts';
import { stoppable, withCache } from './resolver.ts';
import { probeSmtp } from './smtp-probe.ts';
import { checkSpf } from './spf.ts';
import type { TargetPolicy } from './target-policy.ts';
import type { DnsClient, Finding } from './types.ts';

// One /mailtest run (issue 5): every check of a mail domain, each as early as what it depends on allows.
// DMARC, DKIM and the MX lookup start at once; SPF's check_host, MTA-STS, the blocklists and one SMTP probe
// per MX address start as soon as the MX hosts are known. The longest chain (MX → host addresses → SMTP
// probe) decides the wall time, not the number of checks (bench/mailtest.ts measures it).

export interface MailtestSettings {
  readonly dnsblZones: readonly string[];
  readonly dkimSelectors: readonly string[];
  readonly heloName: string;
  readonly relaySender: string;
  readonly relayRecipient: string;
  /** The most any one network wait may take (a DNS question, an SMTP reply, the MTA-STS fetch). */
  readonly timeoutMs: number;
  /** Extra trusted certificate authorities (PEM): an agency's own CA, the tests' CA. */
  readonly ca?: readonly string[];
}

export interface MailtestInput {
  readonly domain: string;
  readonly dns: DnsClient;
  readonly target: TargetPolicy;
  readonly settings: MailtestSettings;
  /** DKIM selectors seen in messages from the domain (delivery probes, issue 6). */
  readonly learnedSelectors?: readonly string[];
  /** Of those, the one the domain signs with now, if known (see SigningSelector). */
  readonly signingSelector?: SigningSelector;
  /**
   * mailops is stopping (Ctrl-C in `mailops mailtest`, a shutdown): DNS questions, SMTP sessions and the
   * MTA-STS fetch still waiting end at once, as could-not-test (`stopped`), instead of waiting out their
   * timeouts (an SMTP probe's budget is six of them).
   */
  readonly signal?: AbortSignal;
  /** Told each time findings arrive, so a card can fill in while the run goes on. */
  readonly onFindings?: (findings: readonly Finding[]) => void;
  /** Only tests change these: SMTP is port 25 and MTA-STS port 443 in production. */
  readonly ports?: { readonly smtp?: number; readonly mtaSts?: number };
  /** Only tests set it: the loopback address the probes connect from, outside the test servers' networks. */
  readonly localAddress?: string;
}

/** The order the report shows the areas in; findings keep their check's order within an area. */
const AREA_ORDER = ['dns', 'spf', 'dmarc', 'dkim', 'mta_sts', 'tls_rpt', 'smtp', 'dnsbl'];

/** A promise handed to a check that may never await it (it stopped earlier): its failure is reported once, by the run. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  const area = (f: Finding) => {
    const index = AREA_ORDER.indexOf(f.check.split('.')[0]!);
    return index === -1 ? AREA_ORDER.length : index;
  };
  return findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => area(a.f) - area(b.f) || a.index - b.index)
    .map(({ f }) => f);
}

export async function runMailtest(input: MailtestInput): Promise<Finding[]> {
  const dns = believingPublicDns(withCache(input.signal ? stoppable(input.dns, input.signal) : input.dns));
  const found: Finding[] = [];
  const report = async (work: Promise<readonly Finding[]>) => {
    const findings = await work;
    found.push(...findings);
    // A policy listing shows its final verdict as soon as SPF has answered, not only at the end (dnsbl.ts).
    if (findings.length > 0) input.onFindings?.(sortFindings(judgePolicyListings(found)));
  };
  const { settings } = input;
  // Each MX address is probed and looked up in the blocklists as soon as its host is resolved.
  const perAddress: Promise<void>[] = [];
  const probed: Promise<ProbedAddress>[] = [];
  const seen = new Set<string>();
  const onHost = (host: MxHost) => {
    for (const address of host.addresses) {
      const findings = probe(input, dns, host, address);
      perAddress.push(report(findings));
      probed.push(handled(findings.then((found) => ({ host: host.exchange, address, findings: found }))));
      if (seen.has(address)) continue;
      seen.add(address);
      perAddress.push(report(checkDnsbl(dns, [address], settings.dnsblZones)));
    }
  };
  const mx: Promise<DnsCheckResult> = checkDns(dns, input.domain, onHost, {
    reachable: (address) => input.target.allows(address),
  });
  const hosts = handled(mx.then((r) => r.mxHosts));
  const exchanges = handled(hosts.then((h) => h.map((host) => host.exchange)));
  // The MTA-STS record and policy need no MX either: they start now and wait for the MX hosts only to judge
  // them. The run keeps their findings to hold the policy against the SMTP sessions at the end.
  const mtaSts = checkMtaSts(dns, input.domain, exchanges, {
    ...(settings.ca ? { ca: settings.ca } : {}),
    timeoutMs: settings.timeoutMs,
    ...(input.signal ? { signal: input.signal } : {}),
    target: input.target,
    ...(input.ports?.mtaSts ? { port: input.ports.mtaSts } : {}),
  });
  // Every part runs to its end even when one breaks (a bug, not a DNS answer: those are findings), so no
  // promise is left rejected behind the first failure; the run then fails with that first error.
  const settled = await Promise.allSettled([
    report(mx.then((r) => r.findings)),
    report(checkDmarc(dns, input.domain)),
    report(
      checkDkim(dns, input.domain, {
        configured: settings.dkimSelectors,
        learned: input.learnedSelectors ?? [],
        ...(input.signingSelector ? { signing: input.signingSelector } : {}),
      }),
    ),
    // SPF's record and includes need no MX: they start now and wait for the MX hosts only to judge them.
    report(checkSpf(dns, input.domain, hosts, { evaluationTimeoutMs: settings.timeoutMs * 2 })),
    report(mtaSts),
    // Every host has been announced once the DNS check is over.
    mx
      .then(() => Promise.allSettled(perAddress))
      .then((parts) => {
        const broken = parts.find((p) => p.status === 'rejected');
        if (broken) throw broken.reason;
      }),
  ]);
  const broken = settled.find((p) => p.status === 'rejected');
  if (broken) throw broken.reason;
  // Only with the policy and every SMTP session in hand can the run say whether senders applying the policy
  // can deliver at all (RFC 8461 §5).
  await report(
    Promise.all([mtaSts, Promise.all(probed)]).then(([policy, sessions]) => mxTlsFindings(policy, sessions)),
  );
  // A policy listing (dnsbl.ts) is judged by whether SPF lets the address send: the card shows the final word.
  return sortFindings(judgePolicyListings(found));
}

/**
 * One address's SMTP probe is some thirty round trips (EHLO twice, STARTTLS, seven MAIL/RCPT/RSET
 * transactions, two VRFY): each reply may take the whole timeout, the probe at most this many. Exchange's
 * default tarpit (5 s on each 5xx) stays well inside it with the 10 s default; a server that drips every
 * reply just inside the timeout is cut, and what was not reached is could-not-test.
 */
const SMTP_BUDGET_WAITS = 6;

/** One MX address over SMTP, if the target policy lets /mailtest connect to it (never a port scanner). */
async function probe(
  input: MailtestInput,
  dns: DnsClient,
  host: MxHost,
  address: string,
): Promise<Finding[]> {
  const subject = `${host.exchange} (${address})`;
  if (!input.target.allows(address))
    return [{ check: 'smtp.target', verdict: 'untested', requirement: '4f-v', subject, params: { address } }];
  const ptr = await dns.ptr(address);
  const { settings } = input;
  return probeSmtp({
    address,
    host: host.exchange,
    domain: input.domain,
    ...(ptr.ok
      ? { ptrNames: ptr.records }
      : ptr.failure === 'nxdomain' || ptr.failure === 'nodata'
        ? { ptrNames: [] }
        : {}),
    heloName: settings.heloName,
    outsideSender: settings.relaySender,
    outsideRecipient: settings.relayRecipient,
    ...(settings.ca ? { ca: settings.ca } : {}),
    ...(input.ports?.smtp ? { port: input.ports.smtp } : {}),
    ...(input.localAddress ? { localAddress: input.localAddress } : {}),
    timeouts: {
      connect: settings.timeoutMs,
      banner: settings.timeoutMs,
      reply: settings.timeoutMs,
      tls: settings.timeoutMs,
      quit: Math.min(5000, settings.timeoutMs),
    },
    budgetMs: settings.timeoutMs * SMTP_BUDGET_WAITS,
    ...(input.signal ? { signal: input.signal } : {}),
  });
}
