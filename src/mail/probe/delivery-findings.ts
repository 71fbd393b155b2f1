import { withinDomain } from '../resolver.ts';
import type { Finding } from '../types.ts';
import { probeRecipient } from './bounce-recipient.ts';
import { authFindings, quotaFindings, tlsFinding } from './delivery-copy-findings.ts';
import {
  address,
  CHECK_ORDER,
  clean,
  type DeliveryCheck,
  type DeliveryFindingSettings,
  duration,
  finding,
  grouped,
  megabytes,
  myt,
  type Params,
  routeOf,
} from './delivery-finding.ts';
import { type ProbeReport, type QuotaReport, UNTESTED_REASONS } from './delivery-types.ts';
import { statusMeaningKey } from './status-code.ts';
import type { BounceCategory, BounceRecipient } from './types.ts';

// What the delivery probes (issue 6) mean, as /mailtest findings: a pure function of the engine's reports.
// Each normal probe gives one outcome finding, its `subject` "from → to": delivered (delivery.inbound or
// .outbound), reached as shown by a reply (.auto_reply), bounced, delayed, no answer within the deadline,
// refused by the sender's own server, or could not test. A delivered copy adds TLS per hop and, for the
// agency's outbound probe, SPF, DKIM and DMARC (delivery-copy-findings.ts). The size probes judge circular
// item 4(f)(iii); the agency mailboxes' quotas 4(f)(i) and the good practice of warning before one fills.

export function deliveryFindings(input: {
  domain: string;
  probes: readonly ProbeReport[];
  quotas: readonly QuotaReport[];
  settings: DeliveryFindingSettings;
}): Finding[] {
  const { probes, settings } = input;
  const agency = agencyMailboxes(input.domain, probes);
  const found = [
    ...probes.flatMap((p) => probeFindings(p, settings)),
    ...input.quotas.filter((q) => agency(q.mailbox)).flatMap((q) => quotaFindings(q, settings)),
  ];
  return found.sort((a, b) => CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check));
}

/**
 * The agency's own mailboxes: the inbound probes' recipients and the outbound probes' senders, and any
 * address in the domain. Only their quotas are the circular's concern; the outside provider's are not.
 */
function agencyMailboxes(domain: string, probes: readonly ProbeReport[]) {
  const own = new Set(
    probes.map((p) => (p.direction === 'outbound' ? p.from : p.to).toLowerCase()).filter(Boolean),
  );
  const zone = domain.toLowerCase();
  return (mailbox: string) => {
    const host = mailbox.toLowerCase().split('@').at(-1) ?? '';
    return own.has(mailbox.toLowerCase()) || withinDomain(host, zone);
  };
}

function probeFindings(p: ProbeReport, s: DeliveryFindingSettings): Finding[] {
  if (p.kind === 'size_under' || p.kind === 'size_over') return [sizeFinding(p, s)];
  const copy = hasCopy(p) ? [tlsFinding(p), ...(isOutbound(p) ? authFindings(p) : [])] : [];
  return [outcomeFinding(p, s), ...copy];
}

const isOutbound = (p: ProbeReport) => p.direction === 'outbound';
const isReply = (reply: ProbeReport['reply']) => reply?.kind === 'auto_reply' || reply?.kind === 'reply';
/** A copy was read from the recipient's inbox; `delivered` on a person's answer alone has none. */
const hasCopy = (p: ProbeReport) =>
  p.result === 'delivered' && (p.seenAt !== null || p.hops.length > 0 || p.auth !== null);

