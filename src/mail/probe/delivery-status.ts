// The body of a message/delivery-status part (RFC 3464 §2.1–2.3, and message/global-delivery-status of
// RFC 6533): one group of per-message fields, then one group per recipient, separated by blank lines, each
// field in header syntax (folding, case-insensitive names, comments). mailparser finds the part; its fields
// are read here because mailparser leaves them as text.

import { categorize } from './bounce-category.ts';
import { type HeaderField, parseHeaderFields, stripComments } from './header-block.ts';
import { parseMailDate } from './rfc-date.ts';
import { parseStatus, statusClassOf } from './status-code.ts';
import type { BounceRecipient, DsnAction } from './types.ts';

export interface DeliveryStatus {
  readonly reportingMta: string | null;
  readonly arrivalDate: Date | null;
  /** Gmail's per-message `X-Original-Message-ID`, lower-case without brackets. */
  readonly originalMessageId: string | null;
  readonly recipients: readonly BounceRecipient[];
}

const ACTIONS: readonly DsnAction[] = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'];
/** A report naming more recipients than this is read only this far: a probe has one or two. */
const MAX_RECIPIENTS = 500;
const RECIPIENT_FIELDS = new Set(['final-recipient', 'original-recipient', 'action', 'status']);

export function parseDeliveryStatus(text: string): DeliveryStatus {
  const groups = text
    .split(/\r?\n[ \t]*(?=\r?\n)/)
    .map((block) => parseHeaderFields(block.replace(/^\r?\n/, '')))
    .filter((fields) => fields.length > 0);
  // §2.1: the per-message group comes first; a report that starts with a recipient group has none.
  const isRecipient = (fields: HeaderField[]) => fields.some((f) => RECIPIENT_FIELDS.has(f.name));
  const perMessage = groups[0] && !isRecipient(groups[0]) ? groups[0] : [];
  const field = (fields: HeaderField[], name: string) => fields.find((f) => f.name === name)?.value ?? null;
  return {
    reportingMta: typedValue(field(perMessage, 'reporting-mta'), true).value,
    arrivalDate: parseMailDate(field(perMessage, 'arrival-date')),
    originalMessageId:
      stripComments(field(perMessage, 'x-original-message-id') ?? '')
        .replace(/^<|>$/g, '')
        .toLowerCase() || null,
    recipients: groups
      .filter(isRecipient)
      .slice(0, MAX_RECIPIENTS)
      .map((fields) => recipientOf((name) => field(fields, name))),
  };
}

function recipientOf(field: (name: string) => string | null): BounceRecipient {
  const status = parseStatus(stripComments(field('status') ?? '').split(' ')[0]);
  const action = stripComments(field('action') ?? '')
    .split(' ')[0]!
    .toLowerCase();
  const diagnostic = typedValue(field('diagnostic-code'), false);
  return {
    finalRecipient: address(field('final-recipient')),
    originalRecipient: address(field('original-recipient')),
    action: (ACTIONS as readonly string[]).includes(action) ? (action as DsnAction) : null,
    status,
    statusClass: statusClassOf(status),
    diagnosticCode: diagnostic.value,
    diagnosticType: diagnostic.type,
    remoteMta: typedValue(field('remote-mta'), true).value,
    lastAttemptDate: parseMailDate(field('last-attempt-date')),
    willRetryUntil: parseMailDate(field('will-retry-until')),
    category: categorize(status, diagnostic.value ?? ''),
  };
}

/**
 * `type; value` (RFC 3464 §2.1.2: address-type, mta-name-type, diagnostic-type). Structured values lose
 * their comments and a DNS name its trailing dot; a diagnostic is free text and keeps its parentheses.
 */
function typedValue(raw: string | null, structured: boolean): { type: string | null; value: string | null } {
  if (raw === null) return { type: null, value: null };
  const text = structured ? stripComments(raw) : raw;
  const semicolon = text.indexOf(';');
  const type = semicolon > 0 ? text.slice(0, semicolon).trim().toLowerCase() : null;
  let value = (semicolon >= 0 ? text.slice(semicolon + 1) : text).trim();
  if (structured && type === 'dns') value = value.replace(/\.$/, '');
  return { type, value: value || null };
}

function address(raw: string | null): string | null {
  const { type, value } = typedValue(raw, true);
  if (!value) return null;
  const bare = value.replace(/^<(.*)>$/, '$1');
  return type === 'utf-8' ? decodeUtf8Address(bare) : bare;
}

/**
 * RFC 6533 §3 utf-8-addr-xtext / utf-8-addr-unitext: `\x{HEX}` stands for a Unicode code point the field
 * cannot carry as it is (any non-ASCII one in message/delivery-status). An escape that names no scalar value
 * is left as written.
 */
export function decodeUtf8Address(value: string): string {
  return value.replace(/\\x\{([0-9A-Fa-f]{1,6})\}/g, (written, hex: string) => {
    const point = Number.parseInt(hex, 16);
    const scalar = point <= 0x10ffff && (point < 0xd800 || point > 0xdfff);
    return scalar ? String.fromCodePoint(point) : written;
  });
}
