import type { Secret } from '../../config/secret.ts';
import type { ProbeOutcome, ReceivedHop } from './types.ts';

// The contract of the delivery probes (issue 6): where the probe mailboxes are, what one probe reports, and
// what a whole delivery check of a monitored domain returns. The circular asks for scheduled delivery tests
// from an outside mailbox into the agency (4(c)); the SOP's investigation tests both directions (4.2 step 3).

/** How a client reaches a server: STARTTLS on a plain port (587, 143), implicit TLS (465, 993), or none. */
export type TransportSecurity = 'starttls' | 'tls' | 'none';

export interface MailEndpoint {
  readonly host: string;
  readonly port: number;
  readonly security: TransportSecurity;
  /** The name the certificate is checked against when `host` is an address; defaults to `host`. */
  readonly servername?: string;
}

/** One probe mailbox: its address, how to submit mail as it, and how to read it (null: send only). */
export interface ProbeMailbox {
  readonly address: string;
  readonly username: string;
  /** From the environment or the secrets file; never logged, never in an error message. */
  readonly password: Secret;
  readonly submission: MailEndpoint;
  readonly imap: MailEndpoint | null;
}

/** A domain the daily checklist watches, with its two probe mailboxes. */
export interface MonitoredDomain {
  readonly domain: string;
  /** node-cron expression in Asia/Kuala_Lumpur. */
  readonly schedule: string;
  /** A test mailbox inside the agency ("test user", SOP 4.2 step 3). */
  readonly agency: ProbeMailbox;
  /** A mailbox at an external provider (Gmail, Yahoo, …; circular 4(c)). */
  readonly outside: ProbeMailbox;
}

/** The `delivery:` section of the configuration, read into milliseconds and bytes. */
export interface DeliverySettings {
  /** How long a probe waits for its delivery, a bounce or a reply. */
  readonly deadlineMs: number;
  /** After a delivery, how much longer to wait for an auto-reply (RFC 3834) from the recipient. */
  readonly replyGraceMs: number;
  /** Send the two size probes (just under and just over `sizeLimitBytes`). */
  readonly sizeProbes: boolean;
  /** Circular 4(f)(iii): 10 MB, counted as 10 × 1024 × 1024 bytes as Postfix's message_size_limit is. */
  readonly sizeLimitBytes: number;
  /** Circular 4(f)(i): at least 100 MB per mailbox. */
  readonly minimumMailboxBytes: number;
  /** Good practice (seed 002): warn before a mailbox is full, at these percentages of the quota, ascending. */
  readonly quotaWarningPercents: readonly number[];
  /** Domains served by the e-mail service besides the monitored ones (SOP 4.2 step 3, first bullet). */
  readonly serviceDomains: readonly string[];
  readonly domains: readonly MonitoredDomain[];
}

export type ProbeDirection = 'inbound' | 'outbound';

/** Which probe: a normal one each way, and the two size probes (always inbound: the agency's limit). */
export type ProbeKind = 'inbound' | 'outbound' | 'size_under' | 'size_over';

/** How the submission of a probe ended; a refusal carries the server's reply. */
export type SubmissionResult = AcceptedSubmission | FailedSubmission;

/** What an attempt to submit can end in: everything but `not_sent`, which is the attempt not made. */
export type SubmissionAttempt = AcceptedSubmission | FailedSubmission<Exclude<SubmissionFailure, 'not_sent'>>;

interface AcceptedSubmission {
  readonly ok: true;
  readonly messageId: string;
  readonly acceptedAt: Date;
  readonly response: string;
}

interface FailedSubmission<F extends SubmissionFailure = SubmissionFailure> {
  readonly ok: false;
  /**
   * `refused`: the server answered no (with `code` and `response`); `not_sent`: not attempted, because a
   * mailbox the probe must watch could not be opened first; otherwise the server could not be asked.
   */
  readonly failure: F;
  readonly code: number | null;
  readonly response: string | null;
}

export const SUBMISSION_FAILURES = ['refused', 'auth', 'timeout', 'connection', 'tls', 'not_sent'] as const;
export type SubmissionFailure = (typeof SUBMISSION_FAILURES)[number];

/** Why a probe mailbox could not be opened or read (imap-connect.ts). */
export const IMAP_FAILURES = ['login', 'timeout', 'tls', 'connection', 'error'] as const;
export type ImapFailure = (typeof IMAP_FAILURES)[number];

