import { authenticate, type DNSResolver } from 'mailauth';
import { organisationalDomain } from '../dmarc.ts';
import { mailauthResolver } from '../spf-check-host.ts';
import type { DnsClient } from '../types.ts';
import type { AuthResults } from './delivery-types.ts';
import { entryHop } from './entry-hop.ts';
import { firstHeader, parseHeaderFields, splitHeaderSection } from './header-block.ts';
import { receivedHops } from './received.ts';

// SPF (RFC 7208), DKIM (RFC 6376) and DMARC (RFC 7489) of a delivered probe, evaluated by mailauth as the
// recipient's server would have: with the address and HELO name of the client the receiving ADMD accepted
// the message from (entry-hop.ts), and the envelope sender the final delivery wrote into Return-Path
// (RFC 5321 §4.4). Every DNS question goes through our DnsClient (the adapter of spf-check-host.ts), never
// the system's resolver.

export interface AuthenticateReceivedOptions {
  readonly dns: DnsClient;
}

/** What the receiving ADMD saw of the sending client, read from the delivered copy's header. */
export interface ClientOfCopy {
  readonly ip: string | null;
  /** The EHLO name, as the `from` clause of the entry hop's Received field records it. */
  readonly helo: string | null;
  /** The receiving host's own name (`by`), which mailauth writes as the authserv-id. */
  readonly mta: string | null;
  /** The envelope sender: '' for the null sender `<>`, null when there is no Return-Path. */
  readonly sender: string | null;
}

export function clientOfCopy(raw: Buffer | string): ClientOfCopy {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  const fields = parseHeaderFields(splitHeaderSection(text).header);
  const hop = entryHop(receivedHops(fields));
  const returnPath = firstHeader(fields, 'return-path');
  const sender = returnPath === null ? null : (/<([^<>]*)>/.exec(returnPath)?.[1] ?? returnPath).trim();
  return { ip: hop?.fromAddress ?? null, helo: hop?.from ?? null, mta: hop?.by ?? null, sender };
}

export async function authenticateReceived(
  raw: Buffer | string,
  options: AuthenticateReceivedOptions,
): Promise<AuthResults> {
  const client = clientOfCopy(raw);
  const result = await authenticate(raw, {
    ...(client.ip ? { ip: client.ip } : {}),
    ...(client.helo ? { helo: client.helo } : {}),
    ...(client.sender !== null ? { sender: client.sender } : {}),
    mta: client.mta ?? 'mailops',
    // The MX answers are objects, which mailauth's DNSResolver type leaves out.
    resolver: mailauthResolver(options.dns) as DNSResolver,
    disableArc: true,
    disableBimi: true,
  });
  const fromDomain = domainOf(result.dkim.headerFrom[0] ?? '');
  const spf = result.spf;
  const dmarc = result.dmarc;
  return {
    spf: spf ? { result: spf.status.result, domain: spf.domain || null } : { result: 'none', domain: null },
    dkim: result.dkim.results
      .filter((r) => r.signingDomain && r.selector)
      .map((r) => ({
        result: r.status.result,
        domain: r.signingDomain!.toLowerCase(),
        selector: r.selector!,
        aligned: alignedSignature(r, fromDomain),
        ...keyOf(r),
      })),
    dmarc: dmarc
      ? { result: dmarc.status.result, policy: dmarc.policy || null, domain: dmarc.domain || null }
      : { result: 'none', policy: null, domain: null },
  };
}

/**
 * mailauth reads the RSA modulus length of the key it fetched; an Ed25519 key (RFC 8463 §3) has none and is
 * always 32 bytes, 256 bits, known once the key was fetched.
 */
function keyOf(r: { algo?: string; modulusLength?: number; publicKey?: unknown }): {
  keyType: 'rsa' | 'ed25519' | null;
  keyBits: number | null;
} {
  const algo = (r.algo ?? '').toLowerCase();
  const keyType = algo.startsWith('rsa-') ? 'rsa' : algo.startsWith('ed25519-') ? 'ed25519' : null;
  const keyBits = r.modulusLength ?? (keyType === 'ed25519' && r.publicKey ? 256 : null);
  return { keyType, keyBits };
}

/**
 * Whether a signature aligns with the From domain as the receiver judged it: mailauth follows the DMARC
 * record it found (adkim=s asks for the very domain; relaxed compares organisational domains found by the
 * RFC 9989 tree walk). Without that answer, RFC 7489 §3.1.1 relaxed alignment by the Public Suffix List.
 */
function alignedSignature(
  r: { signingDomain?: string; status: { aligned?: string | false } },
  fromDomain: string | null,
): boolean {
  if (r.status.aligned !== undefined) return r.status.aligned !== false;
  return (
    fromDomain !== null &&
    organisationalDomain(r.signingDomain!.toLowerCase()) === organisationalDomain(fromDomain)
  );
}

function domainOf(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at >= 0 && at < address.length - 1 ? address.slice(at + 1).toLowerCase() : null;
}
