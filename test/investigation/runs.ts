import type { StoredCheckRun } from '../../src/investigation/card-section.ts';
import { compareRuns } from '../../src/investigation/compare.ts';
import { bounceFinding, serviceDomainFindings } from '../../src/investigation/complaint-findings.ts';
import { summaryJson } from '../../src/investigation/stored-run.ts';
import type { Finding } from '../../src/mail/types.ts';
import { AFTER_PARTLY, BEFORE, PASTED_BOUNCE } from './fixtures.ts';

// Stored check runs of one complaint as the database holds them (JSON columns included), for the card
// section's builder and the renderers' tests.

const T0 = new Date('2025-06-16T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const own = [
  ...serviceDomainFindings(
    { domain: 'moe.gov.my', exampleSender: 'rakan@gmail.com', exampleRecipient: 'aminah@moe.gov.my' },
    (d) => d === 'moe.gov.my',
  ),
];

export const INVESTIGATION_FINDINGS: readonly Finding[] = [...own, bounceFinding(PASTED_BOUNCE), ...BEFORE];
export const RECHECK_FINDINGS: readonly Finding[] = [...own, ...AFTER_PARTLY];

export function storedRun(
  id: string,
  purpose: string,
  findings: readonly Finding[] | null,
  minutes: number,
  extra: Partial<StoredCheckRun> = {},
): StoredCheckRun {
  return {
    id,
    purpose,
    status: findings === null ? 'running' : 'done',
    startedAt: at(minutes),
    finishedAt: findings === null ? null : at(minutes + 3),
    findings: findings ?? [],
    summary: findings === null ? {} : summaryJson(findings, null),
    ...extra,
  };
}

/**
 * An investigation on a machine that reaches no DNS and has no probe mailboxes for the domain: nothing
 * failed because nothing could be tested (the delivery probes twice, the DNS checks per MX host).
 */
export const NOTHING_TESTED: readonly Finding[] = [
  ...serviceDomainFindings({ domain: 'moe.gov.my' }, () => true),
  bounceFinding(''),
  { check: 'dns.domain', verdict: 'untested', requirement: '4f-v', params: { reason: 'timeout' } },
  { check: 'spf.record', verdict: 'untested', requirement: '4f-v', params: { reason: 'timeout' } },
  ...['mx1.moe.gov.my', 'mx2.moe.gov.my'].map(
    (subject): Finding => ({
      check: 'smtp.starttls',
      verdict: 'untested',
      requirement: 'gp-transport',
      subject,
      params: { reply: '' },
    }),
  ),
  { check: 'delivery.inbound', verdict: 'untested', requirement: '4c', params: { reason: 'not_configured' } },
];

export const investigationRun = () => storedRun('run-1', 'investigation', INVESTIGATION_FINDINGS, 0);

export function recheckRun(findings: readonly Finding[] = RECHECK_FINDINGS): StoredCheckRun {
  const { comparison } = compareRuns(INVESTIGATION_FINDINGS, findings);
  return {
    ...storedRun('run-2', 'recheck', findings, 60),
    summary: summaryJson(findings, { baselineRunId: 'run-1', ...comparison }),
  };
}

/** A badly broken domain: more problems and changes than a card lists, with long subjects. */
export function worstCaseRuns(): StoredCheckRun[] {
  const many = (verdict: 'fail' | 'warn' | 'pass'): Finding[] =>
    Array.from({ length: 30 }, (_, i) => ({
      check: i % 2 === 0 ? 'smtp.starttls' : 'spf.lookups',
      verdict,
      requirement: 'gp-transport',
      subject: `<!here> mx${i}.${'sangat-panjang-'.repeat(20)}moe.gov.my (203.0.113.${i})`,
      params: { reply: `<!channel> ${'x'.repeat(2000)}`, count: 12, limit: 10, over: 'include:a' },
    }));
  const longBounce = bounceFinding(`${PASTED_BOUNCE}\n${'<!channel> & *tebal* '.repeat(600)}`);
  return [
    storedRun('run-1', 'investigation', [longBounce, ...many('fail')], 0),
    {
      ...storedRun('run-2', 'recheck', many('warn'), 60),
      summary: summaryJson(many('warn'), {
        baselineRunId: 'run-1',
        ...compareRuns([longBounce, ...many('fail')], many('warn')).comparison,
      }),
    },
    storedRun('run-3', 'recheck', null, 120),
  ];
}
