import { describe, expect, it } from 'vitest';
import type { MailtestView, ViewFinding, ViewVerdict } from '../../../cards/mailtest-view.ts';
import { jsonBytes, TEAMS_LIMITS } from '../../../cards/teams/limits.ts';
import { renderTeamsMailtest } from '../../../cards/teams/render-mailtest.ts';
import { adaptiveCardProblems } from '../../support/adaptive-card-checks.ts';
import { en, ms } from './fixtures.ts';

// The /mailtest report card: what needs attention in full, what passed in one line per area, the requirements
// once finished; valid Adaptive Card 1.5 within Teams' size limit however broken the domain is.

const finding = (verdict: ViewVerdict, title: string, text = `${title} found.`): ViewFinding => ({
  verdict,
  verdictText: verdict.toUpperCase(),
  title,
  text,
  ...(verdict === 'pass' ? {} : { fix: `Fix ${title}.` }),
});

const view = (over: Partial<MailtestView> = {}): MailtestView => ({
  domain: 'agensi.gov.my',
  locale: 'en',
  finished: true,
  title: 'Mail test: agensi.gov.my',
  status: 'Done: 2 passed · 1 warnings · 1 failed · 1 could not test.',
  requestedBy: 'Asked by Aminah · 28 Nov 2026, 10:00 AM (MYT)',
  sections: [
    {
      title: 'SPF',
      findings: [
        finding('pass', 'SPF record'),
        finding('fail', 'SPF lookups', 'SPF needs 13 DNS lookups; include:c.spf pushes it over 10.'),
        finding('pass', 'SPF all'),
      ],
    },
    { title: 'SMTP: mx1 (203.0.113.25)', findings: [finding('warn', 'Size'), finding('untested', 'Relay')] },
  ],
  requirementsTitle: 'Requirements',
  requirements: [
    { status: 'not_met', text: 'Circular 4(f)(vi): NOT met' },
    { status: 'met', text: 'Circular 4(f)(iii): met' },
  ],
  fixLabel: 'How to fix:',
  passedLabel: 'Passed:',
  moreAreasLabel: 'Areas not shown:',
  ...over,
});

describe('renderTeamsMailtest', () => {
  it('shows what needs attention in full, passes in one line, and the requirements once finished', () => {
    const card = renderTeamsMailtest(view(), en);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('include:c.spf pushes it over 10');
    expect(text).toContain('How to fix: Fix SPF lookups.');
    expect(text).toContain('Passed: SPF record · SPF all');
    expect(text).toContain('Circular 4(f)(vi): NOT met');
    expect(card.fallbackText).toBe(
      'Mail test: agensi.gov.my: Done: 2 passed · 1 warnings · 1 failed · 1 could not test.',
    );
  });

  it('leaves the requirements out while checks are still running', () => {
    const card = renderTeamsMailtest(view({ finished: false, status: 'Checking… 3 checks done.' }), ms);
    expect(JSON.stringify(card)).not.toContain('Requirements');
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('stays within the size limit for a domain where everything is wrong, at length', () => {
    const long = 'x'.repeat(2000);
    const sections = Array.from({ length: 12 }, (_, s) => ({
      title: `SMTP: mx${s}.agensi.gov.my (203.0.113.${s})`,
      findings: Array.from({ length: 8 }, (_, i) => finding('fail', `Check ${i}`, long)),
    }));
    const card = renderTeamsMailtest(view({ sections }), en);
    expect(jsonBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(adaptiveCardProblems(card)).toEqual([]);
    // Every failure is still named, with a visible truncation.
    expect(JSON.stringify(card).match(/FAIL\*\* · Check 7/g)).toHaveLength(12);
  });
});
