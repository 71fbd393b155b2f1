// One raw message as the classifier reads it: the top header section, the human-readable text and the parts
// of a report. mailparser (simpleParser) walks the MIME structure and decodes transfer and character
// encodings; the report parts are kept as text for our own parsers. Input it cannot parse (a header section
// over its limit, binary garbage) still gives a view, read without MIME: the classifier then sees the raw
// text and at worst calls the message unrelated.

import { type StructuredHeader, simpleParser } from 'mailparser';
import { firstHeader, type HeaderField, parseHeaderFields, splitHeaderSection } from './header-block.ts';

export interface MessageView {
  readonly fields: readonly HeaderField[];
  /** Lower-case MIME type of the whole message, '' when it has none. */
  readonly mimeType: string;
  /** The `report-type` parameter of multipart/report (RFC 6522), lower-case. */
  readonly reportType: string | null;
  /** Decoded (RFC 2047). */
  readonly subject: string | null;
  readonly from: string | null;
  /** The text parts, with HTML converted when there is no plain text. */
  readonly text: string;
  /** Bodies of message/delivery-status (and RFC 6533 message/global-delivery-status) parts. */
  readonly deliveryStatus: readonly string[];
  /** A returned message (message/rfc822, message/global) or its header (text/rfc822-headers). */
  readonly returned: readonly { readonly kind: 'message' | 'headers'; readonly text: string }[];
  readonly raw: string;
}

const DELIVERY_STATUS = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_MESSAGE = new Set(['message/rfc822', 'message/global']);
const RETURNED_HEADERS = new Set(['text/rfc822-headers', 'message/global-headers']);

export async function readMessage(input: Buffer | string): Promise<MessageView> {
  const raw = typeof input === 'string' ? input : Buffer.from(input ?? '').toString('utf8');
  const { header, body } = splitHeaderSection(raw);
  const fields = parseHeaderFields(header);
  const fallback: MessageView = {
    fields,
    mimeType: (firstHeader(fields, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase(),
    reportType: null,
    subject: firstHeader(fields, 'subject'),
    from: firstHeader(fields, 'from'),
    text: body,
    deliveryStatus: [],
    returned: [],
    raw,
  };
  try {
    const mail = await simpleParser(input, {
      keepDeliveryStatus: true,
      ignoreEmbedded: true,
      keepCidLinks: true,
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      checksumAlgo: false,
      maxHtmlLengthToParse: 2 * 1024 * 1024,
    });
    // mailparser always parses Content-Type into a StructuredHeader (types.d.ts, HeaderValue).
    const structured = (mail.headers.get('content-type') as StructuredHeader | undefined) ?? null;
    const parts = (types: Set<string>) =>
      mail.attachments.filter((a) => types.has(a.contentType.toLowerCase()));
    return {
      ...fallback,
      mimeType: structured ? String(structured.value).toLowerCase() : fallback.mimeType,
      reportType: structured?.params['report-type']?.toLowerCase() ?? null,
      subject: mail.subject ?? fallback.subject,
      from: mail.from?.value[0]?.address ?? mail.from?.text ?? fallback.from,
      text: mail.text ?? '',
      deliveryStatus: parts(DELIVERY_STATUS).map((a) => a.content.toString('utf8')),
      returned: [
        ...parts(RETURNED_MESSAGE).map((a) => ({
          kind: 'message' as const,
          text: a.content.toString('utf8'),
        })),
        ...parts(RETURNED_HEADERS).map((a) => ({
          kind: 'headers' as const,
          text: a.content.toString('utf8'),
        })),
      ],
    };
  } catch {
    return fallback;
  }
}
