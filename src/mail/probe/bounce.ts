// The recipients of a bounce: from its RFC 3464 delivery-status part when it has one (standard), else from
// the text people read (qmail, older Exchange, a report whose status part is missing or unreadable).

import { classifyBounceText } from './bounce-text.ts';
import { type DeliveryStatus, parseDeliveryStatus } from './delivery-status.ts';
import type { MessageView } from './message-view.ts';
import type { BounceRecipient, DsnAction } from './types.ts';

export interface BounceReading {
  readonly standard: boolean;
  readonly status: DeliveryStatus | null;
  readonly recipients: readonly BounceRecipient[];
}

/** Where a bounce's own words end and its copy of the original message begins. */
const COPY_MARKER =
  /^(?:--- Below this line is a copy of the message\.|-+ ?This is a copy of the message|-+ ?Original message ?-+|--- The header of the original message is following)/im;
const RECIPIENT_BLOCK = /^<[^<>\s]+@[^<>\s]+>:/m;
/** As many recipients as a delivery-status part is read for (delivery-status.ts). */
const MAX_BLOCKS = 500;
// Exim's delay warning says only "has not yet been delivered" and "Delivery attempts will continue": a delay
// (RFC 3464 §2.3.3 `delayed`), the message may still arrive.
const DELAYED =
  /\bwill (?:be )?retr|still (?:being )?retried|\bdelayed\b|warning only|not yet been delivered|delivery attempts will continue|akan dicuba semula|tertangguh/i;
const FAILED =
  /permanent|given up|gave up|(?:could ?n[o']t|was ?n[o']t|not)\s+(?:be\s+)?delivered|undeliverable|\bfailed\b|tidak dapat dihantar|gagal/i;

export const BOUNCE_SUBJECT =
  /undeliver(?:able|ed)|delivery (?:status notification|failure|failed|has failed|problem|incomplete|delayed)|failure notice|returned mail|mail delivery failed|non-?delivery|could not be delivered|delayed mail|tidak dapat dihantar|gagal dihantar|penghantaran gagal/i;
export const BOUNCE_BODY =
  /qmail-send program|(?:could ?n[o']t|was ?n[o']t|not)\s+(?:be\s+)?delivered|wasn't able to deliver|unable to deliver|delivery (?:to the following recipients? )?(?:has )?failed|permanent (?:error|failure)|undeliverable|tidak dapat dihantar|gagal dihantar/i;

export function readBounce(view: MessageView): BounceReading {
  for (const body of view.deliveryStatus) {
    const status = parseDeliveryStatus(body);
    if (status.recipients.length > 0) return { standard: true, status, recipients: status.recipients };
  }
  const status = view.deliveryStatus[0] ? parseDeliveryStatus(view.deliveryStatus[0]) : null;
  return { standard: false, status, recipients: recipientsFromText(ownWords(view.text)) };
}

export function ownWords(text: string): string {
  const marker = COPY_MARKER.exec(text);
  return marker ? text.slice(0, marker.index) : text;
}

/** One recipient per `<address>:` block (Postfix and qmail list failures so), else one for the whole text. */
function recipientsFromText(text: string): BounceRecipient[] {
  const starts = [...text.matchAll(new RegExp(RECIPIENT_BLOCK.source, 'gm'))]
    .map((m) => m.index)
    .slice(0, MAX_BLOCKS);
  const blocks =
    starts.length > 1 ? starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length)) : [text];
  const preamble = starts.length > 1 ? text.slice(0, starts[0]) : '';
  return blocks.flatMap((block) => {
    const reading = classifyBounceText(block);
    if (!reading.address && !reading.status && reading.smtpCode === null) return [];
    return [
      {
        finalRecipient: reading.address,
        originalRecipient: null,
        action: actionOf(preamble + block, reading.statusClass),
        status: reading.status,
        statusClass: reading.statusClass,
        diagnosticCode: reading.diagnostic,
        diagnosticType: reading.smtpCode === null ? null : 'smtp',
        remoteMta: null,
        lastAttemptDate: null,
        willRetryUntil: null,
        category: reading.category,
      },
    ];
  });
}

function actionOf(text: string, statusClass: BounceRecipient['statusClass']): DsnAction | null {
  if (statusClass === 'success') return null;
  if (statusClass !== 'permanent' && DELAYED.test(text)) return 'delayed';
  if (statusClass === 'permanent' || FAILED.test(text)) return 'failed';
  return null;
}