/**
 * Why a probe could not be tested, each with a text under `mailtest.delivery.reason.*`: its submission
 * could not be made (a refusal is a result, not a reason), or a mailbox it watches could not be read, or
 * the watch was lost before anything came, or the recipient has no IMAP and nothing came back to say what
 * became of the probe (`imap_unwatched`), or mailops was stopping (`stopped`).
 */
export type UntestedReason =
  | `submission_${Exclude<SubmissionFailure, 'refused' | 'not_sent'>}`
  | `imap_${ImapFailure | 'lost' | 'unwatched'}`
  | 'stopped';

export const UNTESTED_REASONS: readonly UntestedReason[] = [
  ...SUBMISSION_FAILURES.flatMap((f) =>
    f === 'refused' || f === 'not_sent' ? [] : [`submission_${f}` as const],
  ),
  ...[...IMAP_FAILURES, 'lost' as const, 'unwatched' as const].map((f) => `imap_${f}` as const),
  'stopped',
];

/** SPF/DKIM/DMARC of a received copy as `mailauth` evaluates it (RFC 7208, 6376, 7489). */
export interface AuthResults {
  readonly spf: { readonly result: string; readonly domain: string | null };
  readonly dkim: readonly {
    readonly result: string;
    readonly domain: string;
    readonly selector: string;
    /** The d= domain aligns with the From domain (RFC 7489 §3.1.1, relaxed). */
    readonly aligned: boolean;
    /** From the signature's a= tag (RFC 6376 §3.5, RFC 8463): rsa-sha256 or ed25519-sha256. */
    readonly keyType: 'rsa' | 'ed25519' | null;
    /** The RSA modulus; 256 for an Ed25519 key; null when no key was read. */
    readonly keyBits: number | null;
  }[];
  readonly dmarc: { readonly result: string; readonly policy: string | null; readonly domain: string | null };
}

/** What one probe found. */
export interface ProbeReport {
  readonly kind: ProbeKind;
  readonly direction: ProbeDirection;
  /** The X-Mailops-Probe id; also in the Subject. */
  readonly probeId: string;
  readonly from: string;
  readonly to: string;
  /** Size of the message as submitted (bytes), for the size probes. */
  readonly sizeBytes: number;
  readonly submission: SubmissionResult;
  /**
   * - `delivered`: seen in the recipient's inbox (maybe followed by an auto-reply, in `reply`);
   * - `auto_reply` / `bounce`: only that came back to the sender;
   * - `refused`: the sender's own server refused the submission (a size probe's clean refusal at 552);
   * - `no_answer`: nothing within the deadline;
   * - `untested`: the probe could not be sent or the inbox could not be read (login, timeout, TLS).
   */
  readonly result: 'delivered' | 'auto_reply' | 'bounce' | 'refused' | 'no_answer' | 'untested';
  /** Why it could not be tested, when `result` is `untested`. */
  readonly untestedReason?: UntestedReason;
  /** Time to inbox as the bot saw it (IDLE notification), from the submission's acceptance. */
  readonly timeToInboxMs: number | null;
  readonly seenAt: Date | null;
  /** The delivered copy's top Received date (the recipient server's own time). */
  readonly serverReceivedAt: Date | null;
  readonly hops: readonly ReceivedHop[];
  readonly auth: AuthResults | null;
  /** The bounce, auto-reply or reply that came back to the sender, classified. */
  readonly reply: Exclude<ProbeOutcome, { kind: 'delivered' } | { kind: 'unrelated' }> | null;
  /** Probe messages (and what came back) removed from both mailboxes after reading. */
  readonly cleanedUp: boolean;
}

/** IMAP QUOTA (RFC 9208) of one probe mailbox. */
export type QuotaReport =
  | {
      readonly ok: true;
      readonly mailbox: string;
      readonly usedBytes: number;
      /** null: the server reports no storage limit (unlimited). */
      readonly limitBytes: number | null;
    }
  | {
      readonly ok: false;
      readonly mailbox: string;
      readonly reason: 'unsupported' | 'login' | 'timeout' | 'error';
    };

/** A DKIM selector seen signing a delivered probe, fed to /mailtest's DKIM check. */
export interface LearnedSelector {
  readonly domain: string;
  readonly selector: string;
}
