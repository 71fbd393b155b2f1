import { randomBytes } from 'node:crypto';
import { withinDomain } from './resolver.ts';
import { formatReply, type SmtpClient, type SmtpReply } from './smtp-client.ts';
import type { SmtpProbeOptions } from './smtp-probe.ts';
import {
  type Params,
  probeRefusal,
  refusalUntested,
  replyUntested,
  type Step,
  type Untested,
} from './smtp-step.ts';
import type { Verdict } from './types.ts';

// The relay test of the SMTP probe (circular 4(f)(vi)): an outside sender to an outside recipient, plainly and
// with the tricks open relays fall for, one MAIL/RCPT/RSET each, never DATA.

/**
 * The forms an open relay is known to accept (circular 4(f)(vi): relay only for the agency's own servers).
 * `local` forms name the agency's own domain and only become relaying inside the server, so their acceptance
 * proves relaying only if the server refuses an unknown local recipient (else it accepts everything).
 */
interface RelayForm {
  readonly form: string;
  readonly recipient: string;
  readonly local: boolean;
}

function relayForms(outsideRecipient: string, host: string, domain: string): RelayForm[] {
  const at = outsideRecipient.lastIndexOf('@');
  const [user, outside] = [outsideRecipient.slice(0, at), outsideRecipient.slice(at + 1)];
  return [
    { form: 'plain', recipient: outsideRecipient, local: false },
    { form: 'percent-hack', recipient: `${user}%${outside}@${domain}`, local: true },
    // RFC 5321 §4.1.1.3 and Appendix C: servers should ignore the route and deliver to user@outside.
    { form: 'source-route', recipient: `@${host}:${outsideRecipient}`, local: false },
    { form: 'quoted-local-part', recipient: `"${outsideRecipient}"@${domain}`, local: true },
    { form: 'bang-path', recipient: `${outside}!${user}`, local: true },
  ];
}

type RcptOutcome = { readonly form: RelayForm; readonly reply: SmtpReply };
export type Judged = { readonly verdict: Verdict; readonly params: Params };

/** One MAIL/RCPT/RSET transaction per form (RFC 5321 §4.1.1.5: RSET clears it); it never goes past RCPT. */
async function tryRecipient(client: SmtpClient, sender: string, form: RelayForm): Promise<Step<RcptOutcome>> {
  const mail = await client.command(`MAIL FROM:<${sender}>`);
  if (!mail.ok) return mail;
  if (mail.value.code !== 250) return { ok: false, ...refusalUntested(mail.value) };
  const rcpt = await client.command(`RCPT TO:<${form.recipient}>`);
  if (!rcpt.ok) return rcpt;
  // RFC 5321 §3.8: a 421 closes the session, so its own reply is why the test stopped, not the RSET after it.
  if (rcpt.value.code === 421) return { ok: false, ...replyUntested(rcpt.value) };
  const rset = await client.command('RSET');
  if (!rset.ok) return rset;
  return { ok: true, value: { form, reply: rcpt.value } };
}

/** The agency's domain as the probe addresses it: configured, else the MX host's parent. */
export const probedDomain = (options: SmtpProbeOptions) =>
  options.domain ?? (options.host.split('.').slice(1).join('.') || options.host);

/** A mailbox of the agency's domain that cannot exist: the control of the relay and VRFY tests. */
export const unknownLocal = (domain: string) => `mailops-probe-${randomBytes(6).toString('hex')}@${domain}`;

export async function checkRelay(
  client: SmtpClient,
  options: SmtpProbeOptions,
  unknown: string,
): Promise<Judged> {
  const domain = probedDomain(options);
  // An outside recipient that is not outside: its acceptance would be local delivery, not relaying (a
  // relay_recipient at the very domain under test, such as a provider's own mailbox when that provider is
  // tested).
  const recipientDomain = options.outsideRecipient.slice(options.outsideRecipient.lastIndexOf('@') + 1);
  if (withinDomain(recipientDomain.toLowerCase(), domain.toLowerCase())) {
    return {
      verdict: 'untested',
      params: { reason: 'recipient_local', detail: `RCPT TO:<${options.outsideRecipient}>` },
    };
  }
  // RFC 5321 §4.5.1: every MX accepts its domain's postmaster. Refused too, the outsider itself is refused
  // (a blocklisted client or sender, answered at RCPT by Postfix's default smtpd_delay_reject), so the
  // refusals below say nothing about relaying (circular 4(f)(vi)).
  const postmaster: RelayForm = { form: 'postmaster', recipient: `postmaster@${domain}`, local: true };
  const control: RelayForm = { form: 'unknown-local', recipient: unknown, local: true };
  const outcomes: RcptOutcome[] = [];
  for (const form of [postmaster, control, ...relayForms(options.outsideRecipient, options.host, domain)]) {
    const tried = await tryRecipient(client, options.outsideSender, form);
    if (!tried.ok) return judgeRelay(outcomes, tried);
    outcomes.push(tried.value);
  }
  return judgeRelay(outcomes);
}

const replyClass = (outcome: RcptOutcome) => Math.floor(outcome.reply.code / 100);

