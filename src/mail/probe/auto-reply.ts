// Whether a message was sent by a machine rather than a person, read from its header (RFC 3834).
// `Auto-Submitted` other than `no` (RFC 3834 §5) is the standard and makes the verdict certain. The rest are
// hints that responders in the field set, accepted alone but with low confidence:
// - `Precedence: bulk | junk | auto_reply`: never standardised (RFC 3834 §3.1.8 says responders must not
//   rely on it), but set by Sieve vacation and the classic vacation(1); `list` is a mailing list, not a
//   responder, and is not taken;
// - `X-Autoreply`, `X-Autorespond`: set by cPanel/Exim autoresponders and older vacation programs;
// - `X-MS-Exchange-Inbox-Rules-Loop`: Exchange sets it on what its inbox rules and out-of-office generate;
// - a null `Return-Path: <>`: RFC 3834 §3.3 asks responders to send with an empty reverse-path, and a person
//   replying from a mail client never does;
// - an "Automatic reply:" style Subject prefix (Outlook, Dovecot's "Auto:", their Malay forms).
// `X-Auto-Response-Suppress` only asks others not to answer; Outlook also sets it on messages people send
// (meeting requests), so it is recorded but never decides alone. An explicit `Auto-Submitted: no` (a
// person, RFC 3834 §5.1) outweighs every hint.

import { firstHeader, type HeaderField, stripComments } from './header-block.ts';
import type { AutoReplySignal } from './types.ts';

export interface Automation {
  /** The Auto-Submitted keyword, lower-case, when it is not `no`. */
  readonly autoSubmitted: string | null;
  readonly signals: readonly AutoReplySignal[];
  /** The message declares itself automatic, or hints at it strongly enough to be taken as such. */
  readonly automatic: boolean;
}

const SUBJECT_PREFIX =
  /^\s*(?:auto(?:matic)?[ -]?(?:reply|response|answer)|auto|autoreply|out of (?:the )?office|ooo|balasan automatik|jawapan automatik|di luar pejabat)\s*:/i;

export function automationOf(fields: readonly HeaderField[], subject: string | null): Automation {
  // RFC 3834 §5: the keyword may carry `; name=value` parameters (`auto-replied; owner-email=...`), with or
  // without white space before the semicolon; they do not change the keyword, `no` included.
  const keyword = (name: string) =>
    stripComments(firstHeader(fields, name) ?? '')
      .split(/[\s;]/)[0]!
      .toLowerCase();
  const has = (name: string) => fields.some((f) => f.name === name);
  const submitted = keyword('auto-submitted');
  const signals: AutoReplySignal[] = [];
  if (submitted && submitted !== 'no') signals.push('auto_submitted');
  if (['bulk', 'junk', 'auto_reply'].includes(keyword('precedence'))) signals.push('precedence');
  if (has('x-autoreply') && keyword('x-autoreply') !== 'no') signals.push('x_autoreply');
  if (has('x-autorespond')) signals.push('x_autorespond');
  if (has('x-ms-exchange-inbox-rules-loop')) signals.push('ms_inbox_rules_loop');
  if (has('x-auto-response-suppress')) signals.push('ms_auto_response_suppress');
  if (/^<\s*>$/.test(firstHeader(fields, 'return-path') ?? '')) signals.push('null_return_path');
  if (subject && SUBJECT_PREFIX.test(subject)) signals.push('subject_prefix');
  const deciding = signals.filter((s) => s !== 'ms_auto_response_suppress');
  return {
    autoSubmitted: submitted && submitted !== 'no' ? submitted : null,
    signals,
    automatic: submitted === 'no' ? false : deciding.length > 0,
  };
}
