// Reads a bounce as a person sees it: the text pasted into the complaint form from any mail client (Outlook,
// Gmail, webmail, in English or Malay), or the body of a bounce that has no RFC 3464 delivery-status part
// (qmail, older Exchange). It extracts what the text states and nothing more; anything not stated is null.

import { categorize } from './bounce-category.ts';
import { decodeUtf8Address } from './delivery-status.ts';
import {
  pickStatus,
  recipientGroup,
  repliesWithStatus,
  statedStatuses,
  statusFields,
} from './stated-status.ts';
import { replyClassOf, statusClassOf, statusMeaningKey } from './status-code.ts';
import type { BounceTextAnalysis } from './types.ts';

/** A pasted text longer than this is read only this far. */
const MAX_TEXT = 256 * 1024;
/**
 * An address, its parts bounded by RFC 5321 §4.5.3.1 (local part 64, label 63 octets) so that a hostile
 * paste cannot make the search backtrack without end.
 */
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const ADDRESS = String.raw`[A-Za-z0-9.!#$%&'*+/=?^_\`{|}~-]{1,64}@${LABEL}(?:\.${LABEL}){1,16}`;
/** A bare reply code where a server reply is quoted: at a line start or after "said:", ";", a quote. */
const REPLY_ALONE =
  /(?:^|[:;'"(=]|\b(?:said|returned|reply|replied|response|error|code|kod|ralat)\b:?)[ \t]*#?([245][0-5]\d)(?=[ -][A-Za-z<#[(])/gim;
/** Fields of a quoted original message: they name authentication results and addresses of other people. */
const QUOTED_HEADER =
  /^(?:dkim-signature|arc-[a-z-]+|authentication-results|received(?:-spf)?|x-[a-z0-9-]+|return-path|message-id|content-[a-z-]+|mime-version|references|in-reply-to|thread-[a-z]+|from|to|cc|date|subject|daripada|kepada|tarikh|subjek|perkara|dihantar|sent):.*(?:\r?\n[ \t].*)*/gim;

/**
 * A delivery-status recipient field (RFC 3464 §2.3.1–2.3.2) of type `rfc822` or RFC 6533's `utf-8`, whose
 * address may carry non-ASCII characters as written or as `\x{HEX}`: read up to the first space or bracket and
 * decoded before it is trusted as an address.
 */
const RECIPIENT_FIELD = /^\s*(?:final|original)-recipient:\s*(rfc822|utf-8)\s*;\s*<?([^\s<>;]{3,400})/gim;
const UTF8_ADDRESS =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?){1,16}$/u;

const ADDRESS_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`^\s*x-failed-recipients:\s*(${ADDRESS})`, 'im'),
  new RegExp(String.raw`^\s*<(${ADDRESS})>:`, 'm'),
  new RegExp(
    String.raw`(?:delivered|dihantar|delivery|penghantaran)\s+(?:has\s+failed\s+)?(?:to|kepada)\s+(?:the\s+following\s+[^:\n]{0,80}:\s*)?<?(${ADDRESS})`,
    'i',
  ),
  new RegExp(String.raw`(?:message|mesej(?:\s+anda)?)\s+(?:to|kepada)\s+<?(${ADDRESS})`, 'i'),
  new RegExp(String.raw`(?:recipient address|alamat penerima|original recipient)\s*:\s*<?(${ADDRESS})`, 'i'),
  new RegExp(String.raw`rcpt to:\s*<(${ADDRESS})>`, 'i'),
  new RegExp(
    String.raw`(?:(?:following|these) (?:address(?:es)?|recipients?)|penerima (?:berikut|atau kumpulan ini))[^\n]{0,80}\n(?:[ \t]*\n){0,2}[^\n@]{0,80}?<?(${ADDRESS})`,
    'i',
  ),
];

export function classifyBounceText(input: string): BounceTextAnalysis {
  // A bounce forwarded or replied to arrives quoted (`> `, nested `> > `): without the marks its DSN fields and
  // folded reply lines read as written (RFC 3464 §2.1 fields start a line; continuations start with space).
  const text = String(input ?? '')
    .slice(0, MAX_TEXT)
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '');
  // RFC 3464 §2.3: a report on several recipients has a group of fields for each, each with its own Action
  // and Status. The recipient whose delivery went worst decides, read from its own group.
  const fields = statusFields(text);
  if (fields.length < 2) return readText(text);
  const worst = pickStatus(fields.map((f) => f.status));
  const group = recipientGroup(text, fields.find((f) => f.status === worst)!.index);
  return readText(group, statedStatuses(text));
}

