// What a message that reached a probe's target mailbox (or the sender's, for bounces) says about the probe.
// Order matters, each step for a reason:
// 1. multipart/report; report-type=delivery-status (RFC 3464 §2, RFC 6522) is a bounce or a delay or success
//    notice, whatever else it carries (Postfix's DSNs also say `Auto-Submitted: auto-replied`). Other report
//    types (RFC 8098 read receipts, RFC 5965 abuse reports) are not classified: unrelated.
// 2. Our own `X-Mailops-Probe` header, or the probe's Message-ID, at the top: the probe itself, delivered.
// 3. A bounce without a delivery-status part: from a mailer daemon or with a null sender that is not a
//    declared auto-reply, and a bounce-like Subject or text with an SMTP or RFC 3463 code (stated-status.ts);
//    its recipients come from the text, with low confidence.
// 4. A message in the probe's thread (In-Reply-To / References, RFC 5322 §3.6.4) or naming its id in the
//    Subject: an auto-reply when automatic (RFC 3834, auto-reply.ts), else a person's reply; a Subject
//    that only names the id and is not a reply is the probe with its header stripped by a gateway.
// Never throws: anything unreadable is unrelated, or a bounce with what could be read.

import { automationOf } from './auto-reply.ts';
import { BOUNCE_BODY, BOUNCE_SUBJECT, ownWords, readBounce } from './bounce.ts';
import { classifyBounceText } from './bounce-text.ts';
import { firstHeader } from './header-block.ts';
import { type MessageView, readMessage } from './message-view.ts';
import { carriesProbeHeader, findProbe, hasMessageId } from './probe-match.ts';
import { receivedHops } from './received.ts';
import { relateBounce, relateReply } from './relate.ts';
import type { ProbeOutcome, ProbeRef } from './types.ts';

const UNRELATED: ProbeOutcome = { kind: 'unrelated' };
const DAEMON = /^(?:mailer-daemon|postmaster|mail-daemon|maildaemon)@|^microsoftexchange[0-9a-f]{32}@/i;
const REPLY_PREFIX = /^\s*(?:re|aw|sv|antw|balas|jawab)\s*:/i;
const FORWARD_PREFIX = /^\s*(?:fwd?|tr|wg|kiriman semula|majukan)\s*:/i;

export async function classifyProbeMessage(
  raw: Buffer | string,
  probes: ProbeRef | readonly ProbeRef[],
): Promise<ProbeOutcome> {
  try {
    const list: readonly ProbeRef[] = Array.isArray(probes) ? probes : [probes as ProbeRef];
    return classifyView(await readMessage(raw), list);
  } catch {
    return UNRELATED;
  }
}

export function classifyView(view: MessageView, probes: readonly ProbeRef[]): ProbeOutcome {
  // A gateway that adds a banner wraps the report in multipart/mixed; its delivery-status part (RFC 3464 §2)
  // still says what became of the probe, whoever the wrapper claims to be from.
  if (view.mimeType === 'multipart/report' || view.deliveryStatus.length > 0) {
    return view.reportType === 'delivery-status' || view.deliveryStatus.length > 0
      ? bounceOutcome(view, probes)
      : UNRELATED;
  }
  const own = findProbe(probes, (p) => carriesProbeHeader(view.fields, p));
  if (own) return delivered(view, own, 'header');
  const sameId = findProbe(probes, (p) => hasMessageId(view.fields, p));
  if (sameId) return delivered(view, sameId, 'message_id');
  if (looksLikeBounce(view)) return bounceOutcome(view, probes);

  const relation = relateReply(view, probes);
  if (!relation) return UNRELATED;
  const automation = automationOf(view.fields, view.subject);
  const base = {
    probeId: relation.probe.id,
    matchedBy: relation.matchedBy,
    from: view.from,
    subject: view.subject,
  };
  if (automation.automatic) {
    return {
      kind: 'auto_reply',
      ...base,
      autoSubmitted: automation.autoSubmitted,
      signals: automation.signals,
      confidence: automation.autoSubmitted ? 'high' : 'low',
    };
  }
  if (relation.matchedBy !== 'subject' || REPLY_PREFIX.test(view.subject ?? ''))
    return { kind: 'reply', ...base };
  return FORWARD_PREFIX.test(view.subject ?? '') ? UNRELATED : delivered(view, relation.probe, 'subject');
}

function delivered(
  view: MessageView,
  probe: ProbeRef,
  matchedBy: 'header' | 'message_id' | 'subject',
): ProbeOutcome {
  const hops = receivedHops(view.fields);
  return {
    kind: 'delivered',
    probeId: probe.id,
    matchedBy,
    messageId: firstHeader(view.fields, 'message-id'),
    receivedAt: hops[0]?.at ?? null,
    hops,
  };
}

function bounceOutcome(view: MessageView, probes: readonly ProbeRef[]): ProbeOutcome {
  const reading = readBounce(view);
  const relation = relateBounce(view, probes, reading.status?.originalMessageId ?? null);
  if (!relation) return UNRELATED;
  return {
    kind: 'bounce',
    probeId: relation.probe.id,
    matchedBy: relation.matchedBy,
    standard: reading.standard,
    confidence: reading.standard ? 'high' : 'low',
    reportingMta: reading.status?.reportingMta ?? null,
    arrivalDate: reading.status?.arrivalDate ?? null,
    recipients: reading.recipients,
    returned: view.returned.some((r) => r.kind === 'message')
      ? 'message'
      : view.returned.length > 0
        ? 'headers'
        : 'none',
  };
}

function looksLikeBounce(view: MessageView): boolean {
  const daemon =
    DAEMON.test(view.from ?? '') ||
    /mail delivery (?:system|subsystem)/i.test(firstHeader(view.fields, 'from') ?? '');
  // RFC 3834 §3.3 asks every responder to send from the null reverse-path, as RFC 5321 §4.5.5 asks of
  // bounces: a null sender that also declares itself a reply (Auto-Submitted, §5; an auto-reply Subject)
  // is a responder, such as a vacation notice, and a bounce only when its Subject says so and its text
  // gives a code.
  const nullSender = /^<\s*>$/.test(firstHeader(view.fields, 'return-path') ?? '') && !declaresReply(view);
  const words = ownWords(view.text);
  const reading = classifyBounceText(words);
  const coded = reading.status !== null || reading.smtpCode !== null;
  const subjectSays = BOUNCE_SUBJECT.test(view.subject ?? '');
  return (
    ((daemon || nullSender) && (subjectSays || coded || BOUNCE_BODY.test(words))) || (subjectSays && coded)
  );
}

function declaresReply(view: MessageView): boolean {
  const { signals } = automationOf(view.fields, view.subject);
  return signals.includes('auto_submitted') || signals.includes('subject_prefix');
}
