import { X509Certificate } from 'node:crypto';
import {
  checkServerIdentity,
  type DetailedPeerCertificate,
  getCACertificates,
  type TLSSocket,
} from 'node:tls';
import type { CertificateFacts, TlsSession } from './smtp-client.ts';

// TLS as the probes see it: which certificate authorities the SMTP probe and the delivery probes trust (a `ca`
// option replaces Node's defaults rather than adding to them, so a private CA alone would make every public
// certificate fail), and what a session tells about itself and its certificate, reported apart from whether
// STARTTLS was offered.

let trustedRoots: string[] | undefined;

/** Node's bundled roots and the system's store, plus the caller's CA (tests, a private government CA). */
export function trustAnchors(extra: string | readonly string[] | undefined): string[] {
  trustedRoots ??= [...new Set([...getCACertificates('default'), ...getCACertificates('system')])];
  return extra === undefined
    ? trustedRoots
    : [...trustedRoots, ...(typeof extra === 'string' ? [extra] : extra)];
}

export function describeTls(secure: TLSSocket, servername: string): TlsSession {
  const peer = secure.getPeerCertificate(true);
  const error = secure.authorizationError as unknown;
  return {
    protocol: secure.getProtocol() ?? 'unknown',
    cipher: secure.getCipher()?.name ?? 'unknown',
    chainError: error ? String((error as { code?: string }).code ?? error) : undefined,
    certificate: peer?.raw ? certificateFacts(peer, servername) : undefined,
  };
}

function certificateFacts(peer: DetailedPeerCertificate, servername: string): CertificateFacts | undefined {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(peer.raw);
  } catch {
    return undefined; // what the server sent is not for us to crash on; the probe reports it as untested
  }
  const name = (cn: string | string[] | undefined, full: string) =>
    (Array.isArray(cn) ? cn[0] : cn) ?? full.replaceAll('\n', ', ');
  return {
    subject: name(peer.subject?.CN, x509.subject),
    issuer: name(peer.issuer?.CN, x509.issuer),
    names: peer.subjectaltname ?? '-',
    validFrom: x509.validFromDate,
    validTo: x509.validToDate,
    selfSigned: x509.checkIssued(x509) && x509.verify(x509.publicKey),
    nameError: nameError(peer, servername),
  };
}

// RFC 8461 §4.2: the MX host must be a subjectAltName DNS-ID. checkServerIdentity falls back to the subject
// CN when a certificate has no DNS names (RFC 6125 §6.4.4's last resort), which MTA-STS does not allow.
function nameError(peer: DetailedPeerCertificate, servername: string): string | undefined {
  if (!/(^|,\s*)DNS:/.test(peer.subjectaltname ?? '')) return 'no subjectAltName DNS name';
  return checkServerIdentity(servername, peer)?.message;
}
