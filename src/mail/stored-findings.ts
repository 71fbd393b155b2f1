import { networkReason } from './socket-errors.ts';
import type { Finding } from './types.ts';

// Runs are stored for years (retention.history_days) and read again in reports, histories and a complaint's
// before/after. A finding kept before a check's text or parameters changed is read here as the check would
// word it today, so no stored run ever shows a raw code or an empty placeholder.

/**
 * Values a check's text has come to show since runs were first stored: a run kept from before reads as the
 * check then judged it. (SPF void lookups were one count for every sender until they were counted per family;
 * a DMARC policy was p= alone.)
 */
const STORED_BEFORE: Readonly<Record<string, Record<string, string>>> = {
  'spf.void_lookups': { family: 'all' },
  // The policy's texts came to name the tag they judge (p=, or sp= for a subdomain) after p= alone.
  'dmarc.policy': { tag: 'p' },
};

/**
 * A finding as it would be judged today, for a run stored before: SPF's unanswered DNS question was once kept as
 * `reason` (the SMTP side's name, so it read as a raw code), an include built from macros was `spf.lookups`,
 * and an MTA-STS policy out of reach kept node's socket code (ETIMEDOUT).
 */
function renamed(finding: Finding): Finding {
  const { reason } = finding.params;
  if (finding.check === 'mta_sts.policy' && typeof reason === 'string')
    return { ...finding, params: { ...finding.params, reason: networkReason(reason) } };
  if (finding.check !== 'spf.lookups' && finding.check !== 'spf.void_lookups') return finding;
  const { reason: _, ...params } = finding.params;
  if (reason === undefined) return finding;
  if (reason === 'macro') return { ...finding, check: 'spf.lookups_macro', params };
  return { ...finding, params: { ...params, failure: reason } };
}

/**
 * A stored finding as today's texts read it: renamed where a check or a parameter was, then given the values its
 * text came to show since.
 */
export function asJudgedToday(stored: Finding): Finding {
  const finding = renamed(stored);
  return { ...finding, params: { ...STORED_BEFORE[finding.check], ...finding.params } };
}
