// The hops of a delivered message, from its `Received:` fields (RFC 5321 §4.4): each one's from, by, with,
// TLS and time, top (the last hop, into the mailbox) to bottom (the first, from the sender's client).
// Whether a hop was encrypted is read from what the receiving server wrote, strongest evidence first:
// - a stated TLS version: Postfix `(using TLSv1.3 with cipher …)`, Microsoft and Google
//   `(version=TLS1_2, cipher=…)`, sendmail `(version=TLSv1.3 cipher=…)`, Exim `(TLS1.3)`, or the RFC 8314
//   §7.4 `tls <cipher>` clause. TLS 1.0 is often written without a minor version (OpenSSL's
//   SSL_get_version() says `TLSv1`, as sendmail 8.15 writes it, Google `TLS1`), and Exim before 4.93 wrote
//   `(TLSv1:AES256-SHA:256)`, version:cipher:bits; these are versions RFC 8996 deprecates, so they must
//   not be lost. sendmail 8.14's `version=TLSv1/SSLv3` is the cipher's first protocol
//   (SSL_CIPHER_get_version), not the session's: TLS stated, the version not;
// - the `with` keyword of RFC 3848 / RFC 6531 (IANA Mail Transmission Types): a trailing `S` or `SA`
//   (ESMTPS, ESMTPSA, LMTPS, UTF8SMTPS, Google's SMTPS, HTTPS) means TLS; SMTP, ESMTP, ESMTPA, LMTP, HTTP
//   and the like mean none;
// - Exchange 2016 and later write the TLS version whenever the session had one; Exchange 2010 and 2013
//   (id 14.x, 15.0.x) wrote only `(TLS)`, which says TLS without a version. So `with Microsoft SMTP Server`
//   with neither is taken as none;
// - anything else (`with mapi`, no `with` at all) is unknown: null.

import { type HeaderField, parseHeaderFields, splitHeaderSection } from './header-block.ts';
import { parseMailDate } from './rfc-date.ts';
import type { ReceivedHop } from './types.ts';

const CLAUSES = new Set(['from', 'by', 'via', 'with', 'id', 'for', 'tls']);
const TLS_KEYWORD = /^(?:E?SMTPS|ESMTPSA|LMTPSA?|UTF8(?:SMTP|LMTP)SA?|HTTPS)$/i;
const CLEAR_KEYWORD = /^(?:SMTP|ESMTPA?|LMTPA?|UTF8(?:SMTP|LMTP)A?|HTTP)$/i;
/**
 * Only the host's own address: the test world (TESTBED.md) gives each mail domain its own 127.0.0.x, and a
 * hop between them stands for one between two hosts.
 */
const LOOPBACK = /^(?:127\.0\.0\.1|::1)$/;

/** Every Received field of a raw message (or of a header section alone), top to bottom. */
export function parseReceivedHeaders(raw: string | Buffer): ReceivedHop[] {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  return receivedHops(parseHeaderFields(splitHeaderSection(text).header));
}

export function receivedHops(fields: readonly HeaderField[]): ReceivedHop[] {
  return fields.filter((f) => f.name === 'received').map((f) => parseReceived(f.value));
}

export function parseReceived(value: string): ReceivedHop {
  const semicolon = value.lastIndexOf(';');
  const at = semicolon >= 0 ? parseMailDate(value.slice(semicolon + 1)) : null;
  const clauses = clausesOf(semicolon >= 0 && at ? value.slice(0, semicolon) : value);
  const word = (name: string) => clauses.get(name)?.words.join(' ') || null;
  const comments = [...clauses.values()].flatMap((c) => c.comments);
  const withText = word('with');
  const tls = tlsOf(comments, clauses.get('tls')?.words[0] ?? null);
  const fromAddress = addressOf(clauses.get('from')?.comments ?? []);
  const from = clauses.get('from')?.words[0] ?? null;
  const local =
    /^LMTPS?A?$/i.test(withText ?? '') ||
    (fromAddress !== null && LOOPBACK.test(fromAddress)) ||
    /^localhost$/i.test(from ?? '');
  return {
    from,
    fromAddress,
    by: clauses.get('by')?.words[0] ?? null,
    with: withText,
    tlsVersion: tls.version,
    tlsCipher: tls.cipher,
    encrypted: encryptedOf(withText, tls.stated),
    local,
    at,
  };
}

