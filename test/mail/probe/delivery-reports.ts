import type { AuthResults, ProbeReport, QuotaReport } from '../../../src/mail/probe/delivery-types.ts';
import { parseReceived } from '../../../src/mail/probe/received.ts';
import type { BounceRecipient, ProbeOutcome } from '../../../src/mail/probe/types.ts';

// Synthetic delivery-probe reports for the findings' tests, shaped as the engine (src/mail/probe/run-probe.ts)
// reports them: an agency test mailbox and an outside one at Gmail, a probe each way, the two size probes
// around Postfix's 10 MiB, hops parsed from real Received fields, and DSNs as Gmail and Postfix write them.

export const DOMAIN = 'agensi.gov.my';
export const AGENCY = 'ujian.mel@agensi.gov.my';
export const OUTSIDE = 'mailops.ujian@gmail.com';
export const LIMIT = 10 * 1024 * 1024;

export const SETTINGS = {
  deadlineMs: 300_000,
  sizeLimitBytes: LIMIT,
  minimumMailboxBytes: 100 * 1024 * 1024,
  quotaWarningPercents: [80, 90, 95],
};

const ACCEPTED = new Date('2026-11-28T00:30:00Z');

type Bounce = Extract<ProbeOutcome, { kind: 'bounce' }>;
type Reply = Extract<ProbeOutcome, { kind: 'auto_reply' | 'reply' }>;

/** Received fields of the probe into the agency: Gmail's own pickup, Gmail → MX over TLS 1.3, LMTP. */
export const INBOUND_HOPS = [
  'from mx1.agensi.gov.my (mx1.agensi.gov.my [10.10.1.5]) by mbox1.agensi.gov.my with LMTP id Ab12Cd for <ujian.mel@agensi.gov.my>; Sat, 28 Nov 2026 08:30:04 +0800',
  'from mail-ej1-f41.google.com (mail-ej1-f41.google.com [209.85.218.41]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested) by mx1.agensi.gov.my (Postfix) with ESMTPS id 4Xyz1p2q3r for <ujian.mel@agensi.gov.my>; Sat, 28 Nov 2026 08:30:03 +0800 (+08)',
  'by mail-ej1-f41.google.com with SMTP id a640c23a62f3a-a9a0ef5179dso123456766b.1 for <ujian.mel@agensi.gov.my>; Sat, 28 Nov 2026 00:30:02 -0800 (PST)',
].map(parseReceived);

/** Received fields of the probe out of the agency: submission, then the agency's server to Gmail's MX. */
export const OUTBOUND_HOPS = [
  'from mail.agensi.gov.my (mail.agensi.gov.my. [203.0.113.25]) by mx.google.com with ESMTPS id d9443c01a7336-2e3f0a1b2c3si123456 for <mailops.ujian@gmail.com> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Sat, 28 Nov 2026 00:31:02 -0800 (PST)',
  'from [10.10.2.30] (unknown [10.10.2.30]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (Authenticated sender: ujian.mel@agensi.gov.my) by mail.agensi.gov.my (Postfix) with ESMTPSA id 4Xab9c; Sat, 28 Nov 2026 16:31:01 +0800 (+08)',
].map(parseReceived);

/** A hop inside the agency without TLS (Postfix `with ESMTP`), one on TLS 1.0, and an Exchange MAPI one. */
export const PLAIN_HOP = parseReceived(
  'from relay.agensi.gov.my (relay.agensi.gov.my [10.10.1.9]) by mail.agensi.gov.my (Postfix) with ESMTP id 4Xcd; Sat, 28 Nov 2026 16:31:01 +0800',
);
export const TLS10_HOP = parseReceived(
  'from old.agensi.gov.my (old.agensi.gov.my [10.10.1.8]) by mail.agensi.gov.my (version=TLS1_0 cipher=ECDHE-RSA-AES256-SHA) with ESMTPS id 4Xce; Sat, 28 Nov 2026 16:31:01 +0800',
);
export const MAPI_HOP = parseReceived(
  'from EXCH01.agensi.local (10.10.3.4) by EXCH02.agensi.local with mapi id 15.2.1544.4; Sat, 28 Nov 2026 16:31:00 +0800',
);

export const GOOD_AUTH: AuthResults = {
  spf: { result: 'pass', domain: DOMAIN },
  dkim: [
    { result: 'pass', domain: DOMAIN, selector: 'mel2026', aligned: true, keyType: 'rsa', keyBits: 2048 },
  ],
  dmarc: { result: 'pass', policy: 'reject', domain: DOMAIN },
};

