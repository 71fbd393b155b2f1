import type { DnsAnswer, DnsClient } from './types.ts';

// An NXDOMAIN is a verdict ("the domain does not exist", "no SPF record", "not listed") only from a DNS server
// that sees the public DNS. A resolver that does not (an air-gapped agency server's resolver with a stub root
// and no forwarding, a captive or filtering one) answers NXDOMAIN for every outside name, and taking it at its
// word turns "could not test" into a row of fails. Such a server gives itself away on names that always
// exist: `in-addr.arpa`, under which the reverse lookup of every IPv4 address lives (RFC 1035 §3.5), and
// `a.root-servers.net`, a root server's name. Two, because an internal server that hosts its own reverse
// zones (10.in-addr.arpa) knows `in-addr.arpa` as their parent. Both have two labels: dnsmasq's
// domain-needed and systemd-resolved answer a one-label name (`com`) themselves, never asking upstream.
// A name under a top-level domain that does not exist, from a server that knows these, is a mistyped domain:
// its NXDOMAIN is believed, and fails.

export const ALWAYS_THERE = ['in-addr.arpa', 'a.root-servers.net'] as const;

/**
 * The same client, with every NXDOMAIN held against whether the server sees the public DNS. That is asked
 * once per client, as soon as the first question goes out, and waited for only when an NXDOMAIN comes:
 * believing one costs no extra wait from a sound server, and other answers none at all. Create one per run,
 * over the run's cache.
 */
export function believingPublicDns(dns: DnsClient): DnsClient {
  let seesPublic: Promise<boolean> | undefined;
  const sees = () => {
    // Never rejected: it is waited for only when an NXDOMAIN comes, and a client that throws (a bug, not an
    // answer) is reported by the question that threw, not by this check left unread.
    seesPublic ??= Promise.all(ALWAYS_THERE.map((name) => dns.a(name))).then(
      (answers) => answers.every((answer) => answer.ok || answer.failure !== 'nxdomain'),
      () => true,
    );
    return seesPublic;
  };
  const doubted =
    <T>(question: (name: string) => Promise<DnsAnswer<T>>) =>
    async (name: string): Promise<DnsAnswer<T>> => {
      const view = sees();
      const answer = await question(name);
      if (answer.ok || answer.failure !== 'nxdomain') return answer;
      return (await view) ? answer : { ok: false, failure: 'blind', code: 'EBLIND' };
    };
  return {
    a: doubted((name) => dns.a(name)),
    aaaa: doubted((name) => dns.aaaa(name)),
    mx: doubted((name) => dns.mx(name)),
    txt: doubted((name) => dns.txt(name)),
    cname: doubted((name) => dns.cname(name)),
    ptr: doubted((address) => dns.ptr(address)),
  };
}
