import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';

// The probe message as it goes on the wire: our `X-Mailops-Probe` header (how classify-message.ts knows
// the delivered copy), the id in the Subject too (for gateways that strip unknown headers), and a
// Message-ID of our own (how bounces and replies are tied back, RFC 3464 §2.2 / RFC 5322 §3.6.4).
//
// No `Auto-Submitted: auto-generated` and no `Precedence`: RFC 3834 §2 responders stay silent for
// messages marked so, and the probe wants to see the recipient's auto-reply.
//
// Size probes. `sizeBytes` is the size of the whole message as composed, CRLF line ends, before
// dot-stuffing: what RFC 1870 §3 declares in SIZE= and what Postfix counts against message_size_limit
// (smtpd adds each line's length plus 2; cleanup's queue-file records cost about the same per line).
// The message comes out within one base64 line (78 bytes) of `sizeBytes`. Every relay on the way then adds
// its own fields before the recipient's server measures (a Received field of 200–400 bytes per hop, a
// DKIM-Signature of ~500), which is why the size probes keep a wide margin from the limit (delivery.ts).

const PROBE_BODY = [
  'Ini ialah mesej ujian penghantaran daripada mailops. Tiada tindakan diperlukan.',
  'This is a delivery test message from mailops. No action is needed.',
  '',
].join('\r\n');

/** base64 (RFC 2045 §6.8) as nodemailer writes it: 76 characters and CRLF for every 57 input bytes. */
const INPUT_PER_LINE = 57;
const BYTES_PER_LINE = 78;
export const SIZE_TOLERANCE_BYTES = BYTES_PER_LINE;

export interface ProbeMessageSpec {
  readonly from: string;
  readonly to: string;
  readonly probeId: string;
  readonly subject: string;
  readonly messageId: string;
  readonly date: Date;
  readonly sizeBytes?: number;
}

/** `mop-` and ten base-36 characters: a token that is matched whole (probe-match.ts). */
export function newProbeId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `mop-${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** `<millis.hex@mailops.sender-domain>`, unique without a registry. */
export function newMessageId(from: string, at: Date): string {
  const domain = from.slice(from.lastIndexOf('@') + 1) || 'localhost';
  return `<${at.getTime()}.${randomBytes(6).toString('hex')}@mailops.${domain}>`;
}

export async function composeProbe(spec: ProbeMessageSpec): Promise<Buffer> {
  let padding = 0;
  let message = await build(spec, null);
  const target = spec.sizeBytes;
  if (target === undefined || target <= message.length) return message;
  // The size is linear in the padding, a line at a time: a few rounds land within one line.
  for (let round = 0; round < 4; round++) {
    const missing = target - message.length;
    if (Math.abs(missing) <= SIZE_TOLERANCE_BYTES && padding > 0) break;
    padding = Math.max(0, padding + Math.floor((missing * INPUT_PER_LINE) / BYTES_PER_LINE));
    message = await build(spec, padding);
  }
  return message;
}

function build(spec: ProbeMessageSpec, padding: number | null): Promise<Buffer> {
  const subject = spec.subject.includes(spec.probeId) ? spec.subject : `${spec.subject} ${spec.probeId}`;
  return new MailComposer({
    from: spec.from,
    to: spec.to,
    subject,
    date: spec.date,
    messageId: spec.messageId,
    headers: { 'X-Mailops-Probe': spec.probeId },
    text: PROBE_BODY,
    // Random bytes, so no hop can shrink the message by compressing it on the way.
    attachments:
      padding === null
        ? []
        : [
            {
              filename: 'mailops-size-probe.bin',
              contentType: 'application/octet-stream',
              content: randomBytes(padding),
            },
          ],
  })
    .compile()
    .build();
}
