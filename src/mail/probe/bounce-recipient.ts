import { domainToASCII } from 'node:url';
import type { BounceRecipient, ProbeOutcome } from './types.ts';

// Which recipient group of a DSN speaks for the probe (RFC 3464 §2.3: one group per recipient, each with its
// own Action): the one naming the probe's recipient, else the first that failed, else the first.

export function probeRecipient(recipients: readonly BounceRecipient[], to: string): BounceRecipient | null {
  const wanted = comparable(to);
  return (
    recipients.find((r) =>
      [r.finalRecipient, r.originalRecipient].some((a) => a && comparable(a) === wanted),
    ) ??
    recipients.find((r) => r.action === 'failed') ??
    recipients[0] ??
    null
  );
}

/**
 * A DSN that is not the end of the probe's delivery (RFC 3464 §2.3.3): `delayed` (the sender still tries),
 * `relayed` or `expanded` (handed on), `delivered`. The copy may still arrive before the deadline; only
 * `failed`, or a bounce that names no action, is final.
 */
export function pendingNotice(outcome: ProbeOutcome, to: string): boolean {
  if (outcome.kind !== 'bounce') return false;
  const action = probeRecipient(outcome.recipients, to)?.action ?? null;
  return action !== null && action !== 'failed';
}

/** An address as a DSN may write it: any case, and (RFC 6533 utf-8 type) a domain in U-labels. */
function comparable(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address.toLowerCase();
  const domain = domainToASCII(address.slice(at + 1)) || address.slice(at + 1);
  return `${address.slice(0, at)}@${domain}`.toLowerCase();
}
