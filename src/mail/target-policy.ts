import { BlockList, isIP } from 'node:net';
import { domainToASCII } from 'node:url';

// What /mailtest may be pointed at (issue 5, "Safety"): it must never become a port scanner. A request names
// a mail domain, never an address; the addresses its MX hosts resolve to are refused when private, loopback,
// link-local or otherwise reserved (RFC 6890 special-purpose registries), unless the configuration's
// allow-list names them (an agency testing its internal MX; the tests' loopback mail world).

export type DomainRefusal = 'empty' | 'too_long' | 'ip_literal' | 'invalid' | 'single_label';

export type DomainCheck =
  | { readonly ok: true; readonly domain: string; readonly unicode: string }
  | { readonly ok: false; readonly reason: DomainRefusal; readonly input: string };

const MAX_INPUT = 300;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A domain as a person typed it (`Agensi.GOV.my.`, `kementerian.gov.my`, `pejabat-pos.my`, `<mailto:…>` from
 * Slack's auto-linking is unwrapped by the caller) checked and turned into its A-label form (RFC 5890).
 */
export function parseDomain(input: string): DomainCheck {
  const shown = input.trim().slice(0, MAX_INPUT);
  // RFC 3490 §3.1 and UTS #46: the ideographic and full-width full stops separate labels as '.' does (what
  // a CJK keyboard or an IME types); the character check below would refuse them as punctuation.
  const raw = shown
    .replace(/[\u3002\uff0e\uff61]/g, '.')
    .replace(/\.$/, '')
    .toLowerCase();
  if (raw === '') return { ok: false, reason: 'empty', input: shown };
  if (input.trim().length > MAX_INPUT) return { ok: false, reason: 'too_long', input: shown };
  const bracketed = raw.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bracketed) !== 0 || /^\d+(\.\d+){3}$/.test(raw))
    return { ok: false, reason: 'ip_literal', input: shown };
  // domainToASCII parses a URL host and would drop a path or a port: only letters, digits, dots and hyphens.
  if (/[^\p{L}\p{M}\p{N}.-]/u.test(raw)) return { ok: false, reason: 'invalid', input: shown };
  const ascii = domainToASCII(raw);
  if (ascii === '') return { ok: false, reason: 'invalid', input: shown };
  // RFC 1035 §2.3.4: 253 characters in text form.
  if (ascii.length > 253) return { ok: false, reason: 'too_long', input: shown };
  const labels = ascii.split('.');
  if (!labels.every((label) => LABEL.test(label))) return { ok: false, reason: 'invalid', input: shown };
  if (labels.length < 2) return { ok: false, reason: 'single_label', input: shown };
  if (/^\d+$/.test(labels.at(-1)!)) return { ok: false, reason: 'invalid', input: shown };
  return { ok: true, domain: ascii, unicode: raw };
}

// IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates) and multicast.
const RESERVED_V4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const;
const RESERVED_V6 = [
  ['::', 128],
  ['::1', 128],
  // ::ffff:0:0/96 (IPv4-mapped) is not listed: node's BlockList would match every IPv4 address against it.
  // A mapped address is checked as the IPv4 address it carries instead (allows()).
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  // Documentation (RFC 9637) and SRv6 segment identifiers (RFC 9602): not globally reachable per IANA.
  ['3fff::', 20],
  ['5f00::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const;

const reserved = new BlockList();
for (const [net, prefix] of RESERVED_V4) reserved.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of RESERVED_V6) reserved.addSubnet(net, prefix, 'ipv6');

export interface TargetPolicy {
  /** True when /mailtest may connect to this address (port 25 of an MX, 443 of the MTA-STS host). */
  allows(address: string): boolean;
}

/** `allowTargets` are CIDR blocks (`127.0.0.0/8`, `10.20.0.0/16`, `fd00::/8`) from the configuration. */
export function createTargetPolicy(allowTargets: readonly string[]): TargetPolicy {
  const allowed = new BlockList();
  for (const block of allowTargets) {
    const [net = '', bits = ''] = block.split('/');
    const family = isIP(net);
    if (family === 0) throw new Error(`not an address block: ${block}`);
    allowed.addSubnet(net, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    allows(address) {
      const family = isIP(address);
      if (family === 0) return false;
      const type = family === 4 ? 'ipv4' : 'ipv6';
      // An IPv4-mapped IPv6 address is the IPv4 address it carries.
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
      if (mapped) return this.allows(mapped);
      if (allowed.check(address, type)) return true;
      return !reserved.check(address, type);
    },
  };
}