/** `statusCodes`: every code of the whole report, when `text` is the one recipient group that decides. */
function readText(text: string, statusCodes = statedStatuses(text)): BounceTextAnalysis {
  const withReply = repliesWithStatus(text);
  const status =
    pickStatus(statusFields(text).map((f) => f.status)) ??
    pickStatus(withReply.map((r) => r.status)) ??
    pickStatus(statusCodes);
  const reply =
    withReply.find((r) => r.status === status) ??
    withReply[0] ??
    [...text.matchAll(REPLY_ALONE)].map((m) => ({
      code: Number(m[1]),
      replyIndex: m.index + m[0].length - 3,
    }))[0];
  const smtpCode = reply?.code ?? null;
  const diagnostic = diagnosticOf(text, reply?.replyIndex ?? null, status);
  const category = categorize(status, [diagnostic, withoutQuotedHeaders(text)].join('\n'));
  return {
    statusCodes,
    status,
    statusClass: statusClassOf(status) ?? replyClassOf(smtpCode),
    smtpCode,
    address: addressOf(text, diagnostic),
    diagnostic,
    category,
    meaningKey: category ? `probe.category.${category}` : statusMeaningKey(status, smtpCode),
  };
}

/**
 * The server's reply: a DSN's Diagnostic-Code, else the reply quoted in the text from its code to the end of
 * the paragraph, joining Postfix's indented continuation lines and a multi-line reply's `550-` lines
 * (RFC 5321 §4.2.1), else the line that carries the status code (qmail's `(#5.1.1)`), else what follows
 * a Postfix-style `<address>:`.
 */
function diagnosticOf(text: string, replyIndex: number | null, status: string | null): string | null {
  const field = /^\s*diagnostic-code:\s*[^;\n]*;\s*(.*(?:\n[ \t]+.*)*)/im.exec(text);
  if (field) return clean(field[1]!);
  if (replyIndex !== null) {
    const [first = '', ...rest] = text.slice(replyIndex).split('\n');
    const code = first.slice(0, 3);
    const taken = [first.replace(/^(\d{3})-/, '$1 ')];
    for (const line of rest) {
      if (line.startsWith(`${code}-`) || line.startsWith(`${code} `))
        taken.push(line.slice(4).replace(/^#?[245]\.\d{1,3}\.\d{1,3}\s*/, ''));
      else if (/^[ \t]+\S/.test(line) && !/^[ \t]*[A-Za-z-]+:\s/.test(line)) taken.push(line);
      else break;
    }
    return clean(taken.join(' ').replace(/['"]\s*$/, ''));
  }
  if (status) {
    const line = text.split('\n').find((l) => l.includes(status));
    return line ? clean(line) : null;
  }
  // Postfix states failures without a reply (no connection, no DNS answer) after the address.
  const block = new RegExp(String.raw`^\s*<${ADDRESS}>:[ \t]*(\S.*(?:\n[ \t]+\S.*)*)`, 'm').exec(text);
  return block ? clean(block[1]!) : null;
}

function clean(text: string): string | null {
  const value = text.replace(/\s+/g, ' ').trim().slice(0, 1000);
  return value || null;
}

function addressOf(text: string, diagnostic: string | null): string | null {
  for (const [, type, value] of text.matchAll(RECIPIENT_FIELD)) {
    const address = type!.toLowerCase() === 'utf-8' ? decodeUtf8Address(value!) : value!;
    if (UTF8_ADDRESS.test(address)) return address;
  }
  for (const pattern of ADDRESS_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[1]!;
  }
  // Last, an address in the server's reply itself (`550 5.1.1 <a@b>: Recipient address rejected`).
  const inReply = diagnostic?.match(new RegExp(ADDRESS, 'g')) ?? [];
  return inReply.find((a) => !/^(?:mailer-daemon|postmaster)@/i.test(a)) ?? null;
}

function withoutQuotedHeaders(text: string): string {
  return text.replace(QUOTED_HEADER, '');
}
