// From an RFC 3463 status code and the server's words to what the bounce means for a person. The code decides
// where it is specific; the words refine a code that is generic (X.0.0, X.n.0), a policy code (X.7.x) or a
// temporary one, and decide alone only when no code was given. Nothing matched is null: a category is never
// guessed from a bare class or a bare reply code.

import type { BounceCategory } from './types.ts';

export const BOUNCE_CATEGORIES: readonly BounceCategory[] = [
  'unknown_mailbox',
  'bad_domain',
  'bad_address',
  'null_mx',
  'mailbox_moved',
  'mailbox_disabled',
  'mailbox_full',
  'message_too_big',
  'no_answer',
  'unable_to_route',
  'expired',
  'relay_denied',
  'spf_failed',
  'dkim_failed',
  'dmarc_failed',
  'auth_failed',
  'reverse_dns_failed',
  'blocklisted',
  'policy_refused',
  'policy_deferred',
  'greylisted',
  'rate_limited',
];

/** RFC 3463 §3.x subject.detail, and RFC 7372 / RFC 7505 additions, that name one cause. */
const BY_SUBJECT_DETAIL: Readonly<Record<string, BounceCategory>> = {
  '1.1': 'unknown_mailbox',
  '1.2': 'bad_domain',
  '1.3': 'bad_address',
  '1.6': 'mailbox_moved',
  '1.10': 'null_mx',
  '2.1': 'mailbox_disabled',
  '2.2': 'mailbox_full',
  '2.3': 'message_too_big',
  '3.4': 'message_too_big',
  '4.1': 'no_answer',
  '4.4': 'unable_to_route',
  '4.7': 'expired',
  '7.20': 'dkim_failed',
  '7.21': 'dkim_failed',
  '7.22': 'dkim_failed',
  '7.23': 'spf_failed',
  '7.24': 'spf_failed',
  '7.25': 'reverse_dns_failed',
  '7.26': 'auth_failed',
};

const FAILURE =
  '(?:fail|failed|failure|did not pass|not pass|violation|policy|reject|rejected|softfail|hardfail|permerror|temperror|validation|check)';
const failing = (word: string) =>
  new RegExp(
    String.raw`\b(?:${word})\b[^\n]{0,80}?\b${FAILURE}|\b${FAILURE}\b[^\n]{0,60}?\b(?:${word})\b`,
    'i',
  );

const TEXT = {
  greylisted: /\bgr[ae]y-?list/i,
  rate: /\brate[ -]limit|too many (?:messages|connections|recipients|e?mails)|unusual rate|at a rate that|sending (?:rate|limit|quota)|throttl/i,
  relay:
    /\brelay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited|refused)|unable to relay|not (?:allowed|permitted) to relay/i,
  // An authentication word counts only beside a failure word, so a quoted DKIM-Signature header is not one.
  dmarc: failing('dmarc'),
  spf: failing('spf|sender policy framework'),
  dkim: failing('dkim'),
  unauthenticated: /\bunauthenticated\b|authentication (?:checks? )?fail/i,
  blocklisted:
    /blocked using|\b(?:block|black|deny)-?list(?:ed)?\b|\bspamhaus\b|\bspamcop\b|\bbarracuda\b|\b(?:rbl|dnsbl)\b|listed (?:at|on|in) |banned sending ip/i,
  unknownMailbox:
    /user unknown|unknown (?:user|recipient)|no such (?:user|mailbox|recipient|address)|no mailbox here|recipient ?not ?found|invalid recipient|(?:user|mailbox|account|address)\b[^.\n]{0,40}\b(?:does not exist|doesn't exist|not found|couldn't be found|could not be found|wasn't found)/i,
  mailboxFull:
    /mailbox (?:is )?full|over ?quota|quota exceeded|exceeded (?:the |their |its )?(?:storage|quota)/i,
  tooBig:
    /message (?:size )?(?:exceeds|is too (?:big|large)|too (?:big|large))|size exceeds|exceeds (?:the )?(?:maximum|fixed|size|message size)|message file too big/i,
  badDomain:
    /host or domain name not found|domain (?:name )?(?:not found|does not exist|doesn't exist|couldn't be found)|non-?existent ?domain|name service error|\bnxdomain\b|unrouteable (?:mail )?domain/i,
  exchangeNoRecipient: /recipient address rejected: access denied/i,
  noAnswer: /connection (?:timed out|refused)|no route to host|host unreachable|network is unreachable/i,
};

export function categorize(status: string | null, text: string): BounceCategory | null {
  const [cls, subject, detail] = status ? status.split('.') : [];
  const sd = status ? `${subject}.${detail}` : null;
  const generic = detail === '0';
  const policyOpen = !status || generic || subject === '7';

  // Greylisting and rate limits are temporary by nature, whatever subject the server filed them under
  // (Postgrey says 4.2.0, Gmail 4.7.28 or, for its daily quota, 5.4.5).
  if (TEXT.greylisted.test(text) && (cls === '4' || !status)) return 'greylisted';
  if (TEXT.rate.test(text) && (policyOpen || cls === '4' || sd === '4.5')) return 'rate_limited';
  if (policyOpen) {
    const policy = policyFromText(text);
    if (policy) return policy;
  }
  if (sd === '1.10' && TEXT.unknownMailbox.test(text)) return 'unknown_mailbox'; // Microsoft's RecipientNotFound
  // RFC 3463 X.4.1 is "no answer from host", yet Exchange Online's directory-based edge blocking answers
  // `550 5.4.1 Recipient address rejected: Access denied` for an address its directory does not hold, and
  // Exchange Online Protection `550 5.4.1 Relay Access Denied` to a sender no connector admits (KB 2827473).
  if (sd === '4.1' && TEXT.exchangeNoRecipient.test(text)) return 'unknown_mailbox';
  if (sd === '4.1' && TEXT.relay.test(text)) return 'relay_denied';
  if (sd === '4.4' && TEXT.badDomain.test(text)) return 'bad_domain'; // Postfix: "Host or domain name not found"
  if (sd && Object.hasOwn(BY_SUBJECT_DETAIL, sd)) return BY_SUBJECT_DETAIL[sd]!;
  if (subject === '7') return cls === '4' ? 'policy_deferred' : 'policy_refused';
  if (!status || generic) return causeFromText(text);
  return null;
}

function policyFromText(text: string): BounceCategory | null {
  if (TEXT.relay.test(text)) return 'relay_denied';
  if (TEXT.dmarc.test(text)) return 'dmarc_failed';
  const spf = TEXT.spf.test(text);
  const dkim = TEXT.dkim.test(text);
  if (spf && dkim) return 'auth_failed';
  if (spf) return 'spf_failed';
  if (dkim) return 'dkim_failed';
  if (TEXT.unauthenticated.test(text)) return 'auth_failed';
  if (TEXT.blocklisted.test(text)) return 'blocklisted';
  return null;
}

function causeFromText(text: string): BounceCategory | null {
  if (TEXT.unknownMailbox.test(text)) return 'unknown_mailbox';
  if (TEXT.mailboxFull.test(text)) return 'mailbox_full';
  if (TEXT.tooBig.test(text)) return 'message_too_big';
  if (TEXT.badDomain.test(text)) return 'bad_domain';
  if (TEXT.noAnswer.test(text)) return 'no_answer';
  return null;
}
