import { describe, expect, it } from 'vitest';
import { jsonBytes, TEAMS_LIMITS } from '../../../cards/teams/limits.ts';
import { renderTeamsMailtest } from '../../../cards/teams/render-mailtest.ts';
import { adaptiveCardProblems } from '../../support/adaptive-card-checks.ts';
import { finding, mailtestView as view } from '../mailtest-fixtures.ts';
import { en, ms } from './fixtures.ts';

// The /mailtest report card: what needs attention in full, what passed in one line per area, the requirements
// once finished; valid Adaptive Card 1.5 within Teams' size limit however broken the domain is.

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
      'Mail test: agensi.gov.my: Done: 2 passed · 1 warned · 1 failed · 1 could not test.',
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

  it('keeps area titles alone, then counts the areas that do not fit, for a report of very many areas', () => {
    const titles = Array.from({ length: 60 }, (_, s) => ({
      title: `agensi${s}.gov.my — FAILING`,
      findings: Array.from({ length: 12 }, (_, i) => finding('fail', `Check ${i}`, 'x'.repeat(1500))),
    }));
    const short = renderTeamsMailtest(view({ sections: titles }), en);
    expect(jsonBytes(short)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(JSON.stringify(short)).toContain('agensi59.gov.my — FAILING');
    const many = Array.from({ length: 400 }, (_, s) => ({
      title: `${'area '.repeat(40)}${s}`,
      findings: [],
    }));
    const counted = renderTeamsMailtest(view({ sections: many }), en);
    expect(jsonBytes(counted)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(adaptiveCardProblems(counted)).toEqual([]);
    expect(JSON.stringify(counted)).toMatch(/Areas not shown: \d+/);
  });
});