function outcomeFinding(p: ProbeReport, s: DeliveryFindingSettings): Finding {
  const subject = routeOf(p);
  const direction: DeliveryCheck = isOutbound(p) ? 'delivery.outbound' : 'delivery.inbound';
  const route = { from: address(p.from), to: address(p.to) };
  // RFC 3834: a responder answers only what was delivered to the mailbox, so a reply from the recipient side
  // proves the probe arrived where no inbox could be read (a probe mailbox without IMAP). The engine reports
  // a person's answer alone as `delivered`, without a copy.
  const r = p.reply;
  const byReply = p.result === 'auto_reply' || (p.result === 'delivered' && !hasCopy(p) && isReply(r));
  if (byReply && (r?.kind === 'auto_reply' || r?.kind === 'reply')) {
    const evidence = r.kind === 'reply' ? 'person' : r.confidence === 'high' ? 'rfc3834' : 'hints';
    return finding(
      'delivery.auto_reply',
      'pass',
      { ...route, reply_from: address(r.from), evidence },
      subject,
    );
  }
  switch (p.result) {
    case 'delivered':
      return finding(direction, 'pass', { ...route, duration: timeToInbox(p) }, subject);
    case 'auto_reply':
      return finding(direction, 'untested', { reason: 'no_evidence' }, subject);
    case 'bounce':
      return bounceFinding(p, s, route, subject);
    case 'refused':
      // The sender's own server said no before anything travelled: delivery between the two servers was
      // not tried, whoever's server that is. Its reply is shown to whoever runs it.
      return finding('delivery.refused', 'untested', { ...route, reply: replyOf(p) }, subject);
    case 'no_answer':
      return finding(
        'delivery.no_answer',
        'fail',
        { ...route, deadline: duration(s.deadlineMs), message_id: messageIdOf(p) },
        subject,
      );
    default:
      return finding(direction, 'untested', { reason: untestedReason(p) }, subject);
  }
}

/**
 * Categories that say the outside probe mailbox itself is gone, full or wrong: for the agency's outbound
 * probe that is the instrument failing, not the agency's mail (RFC 3463 X.1.x, X.2.x).
 */
const PROBE_MAILBOX: ReadonlySet<BounceCategory> = new Set([
  'unknown_mailbox',
  'bad_address',
  'mailbox_moved',
  'mailbox_disabled',
  'mailbox_full',
  'null_mx',
]);

/** For inbound mail these mean the agency's server refused the outside provider's mail on its own policy. */
const INBOUND_POLICY: ReadonlySet<BounceCategory> = new Set([
  'spf_failed',
  'dkim_failed',
  'dmarc_failed',
  'auth_failed',
  'reverse_dns_failed',
  'blocklisted',
  'policy_refused',
  'rate_limited',
]);

function bounceFinding(p: ProbeReport, s: DeliveryFindingSettings, route: Params, subject: string): Finding {
  const r = recipientOf(p);
  const category = r?.category ?? null;
  const details = { ...route, ...bounceDetails(p, r) };
  // RFC 3464 §2.3.3: `delayed` says the sending server is still trying. The probe missed the deadline all
  // the same, so it fails like no answer, with the server's own reason and how long it will keep trying.
  if (r?.action === 'delayed')
    return finding(
      'delivery.delayed',
      'fail',
      {
        ...details,
        until: myt(r.willRetryUntil),
        deadline: duration(s.deadlineMs),
        message_id: messageIdOf(p),
      },
      subject,
    );
  if (r?.action === 'delivered' || r?.action === 'relayed' || r?.action === 'expanded')
    return finding(
      isOutbound(p) ? 'delivery.outbound' : 'delivery.inbound',
      'untested',
      { reason: 'dsn_not_failure' },
      subject,
    );
  const advice =
    category === null
      ? 'unknown'
      : !isOutbound(p) && INBOUND_POLICY.has(category)
        ? 'inbound_policy'
        : category;
  const verdict = isOutbound(p) && category !== null && PROBE_MAILBOX.has(category) ? 'untested' : 'fail';
  return finding('delivery.bounce', verdict, { ...details, advice }, subject);
}

/** The DSN recipient that is the probe's, else the first that failed, else the first. */
function recipientOf(p: ProbeReport): BounceRecipient | null {
  return p.reply?.kind === 'bounce' ? probeRecipient(p.reply.recipients, p.to) : null;
}

function bounceDetails(p: ProbeReport, r: BounceRecipient | null): Params {
  const reporter = p.reply?.kind === 'bounce' ? p.reply.reportingMta : null;
  const smtpCode = Number(/^\s*([245]\d\d)\b/.exec(r?.diagnosticCode ?? '')?.[1]) || null;
  const meaning = r?.category
    ? `probe.category.${r.category}`
    : (statusMeaningKey(r?.status ?? null, smtpCode) ?? 'mailtest.delivery.meaning.unknown');
  return {
    status: clean(r?.status ?? null, 20),
    meaning,
    diagnostic: clean(r?.diagnosticCode ?? null),
    reporter: clean(reporter, 120),
    remote: clean(r?.remoteMta ?? null, 120),
    recipient: address(r?.finalRecipient ?? r?.originalRecipient ?? p.to),
  };
}

