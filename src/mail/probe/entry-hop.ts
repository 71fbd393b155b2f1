import { BlockList, isIP } from 'node:net';
import { organisationalDomain } from '../dmarc.ts';
import type { ReceivedHop } from './types.ts';

// SPF is evaluated for the SMTP client that handed the message to the receiving ADMD (RFC 7208 §2.4, §4.1;
// ADMD as RFC 5598 §2.3 has it), so that client is the one to find in a delivered copy. Every Received field
// above the hop where the message entered was written by the receiver's own hosts, and large receivers pass
// a message between many of them: Microsoft 365 stores two or three hops between its own servers
// (`from …prod.outlook.com (2603:10b6:…) by …outlook.office365.com`) above the one where Exchange Online
// Protection took it from the sender. So, reading top-down, a hop is still inside the receiver when:
// - it is within one host (LMTP, loopback: received.ts);
// - its client has an address no outside sender can have: RFC 1918 and RFC 4193 private, RFC 6598 shared,
//   RFC 3927 / RFC 4291 link-local;
// - its client's name is in the organisational domain (RFC 7489 §3.2) of a host that wrote one of the fields
//   read so far, this one included: Microsoft's hosts sit under both outlook.com and office365.com.
// The test world gives each mail domain its own 127.0.x.x (TESTBED.md), so those addresses are not taken as
// inside; their host names differ by domain and so tell the hops apart.

const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv4');
INTERNAL.addSubnet('fc00::', 7, 'ipv6');
INTERNAL.addSubnet('fe80::', 10, 'ipv6');

/**
 * The hop where the message entered the receiving ADMD; when every hop looks inside (a copy sent between two
 * hosts of one organisation), the topmost hop from another host, as the MX's own field is.
 */
export function entryHop(hops: readonly ReceivedHop[]): ReceivedHop | null {
  const receiver = new Set<string>();
  for (const hop of hops) {
    const by = organisationOf(hop.by);
    if (by) receiver.add(by);
    if (!fromAnotherHost(hop) || internalAddress(hop.fromAddress!)) continue;
    const from = organisationOf(hop.from);
    if (from === null || !receiver.has(from)) return hop;
  }
  return hops.find(fromAnotherHost) ?? null;
}

function fromAnotherHost(hop: ReceivedHop): boolean {
  return !hop.local && hop.fromAddress !== null;
}

function internalAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, '');
  const family = isIP(bare);
  return family !== 0 && INTERNAL.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** A host name's organisational domain; null for an address literal or a name without a dot. */
function organisationOf(host: string | null): string | null {
  const name = host?.toLowerCase().replace(/\.$/, '') ?? '';
  if (!name.includes('.') || isIP(name.replace(/^\[|\]$/g, '')) !== 0 || name.startsWith('[')) return null;
  return organisationalDomain(name);
}
