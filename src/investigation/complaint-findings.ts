import { classifyBounceText } from '../mail/probe/bounce-text.ts';
import type { Finding, Verdict } from '../mail/types.ts';

// The findings of SOP 4.2 step 3 that come from the complaint itself rather than from the mail checks:
// whether its domains are served by the e-mail service (first bullet, "domain penghantar dan penerima adalah
// di dalam domain 1GovUC"), and what the bounce the requester pasted says (fourth bullet, "auto-reply atau
// non-delivery email"). Their texts are `mailtest.investigation.*` (src/i18n/catalog/investigation.ts).

/** The SOP's own step serves none of the circular's items; requirement summaries skip it. */
const SOP_STEP_3: Finding['requirement'] = 'sop-4.2';
/** A server's reply quoted in a finding: enough to recognise it, never a whole pasted message. */
const DIAGNOSTIC_MAX = 300;

/** What the requester reported (SOP 4.2 step 1), as stored with the ticket. */
export interface ComplaintFacts {
  readonly domain: string;
  readonly exampleSender?: string | null;
  readonly exampleRecipient?: string | null;
}

const domainOf = (address: string | null | undefined) => address?.split('@').pop()?.toLowerCase();

/**
 * The complaint's domain must be the service's (else the desk cannot fix its mail: fail). The example
 * addresses' domains are checked too; one outside the service is the other party, which the bot cannot test
 * from inside (untested, never a fail). A configuration that names none of the service's domains cannot tell
 * either way: one untested finding says so, rather than failing every complaint for it.
 */
export function serviceDomainFindings(
  complaint: ComplaintFacts,
  inService: (domain: string) => boolean | null,
): Finding[] {
  if (inService(complaint.domain) === null)
    return [
      {
        check: 'investigation.service_unknown',
        verdict: 'untested',
        requirement: SOP_STEP_3,
        subject: complaint.domain,
        params: { domain: complaint.domain },
      },
    ];
  const sides = [
    ['complaint', complaint.domain],
    ['sender', domainOf(complaint.exampleSender)],
    ['recipient', domainOf(complaint.exampleRecipient)],
  ] as const;
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const [side, domain] of sides) {
    if (!domain || seen.has(domain)) continue;
    seen.add(domain);
    const served = inService(domain);
    const verdict: Verdict = served ? 'pass' : side === 'complaint' ? 'fail' : 'untested';
    findings.push({
      check: 'investigation.service_domain',
      verdict,
      requirement: SOP_STEP_3,
      subject: domain,
      params: { domain },
    });
  }
  return findings;
}

const VERDICT_OF_CLASS: Readonly<Record<string, Verdict>> = {
  permanent: 'fail',
  persistent: 'warn',
  success: 'pass',
};

/**
 * The pasted bounce, classified: a permanent failure fails, a temporary one warns, a success report passes;
 * nothing pasted, or nothing in it the bot can read, is untested. `meaning` is a catalog key
 * (`probe.*`), worded when the finding is described (describe.ts).
 */
export function bounceFinding(bounceText: string | undefined | null): Finding {
  const base = { check: 'investigation.bounce_text', requirement: SOP_STEP_3 } as const;
  if (!bounceText?.trim()) return { ...base, verdict: 'untested', params: {} };
  const read = classifyBounceText(bounceText);
  const verdict = read.statusClass ? (VERDICT_OF_CLASS[read.statusClass] ?? 'untested') : 'untested';
  const diagnostic = read.diagnostic ?? '';
  return {
    ...base,
    verdict,
    params: {
      status: read.status ?? (read.smtpCode === null ? '' : String(read.smtpCode)),
      diagnostic:
        diagnostic.length > DIAGNOSTIC_MAX ? `${diagnostic.slice(0, DIAGNOSTIC_MAX - 1)}…` : diagnostic,
      meaning: read.meaningKey ?? '',
    },
  };
}

/** The checks themselves broke for good: say so among the findings, with the log line's reference. */
export function checksStoppedFinding(reference: string): Finding {
  return {
    check: 'investigation.checks',
    verdict: 'untested',
    requirement: SOP_STEP_3,
    params: { reference },
  };
}
