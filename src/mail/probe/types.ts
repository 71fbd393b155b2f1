// The vocabulary of the delivery probes' classification (issue 6): what came back for a probe, read from raw
// messages by pure functions. Words a person reads come from the `probe.*` catalog, never from here.

/** The probe a message may answer: the `X-Mailops-Probe` id (also in its Subject) and its Message-ID. */
export interface ProbeRef {
  readonly id: string;
  /** With or without angle brackets; needed to relate replies (In-Reply-To) and most bounces. */
  readonly messageId?: string;
}

/** RFC 3463 §3.1: class 2 success, 4 persistent transient failure, 5 permanent failure. */
export type StatusClass = 'success' | 'persistent' | 'permanent';

/** RFC 3464 §2.3.3. */
export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

/** What a bounce means for the person, each with a text at `probe.category.<category>`. */
export type BounceCategory =
  | 'unknown_mailbox'
  | 'bad_domain'
  | 'bad_address'
  | 'null_mx'
  | 'mailbox_moved'
  | 'mailbox_disabled'
  | 'mailbox_full'
  | 'message_too_big'
  | 'no_answer'
  | 'unable_to_route'
  | 'expired'
  | 'relay_denied'
  | 'spf_failed'
  | 'dkim_failed'
  | 'dmarc_failed'
  | 'auth_failed'
  | 'reverse_dns_failed'
  | 'blocklisted'
  | 'policy_refused'
  | 'policy_deferred'
  | 'greylisted'
  | 'rate_limited';

export interface BounceRecipient {
  /** The address (RFC 3464 §2.3.2, `rfc822;` type stripped). */
  readonly finalRecipient: string | null;
  readonly originalRecipient: string | null;
  readonly action: DsnAction | null;
  /** RFC 3463 class.subject.detail, e.g. `5.1.1`. */
  readonly status: string | null;
  readonly statusClass: StatusClass | null;
  /** The diagnostic text without its type, e.g. `550 5.1.1 <a@b>: Recipient address rejected: …`. */
  readonly diagnosticCode: string | null;
  /** The diagnostic's type, lower-case: `smtp`, or `x-postfix` and the like for non-SMTP failures. */
  readonly diagnosticType: string | null;
  readonly remoteMta: string | null;
  readonly lastAttemptDate: Date | null;
  /** RFC 3464 §2.3.9, sent with `Action: delayed`. */
  readonly willRetryUntil: Date | null;
  readonly category: BounceCategory | null;
}

/** How a message was tied to the probe, strongest first. */
export type ProbeMatch = 'header' | 'message_id' | 'in_reply_to' | 'references' | 'subject' | 'mention';

/** Why a message is taken as automatic (RFC 3834 and the common non-standard hints). */
export type AutoReplySignal =
  | 'auto_submitted'
  | 'precedence'
  | 'x_autoreply'
  | 'x_autorespond'
  | 'ms_inbox_rules_loop'
  | 'ms_auto_response_suppress'
  | 'null_return_path'
  | 'subject_prefix';

/** One `Received:` field (RFC 5321 §4.4), in the order found: the top one is the last hop. */
export interface ReceivedHop {
  readonly from: string | null;
  /** The address the receiving server saw, from the TCP-info comment, e.g. `127.0.0.2`. */
  readonly fromAddress: string | null;
  readonly by: string | null;
  /** The `with` protocol as written: `ESMTPS`, `LMTP`, `Microsoft SMTP Server`, `HTTPS`. */
  readonly with: string | null;
  /** Normalised to `TLSv1.2` / `TLSv1.3` when stated. */
  readonly tlsVersion: string | null;
  readonly tlsCipher: string | null;
  /** true with evidence of TLS, false when the hop says it had none, null when it does not say. */
  readonly encrypted: boolean | null;
  /** Within one host (LMTP, loopback, localhost): encryption does not apply. */
  readonly local: boolean;
  readonly at: Date | null;
}

export type ProbeOutcome =
  | {
      readonly kind: 'delivered';
      readonly probeId: string;
      readonly matchedBy: 'header' | 'message_id' | 'subject';
      readonly messageId: string | null;
      /** The date of the top Received field: when the mailbox's server took it in. */
      readonly receivedAt: Date | null;
      readonly hops: readonly ReceivedHop[];
    }
  | {
      readonly kind: 'auto_reply';
      readonly probeId: string;
      readonly matchedBy: ProbeMatch;
      readonly from: string | null;
      readonly subject: string | null;
      /** The Auto-Submitted keyword (`auto-replied`, `auto-generated`), null when only hints were seen. */
      readonly autoSubmitted: string | null;
      readonly signals: readonly AutoReplySignal[];
      /** high: RFC 3834 Auto-Submitted; low: hints only. */
      readonly confidence: 'high' | 'low';
    }
  | {
      /** A person answered the probe (no sign of automation): it was delivered and read. */
      readonly kind: 'reply';
      readonly probeId: string;
      readonly matchedBy: ProbeMatch;
      readonly from: string | null;
      readonly subject: string | null;
    }
  | {
      readonly kind: 'bounce';
      readonly probeId: string;
      readonly matchedBy: ProbeMatch;
      /** true: an RFC 3464 delivery-status part was read; false: recovered from the human-readable text. */
      readonly standard: boolean;
      readonly confidence: 'high' | 'low';
      readonly reportingMta: string | null;
      readonly arrivalDate: Date | null;
      readonly recipients: readonly BounceRecipient[];
      /** What of the probe came back: the whole message, its headers only, or nothing separate. */
      readonly returned: 'message' | 'headers' | 'none';
    }
  | { readonly kind: 'unrelated' };

/** What `classifyBounceText` could read from a pasted bounce; every part is null when it is not there. */
export interface BounceTextAnalysis {
  /** Every RFC 3463 code found, in order, without repeats. */
  readonly statusCodes: readonly string[];
  /** The code that describes the failure (a DSN Status field first, then one next to an SMTP reply). */
  readonly status: string | null;
  readonly statusClass: StatusClass | null;
  /** The RFC 5321 §4.2 reply code, e.g. 550. */
  readonly smtpCode: number | null;
  readonly address: string | null;
  /** The server's reply, joined when it spans lines. */
  readonly diagnostic: string | null;
  readonly category: BounceCategory | null;
  /** The one-line meaning to show: the category's text, else the status code's, else its class's. */
  readonly meaningKey: string | null;
}