/** RFC 3463 X.3.4 (message too big for system), X.2.3 (for mailbox), or a 552 reply (RFC 5321 §4.2.2). */
function refusedForSize(r: BounceRecipient | null): boolean {
  return (
    r?.category === 'message_too_big' ||
    /^[45]\.(3\.4|2\.3)$/.test(r?.status ?? '') ||
    /^\s*552\b/.test(r?.diagnosticCode ?? '')
  );
}

/**
 * Circular 4(f)(iii): the agency takes messages up to 10 MB and refuses bigger ones. The size probes are
 * inbound; `refused` is the outside provider's own submission server saying no (send.ts declares SIZE to it),
 * which says nothing about the agency's limit, so it is untested, never a pass or a fail.
 */
function sizeFinding(p: ProbeReport, s: DeliveryFindingSettings): Finding {
  const under = p.kind === 'size_under';
  const check: DeliveryCheck = under ? 'delivery.size_under' : 'delivery.size_over';
  const subject = routeOf(p);
  const size = {
    mb: megabytes(p.sizeBytes, under ? 'down' : 'up'),
    bytes: grouped(p.sizeBytes),
    limit: megabytes(s.sizeLimitBytes, 'down'),
    limit_bytes: String(Math.round(s.sizeLimitBytes)),
  };
  const untested = (reason: string, detail: string) =>
    finding(check, 'untested', { ...size, reason, detail }, subject);
  if (p.result === 'refused') return untested('sender_refused', replyOf(p));
  if (p.result === 'no_answer') return untested('no_answer', duration(s.deadlineMs));
  if (p.result !== 'delivered' && p.result !== 'auto_reply' && p.result !== 'bounce')
    return untested(untestedReason(p), '—');
  const valid = Number.isFinite(p.sizeBytes) && p.sizeBytes > 0;
  if (!valid || (under ? p.sizeBytes > s.sizeLimitBytes : p.sizeBytes <= s.sizeLimitBytes))
    return untested('size_mismatch', `${size.bytes} / ${grouped(s.sizeLimitBytes)}`);
  if (hasCopy(p) || isReply(p.reply)) return finding(check, under ? 'pass' : 'fail', size, subject);
  if (p.result === 'bounce') {
    const r = recipientOf(p);
    const details = bounceDetails(p, r);
    const detail = `${details.status} ${details.diagnostic}`;
    if (r?.action === 'delayed') return untested('delayed', detail);
    if (!refusedForSize(r)) return untested('bounced_other', detail);
    return finding(check, under ? 'fail' : 'pass', { ...size, ...details }, subject);
  }
  return untested(p.result === 'delivered' ? 'no_evidence' : untestedReason(p), '—');
}

const KNOWN_REASONS: ReadonlySet<string> = new Set(UNTESTED_REASONS);

/** A reason with a text of its own, else `other` (a report from an older release, say). */
function untestedReason(p: ProbeReport): string {
  const given = p.untestedReason ?? (p.submission.ok ? null : `submission_${p.submission.failure}`);
  return given && KNOWN_REASONS.has(given) ? given : 'other';
}

const timeToInbox = (p: ProbeReport): string => {
  const ms =
    p.timeToInboxMs ??
    (p.seenAt && p.submission.ok ? p.seenAt.getTime() - p.submission.acceptedAt.getTime() : Number.NaN);
  return Number.isFinite(ms) && ms >= 0 ? duration(ms) : 'unknown';
};

function replyOf(p: ProbeReport): string {
  if (p.submission.ok) return '—';
  return clean([p.submission.code, p.submission.response].filter((x) => x !== null).join(' ') || null);
}

/** The fix texts put it in a `grep` command a person pastes: only characters a shell leaves alone. */
const messageIdOf = (p: ProbeReport) =>
  p.submission.ok ? p.submission.messageId.replace(/[^A-Za-z0-9.@_+=<>-]/g, '').slice(0, 200) || '—' : '—';
