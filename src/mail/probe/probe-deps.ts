import type { Logger } from '../../log.ts';
import { trustAnchors as withSystemRoots } from '../tls.ts';
import type { DnsClient } from '../types.ts';

// What the probe engine needs from outside (issue 6): the DNS port for SPF/DKIM/DMARC of a delivered copy,
// extra trust anchors for the servers' certificates, one bound for every network wait, the name to greet
// with, a clock and a logger. run-probe.ts re-exports it as the engine's dependency type.

export interface ProbeDeps {
  readonly dns: DnsClient;
  /** PEM trust anchors added to the system's (a private government CA, the test world's CA). */
  readonly ca?: readonly string[];
  /** The most one network step may wait: TCP connect, a greeting, a reply, a login. */
  readonly timeoutMs: number;
  /** The EHLO name (RFC 5321 §4.1.1.1); nodemailer's default is the machine's host name. */
  readonly heloName?: string;
  readonly now?: () => Date;
  readonly logger?: Logger;
}

/** What the SMTP and IMAP adapters use of ProbeDeps: everything but the resolver. */
export type ConnectDeps = Omit<ProbeDeps, 'dns'>;

export const clockOf = (deps: Pick<ProbeDeps, 'now'>): (() => Date) => deps.now ?? (() => new Date());

/** The caller's CAs with the system's, or Node's defaults untouched when there are none. */
export function trustAnchors(extra: readonly string[] | undefined): string[] | undefined {
  return extra && extra.length > 0 ? withSystemRoots(extra) : undefined;
}

/**
 * Removes a password from text that may reach a log line or a report: as written, and in the base64 forms
 * AUTH LOGIN and AUTH PLAIN put on the wire (RFC 4954 §4, RFC 4616 §2), should a library echo a command.
 */
export function scrubSecret(text: string, secret: string, username?: string): string {
  if (!secret) return text;
  const forms = [secret, Buffer.from(secret).toString('base64')];
  if (username !== undefined) forms.push(Buffer.from(`\0${username}\0${secret}`).toString('base64'));
  return forms.reduce((out, form) => out.split(form).join('***'), text);
}