type Clause = { words: string[]; comments: string[] };
const TOKEN = /[^\s()]+/y;

/** Splits the part before the date into `from … by … with …` clauses, each with its words and comments. */
function clausesOf(text: string): Map<string, Clause> {
  const clauses = new Map<string, Clause>();
  let current: Clause | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      const end = commentEnd(text, i);
      current?.comments.push(text.slice(i + 1, end - 1));
      i = end;
    } else {
      TOKEN.lastIndex = i;
      const token = TOKEN.exec(text)![0];
      const name = token.toLowerCase();
      if (CLAUSES.has(name) && !clauses.has(name)) {
        current = { words: [], comments: [] };
        clauses.set(name, current);
      } else current?.words.push(token);
      i += token.length;
    }
  }
  return clauses;
}

function commentEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** `host [192.0.2.1]`, `[192.0.2.1]`, `(192.0.2.1)` or an Exchange IPv6 `2603:1096:…`. */
function addressOf(comments: readonly string[]): string | null {
  for (const comment of comments) {
    const bracketed = /\[(?:ipv6:)?([0-9a-f.:%]+)\]/i.exec(comment);
    if (bracketed) return bracketed[1]!;
    const bare = /^\s*((?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7})\s*$/i.exec(comment);
    if (bare) return bare[1]!;
  }
  return null;
}

/**
 * Exim before 4.93, version:cipher:bits: OpenSSL `TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256`, GnuTLS
 * `TLS1.0:RSA_AES_256_CBC_SHA1:256`.
 */
const EXIM_OLD_TLS = /^\s*(TLSv?1(?:\.\d)?|SSLv3):([^:\s]+):\d+\s*$/i;

function tlsOf(
  commentList: readonly string[],
  tlsClause: string | null,
): { version: string | null; cipher: string | null; stated: boolean } {
  const comments = commentList.join(' ');
  const exim = commentList.map((c) => EXIM_OLD_TLS.exec(c)).find(Boolean);
  const version =
    /\busing (TLSv?1(?:\.\d)?|SSLv3)\b/i.exec(comments)?.[1] ??
    /\bversion=(TLSv?1(?:[._]\d)?|SSLv3)(?=[\s,;)]|$)/i.exec(comments)?.[1] ??
    commentList.map((c) => /^\s*(TLSv?1\.\d)\s*$/i.exec(c)?.[1]).find(Boolean) ??
    exim?.[1] ??
    null;
  const cipher =
    /\bwith cipher ([A-Z0-9_-]+)/i.exec(comments)?.[1] ??
    /\bcipher=([A-Z0-9_-]+)/i.exec(comments)?.[1] ??
    exim?.[2] ??
    tlsClause;
  const bareTls = commentList.some((c) => /^\s*TLS\s*$/i.test(c));
  return {
    version: version ? normalizeVersion(version) : null,
    cipher,
    stated: version !== null || cipher !== null || bareTls,
  };
}

/** `TLS1_2`, `TLS1.2`, `TLSv1.2` all to `TLSv1.2`. */
function normalizeVersion(version: string): string {
  const match = /^TLSv?1[._]?(\d)?$/i.exec(version);
  if (!match) return version;
  return match[1] ? `TLSv1.${match[1]}` : 'TLSv1';
}

function encryptedOf(withText: string | null, tlsStated: boolean): boolean | null {
  if (tlsStated) return true;
  if (!withText) return null;
  const keyword = withText.split(' ')[0]!;
  if (TLS_KEYWORD.test(keyword)) return true;
  if (CLEAR_KEYWORD.test(keyword)) return false;
  return /^Microsoft SMTP Server$/i.test(withText) ? false : null;
}