/**
 * An addressing status about the recipient (RFC 3463 X.1.x: 5.1.1 no such user, Microsoft's 5.1.10) means the
 * server weighed the recipient, so our client and sender were not refused as such, even if postmaster is
 * missing (against RFC 5321 §4.5.1): the refusals of the relay forms still count. X.1.7 and X.1.8 are about
 * the sender (Postfix answers them at RCPT under smtpd_delay_reject), so they are a refusal of the probe.
 */
export const aboutTheMailbox = (reply: SmtpReply) => {
  const line = reply.lines[0] ?? '';
  return /^[245]\.1\.(?!7\b|8\b)\d{1,3}\b/.test(line) && !/sender address rejected/i.test(line);
};

/**
 * A refusal of the outside recipient's domain itself, not of relaying: the domain takes no mail (RFC 7505 §4.2:
 * null MX, `556 5.1.10`) or does not exist (RFC 3463 X.1.2, bad destination system; Postfix's
 * reject_unknown_recipient_domain, "Domain not found"). A server that checks this before it decides on
 * relaying has said nothing about relaying, so its refusal cannot pass the test.
 */
const aboutTheOutsideDomain = (reply: SmtpReply) =>
  /^[45]\.1\.(?:2|10)\b/.test(reply.lines[0] ?? '') ||
  /recipient address rejected: (?:domain not found|domain \S+ does not accept mail)/i.test(
    reply.lines.join(' '),
  );

/** A reply with the addresses in it taken out, so that refusals of different recipients can be compared. */
const gist = (reply: SmtpReply) =>
  `${reply.code} ${reply.lines.join(' ').replace(/<[^>]*>|\S+@\S+/g, '')}`.replace(/\s+/g, ' ').trim();

/**
 * The server lets postmaster through (RFC 5321 §4.5.1 asks it to, before any blocklist) and refuses every other
 * recipient, its own unknown mailbox included, with one same reply that is neither about a mailbox nor about
 * relaying: that is the client refused (a blocklisted address), so the refusals say nothing about relaying.
 */
function clientRefused(control: RcptOutcome, forms: readonly RcptOutcome[]): boolean {
  if (replyClass(control) !== 5 || aboutTheMailbox(control.reply)) return false;
  const reply = gist(control.reply);
  return !/relay/i.test(reply) && forms.every((o) => gist(o.reply) === reply);
}

/**
 * 2xx to any form fails naming it; 5xx to every form passes unless postmaster was refused as well, or the
 * outside recipient's domain was refused rather than the relaying; anything else leaves relaying untested.
 */
function judgeRelay([postmaster, control, ...forms]: readonly RcptOutcome[], stopped?: Untested): Judged {
  const localsProve = control !== undefined && replyClass(control) === 5;
  const accepted = forms.filter((o) => replyClass(o) === 2 && (localsProve || !o.form.local));
  if (accepted.length > 0) {
    const [form, recipient] = [accepted.map((o) => o.form.form), accepted.map((o) => o.form.recipient)];
    const reply = formatReply(accepted[0]!.reply);
    return { verdict: 'fail', params: { form: form.join(', '), recipient: recipient.join(', '), reply } };
  }
  if (stopped) return { verdict: 'untested', params: { reason: stopped.reason, detail: stopped.detail } };
  if (replyClass(postmaster!) === 5 && !aboutTheMailbox(postmaster!.reply)) {
    const detail = `postmaster: ${formatReply(postmaster!.reply)}`;
    return { verdict: 'untested', params: { reason: probeRefusal(postmaster!.reply) ?? 'rejected', detail } };
  }
  if (clientRefused(control!, forms)) {
    const detail = `${control!.form.form}: ${formatReply(control!.reply)}`;
    return { verdict: 'untested', params: { reason: probeRefusal(control!.reply) ?? 'rejected', detail } };
  }
  const domainRefused = forms.filter(
    (o) => !o.form.local && replyClass(o) === 5 && aboutTheOutsideDomain(o.reply),
  );
  if (domainRefused.length > 0) {
    const detail = domainRefused.map((o) => `${o.form.form}: ${formatReply(o.reply)}`).join('; ');
    return { verdict: 'untested', params: { reason: 'recipient_domain', detail } };
  }
  const unsettled = forms.filter((o) => replyClass(o) !== 5);
  if (unsettled.length === 0) {
    const tried = forms.map((o) => o.form.recipient).join(', ');
    return { verdict: 'pass', params: { tried, reply: formatReply(forms[0]!.reply) } };
  }
  const shown = localsProve ? unsettled : [control!, ...unsettled];
  // A 4xx for the probe's EHLO name or sender (Postfix's unknown_hostname_reject_code is 450) is not greylisting.
  const probeRefused = shown.map((o) => probeRefusal(o.reply)).find((r) => r !== null);
  const reason =
    probeRefused ??
    (shown.some((o) => replyClass(o) === 4)
      ? 'temporary'
      : replyClass(control!) === 2
        ? 'accepts_all_local'
        : 'protocol');
  const detail = shown.map((o) => `${o.form.form}: ${formatReply(o.reply)}`).join('; ');
  return { verdict: 'untested', params: { reason, detail } };
}
