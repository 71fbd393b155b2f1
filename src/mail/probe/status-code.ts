// RFC 3463 enhanced status codes (class.subject.detail) and RFC 5321 §4.2 reply codes: their class, and the
// catalog key of their meaning. The codes with a text of their own are the ones RFC 3463, RFC 7372 and
// RFC 7505 define that a mail desk actually meets; any other code falls back to the text of its class.

import type { StatusClass } from './types.ts';

/** Codes with a `probe.status.<code>` text. */
export const STATUS_WITH_TEXT = [
  '4.0.0',
  '5.0.0',
  '5.1.0',
  '5.1.1',
  '5.1.2',
  '5.1.3',
  '5.1.6',
  '5.1.7',
  '5.1.8',
  '5.1.10',
  '4.2.0',
  '5.2.0',
  '5.2.1',
  '4.2.2',
  '5.2.2',
  '5.2.3',
  '4.3.1',
  '4.3.2',
  '5.3.4',
  '4.4.1',
  '5.4.1',
  '4.4.2',
  '4.4.3',
  '5.4.4',
  '5.4.6',
  '4.4.7',
  '5.4.7',
  '4.7.0',
  '5.7.0',
  '4.7.1',
  '5.7.1',
  '5.7.20',
  '5.7.23',
  '5.7.25',
  '5.7.26',
] as const;

export const STATUS_CLASSES: readonly StatusClass[] = ['success', 'persistent', 'permanent'];

const STATUS = /^([245])\.(\d{1,3})\.(\d{1,3})$/;

/** `5.1.1` from `5.1.1`, ` 5.01.1 ` (leading zeros dropped), null for anything else. */
export function parseStatus(text: string | null | undefined): string | null {
  const match = STATUS.exec((text ?? '').trim());
  return match ? `${match[1]}.${Number(match[2])}.${Number(match[3])}` : null;
}

export function statusClassOf(status: string | null): StatusClass | null {
  return classOfDigit(status?.[0]);
}

/** RFC 5321 §4.2.1: 2yz completion, 4yz transient, 5yz permanent; 1yz and 3yz are not outcomes. */
export function replyClassOf(code: number | null): StatusClass | null {
  return code === null ? null : classOfDigit(String(code)[0]);
}

function classOfDigit(digit: string | undefined): StatusClass | null {
  if (digit === '2') return 'success';
  if (digit === '4') return 'persistent';
  if (digit === '5') return 'permanent';
  return null;
}

/** `probe.status.<code>` when the code has a text, else `probe.status_class.<class>`, else null. */
export function statusMeaningKey(status: string | null, smtpCode: number | null = null): string | null {
  if (status && (STATUS_WITH_TEXT as readonly string[]).includes(status)) return `probe.status.${status}`;
  const statusClass = statusClassOf(status) ?? replyClassOf(smtpCode);
  return statusClass ? `probe.status_class.${statusClass}` : null;
}