export function authWith(over: Partial<AuthResults>): AuthResults {
  return { ...GOOD_AUTH, ...over };
}

/** One probe as the engine reports it: delivered in 4.2 s unless told otherwise. */
export function probe(over: Partial<ProbeReport> = {}): ProbeReport {
  const kind = over.kind ?? 'inbound';
  const direction = over.direction ?? (kind === 'outbound' ? 'outbound' : 'inbound');
  const [from, to] = direction === 'outbound' ? [AGENCY, OUTSIDE] : [OUTSIDE, AGENCY];
  const sizeBytes = kind === 'size_under' ? LIMIT - 10_000 : kind === 'size_over' ? LIMIT + 100_000 : 2_310;
  return {
    kind,
    direction,
    probeId: 'mop-5kq2w8rz3h',
    from,
    to,
    sizeBytes,
    submission: {
      ok: true,
      messageId: '<1764289800000.7f3e9a@mailops.agensi.gov.my>',
      acceptedAt: ACCEPTED,
      response: '250 2.0.0 OK  1764289800 a640c23a62f3a-a9a0ef5179dsm1234567',
    },
    result: 'delivered',
    timeToInboxMs: 4_200,
    seenAt: new Date(ACCEPTED.getTime() + 4_200),
    serverReceivedAt: new Date(ACCEPTED.getTime() + 3_000),
    hops: direction === 'outbound' ? OUTBOUND_HOPS : INBOUND_HOPS,
    auth: direction === 'outbound' ? GOOD_AUTH : null,
    reply: null,
    cleanedUp: true,
    ...over,
  };
}

/** What came back instead of a delivery; the inbox was never seen. */
export function answered(over: Partial<ProbeReport>): ProbeReport {
  return probe({ timeToInboxMs: null, seenAt: null, serverReceivedAt: null, hops: [], auth: null, ...over });
}

/** Gmail's DSN for the inbound probe, refused by the agency's MX (5.1.1 unless told otherwise). */
export function dsn(recipient: Partial<BounceRecipient> = {}, over: Partial<Bounce> = {}): Bounce {
  return {
    kind: 'bounce',
    probeId: 'mop-5kq2w8rz3h',
    matchedBy: 'header',
    standard: true,
    confidence: 'high',
    reportingMta: 'googlemail.com',
    arrivalDate: ACCEPTED,
    returned: 'headers',
    recipients: [
      {
        finalRecipient: AGENCY,
        originalRecipient: null,
        action: 'failed',
        status: '5.1.1',
        statusClass: 'permanent',
        diagnosticCode: `550 5.1.1 <${AGENCY}>: Recipient address rejected: User unknown in virtual mailbox table`,
        diagnosticType: 'smtp',
        remoteMta: 'mx1.agensi.gov.my',
        lastAttemptDate: ACCEPTED,
        willRetryUntil: null,
        category: 'unknown_mailbox',
        ...recipient,
      },
    ],
    ...over,
  };
}

/** A Sieve vacation reply (RFC 3834 Auto-Submitted), or hints only, or a person's answer. */
export function autoReply(confidence: 'high' | 'low' = 'high', from = AGENCY): Reply {
  return {
    kind: 'auto_reply',
    probeId: 'mop-5kq2w8rz3h',
    matchedBy: 'in_reply_to',
    from,
    subject: 'Auto: mailops probe',
    autoSubmitted: confidence === 'high' ? 'auto-replied' : null,
    signals: confidence === 'high' ? ['auto_submitted'] : ['subject_prefix', 'null_return_path'],
    confidence,
  };
}

export const personReply = (from = AGENCY): Reply => ({
  kind: 'reply',
  probeId: 'mop-5kq2w8rz3h',
  matchedBy: 'in_reply_to',
  from,
  subject: 'Re: mailops probe',
});

/** A refusal by the sender's own submission server (RFC 6409), with the server's reply. */
export const refusedSubmission = (
  code: number | null,
  response: string | null,
): ProbeReport['submission'] => ({
  ok: false,
  failure: 'refused',
  code,
  response,
});

export const quota = (usedMb: number, limitMb: number | null, mailbox = AGENCY): QuotaReport => ({
  ok: true,
  mailbox,
  usedBytes: usedMb * 1024 * 1024,
  limitBytes: limitMb === null ? null : limitMb * 1024 * 1024,
});
