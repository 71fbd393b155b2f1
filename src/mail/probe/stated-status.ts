// The RFC 3463 enhanced status codes a bounce's text states. A dotted triple is a status code only where
// something shows it is one: a delivery-status `Status:` field (RFC 3464 §2.3.4), an RFC 5321 §4.2 reply
// code just before it (as RFC 2034 has servers write it), or a mark that servers write before it. Alone it
// is as likely a date written d.m.yy ("bercuti dari 5.1.25"), a version or part of an address: not read.

import { parseStatus } from './status-code.ts';

export interface StatedStatus {
  readonly status: string;
  /** Where the code itself starts in the text. */
  readonly index: number;
}

export interface StatedReply extends StatedStatus {
  readonly code: number;
  /** Where the reply code starts. */
  readonly replyIndex: number;
}

/** class.subject.detail, not part of a longer dotted number (an IP address, a version). */
const CODE = String.raw`([245]\.\d{1,3}\.\d{1,3})(?![\w-]|\.\d)`;
const STATUS_FIELD = /^[ \t]*status:[ \t]*(?:\n[ \t]+)?([245]\.\d{1,3}\.\d{1,3})\b/gim;
/** A reply code followed by an enhanced code (`550 5.1.1`, `550-5.1.1`, `#550 5.1.1`). */
const REPLY_WITH_STATUS = new RegExp(String.raw`(?<![\w.])([245][0-5]\d)(?:-|\s{1,12})#?${CODE}`, 'g');
/**
 * qmail's `(#5.1.1)` and Exchange's `<host #5.1.1 smtp;…>`, a Diagnostic-Code's `smtp; 5.1.1`, Postfix's
 * `dsn=5.1.1`, or a word that names it ("Status code: 5.1.1", "error 5.7.1", "kod ralat 5.1.1").
 */
const MARKED = new RegExp(
  String.raw`(?:#[ \t]?|\b(?:status|code|error|smtp|dsn|kod|ralat)[ \t:;=#'"(]{1,4})${CODE}`,
  'gi',
);

/** The `Status:` fields of a pasted delivery-status report, one per recipient group. */
export function statusFields(text: string): StatedStatus[] {
  return [...text.matchAll(STATUS_FIELD)].map((m) => stated(m, 1));
}

export function repliesWithStatus(text: string): StatedReply[] {
  return [...text.matchAll(REPLY_WITH_STATUS)].map((m) => ({
    ...stated(m, 2),
    code: Number(m[1]),
    replyIndex: m.index,
  }));
}

/** Every stated code, each once, in the order the text gives them. */
export function statedStatuses(text: string): string[] {
  const all = [
    ...statusFields(text),
    ...repliesWithStatus(text),
    ...[...text.matchAll(MARKED)].map((m) => stated(m, 1)),
  ];
  return [...new Set(all.sort((a, b) => a.index - b.index).map((s) => s.status))];
}

/** The specific code over a generic X.0.0 one, the permanent over the temporary, then the first. */
export function pickStatus(codes: readonly string[]): string | null {
  const rank = (code: string) => (code.endsWith('.0.0') ? 2 : 0) + (code.startsWith('5') ? 0 : 1);
  return [...codes].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * The per-recipient group (RFC 3464 §2.1: each is preceded by a blank line) around a position, so that the
 * recipient, the Status and the Diagnostic-Code read from it belong together.
 */
export function recipientGroup(text: string, index: number): string {
  let start = 0;
  for (const blank of text.slice(0, index).matchAll(/\n[ \t]*\n/g)) start = blank.index + blank[0].length;
  const after = /\n[ \t]*\n/.exec(text.slice(index));
  return text.slice(start, after ? index + after.index : text.length);
}

function stated(match: RegExpMatchArray, group: number): StatedStatus {
  const code = match[group]!;
  return { status: parseStatus(code)!, index: match.index! + match[0].lastIndexOf(code) };
}
