// Header sections as RFC 5322 §2.2 writes them, read from raw text: the top of a message, a returned
// message/rfc822 or text/rfc822-headers part, and the field groups of a message/delivery-status body
// (RFC 3464 §2.1 uses the same syntax). Never throws; a line that is neither a field nor a continuation is
// skipped, so a damaged section yields the fields that can still be read.

export interface HeaderField {
  /** Lower-case: field names are case-insensitive (RFC 5322 §1.2.2). */
  readonly name: string;
  /** Unfolded (RFC 5322 §2.2.3), runs of white space collapsed, trimmed. */
  readonly value: string;
}

/**
 * Bounds for hostile input. A header section is read this far (mailparser refuses more than 1 MiB; this
 * reader is the fallback that still finds our field past a huge one), and a field's value is kept this long.
 */
const MAX_HEADER_CHARS = 16 * 1024 * 1024;
const MAX_VALUE_CHARS = 64 * 1024;
/** ftext of RFC 5322 §3.6.8: printable US-ASCII except the colon. */
const FIELD = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:(.*)$/;

/** Splits at the first empty line (RFC 5322 §2.1); a text without one is all header. */
export function splitHeaderSection(text: string): { readonly header: string; readonly body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { header: text, body: '' };
  return { header: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

export function parseHeaderFields(text: string): HeaderField[] {
  const fields: { name: string; value: string }[] = [];
  let current: { name: string; value: string } | undefined;
  for (const line of text.slice(0, MAX_HEADER_CHARS).split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      if (current && current.value.length < MAX_VALUE_CHARS)
        current.value += ` ${line.slice(0, MAX_VALUE_CHARS)}`;
      continue;
    }
    const match = FIELD.exec(line);
    current = match
      ? { name: match[1]!.toLowerCase(), value: match[2]!.slice(0, MAX_VALUE_CHARS) }
      : undefined;
    if (current) fields.push(current);
  }
  return fields.map((f) => ({ name: f.name, value: f.value.replace(/\s+/g, ' ').trim() }));
}

export function headerValues(fields: readonly HeaderField[], name: string): string[] {
  return fields.filter((f) => f.name === name).map((f) => f.value);
}

export function firstHeader(fields: readonly HeaderField[], name: string): string | null {
  return fields.find((f) => f.name === name)?.value ?? null;
}

/**
 * Removes RFC 5322 §3.2.2 comments (nested parentheses, quoted pairs), leaving quoted strings alone, for
 * structured fields such as `Status: 5.1.1 (bad destination mailbox address)`.
 */
export function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && (depth > 0 || quoted)) {
      if (depth === 0) out += c + (value[i + 1] ?? '');
      i++;
    } else if (quoted) {
      out += c;
      if (c === '"') quoted = false;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) {
      out += c;
      if (c === '"') quoted = true;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The Message-IDs of an In-Reply-To, References or Message-ID value (RFC 5322 §3.6.4), without brackets. */
export function messageIds(value: string | null): string[] {
  if (!value) return [];
  return [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!.toLowerCase());
}

/** `<id@host>`, `id@host` or `<id@host> (comment)` to `id@host`, lower-cased for comparison. */
export function normalizeMessageId(value: string): string {
  return (messageIds(value)[0] ?? stripComments(value).replace(/^<|>$/g, '')).toLowerCase();
}
