import { describe, expect, it } from 'vitest';
import { investigationSection } from '../../src/investigation/card-section.ts';
import { compareRuns } from '../../src/investigation/compare.ts';
import { summaryJson } from '../../src/investigation/stored-run.ts';
import { DNS_CHECKS } from '../../src/mail/dns-finding.ts';
import type { Finding } from '../../src/mail/types.ts';
import {
  investigationRun,
  NOTHING_TESTED,
  RECHECK_FINDINGS,
  recheckRun,
  storedRun,
  worstCaseRuns,
} from './runs.ts';

// The investigation section of a complaint's cards, from its stored runs: what is under way, the latest
// results and what needs attention with the fix, the pasted bounce, and the before/after of a re-check.

describe('the investigation section of a complaint card', () => {
  it('is absent when the bot ran no checks on the ticket', () => {
    expect(investigationSection([])).toBeUndefined();
    expect(investigationSection([storedRun('x', 'request', [], 0)])).toBeUndefined();
  });

  it('says the investigation is under way, and since when', () => {
    const section = investigationSection([storedRun('run-1', 'investigation', null, 0)]);
    expect(section).toEqual({
      running: { purpose: 'investigation', startedAt: new Date('2025-06-16T02:00:00Z') },
      latest: null,
      bounce: null,
    });
  });

  it('counts the verdicts and lists what failed before what warned, each with its fix in both languages', () => {
    const section = investigationSection([investigationRun()]);
    const latest = section?.latest;
    expect(latest).toMatchObject({
      purpose: 'investigation',
      failed: false,
      // The pasted bounce's permanent failure is evidence on its own line, not a failed check.
      counts: { pass: 2, warn: 1, fail: 1, untested: 1 },
      moreProblems: 0,
      changes: null,
    });
    // The pasted bounce is shown on its own line, not as a problem to fix.
    expect(latest?.problems.map((p) => [p.verdict, p.title.en])).toEqual([
      ['fail', 'SPF limit of 10 DNS lookups'],
      ['warn', 'DMARC policy (p=)'],
    ]);
    expect(latest?.problems[0]?.title.ms).toBe('Had 10 carian DNS SPF');
    expect(latest?.problems[0]?.fix.en).toMatch(/^Reduce/);
    expect(section?.bounce?.en).toMatch(/^The pasted message reports a permanent failure \(5\.1\.1\)/);
    expect(section?.bounce?.ms).toMatch(/^Mesej yang ditampal melaporkan kegagalan kekal/);
  });

  it('names each check it could not test once, delivery first, for VAS SOC to test by hand, not the missing bounce', () => {
    const latest = investigationSection([storedRun('run-1', 'investigation', NOTHING_TESTED, 0)])?.latest;
    expect(latest?.counts).toEqual({ pass: 1, warn: 0, fail: 0, untested: 5 });
    expect(latest?.problems).toEqual([]);
    // The delivery tests first: they are what SOP 4.2 step 3 asks for by name.
    expect(latest?.untested.map((t) => t.en)).toEqual([
      'Inbound delivery from external mail (circular item 4(c))',
      'Domain exists in DNS',
      'SPF record',
      'STARTTLS (encryption in transit)',
    ]);
    expect(latest?.untested[0]?.ms).toBe('Penghantaran masuk dari e-mel luar (Pekeliling 4(c))');
    expect(latest?.moreUntested).toBe(0);
  });

  it('after a re-check shows each check that needed attention, before and after, and keeps the bounce', () => {
    const section = investigationSection([investigationRun(), recheckRun()]);
    expect(section?.latest?.purpose).toBe('recheck');
    expect(
      section?.latest?.changes?.items.map((c) => [c.title.en, c.subject ?? '', c.before, c.after, c.change]),
    ).toEqual([
      ['DMARC policy (p=)', '', 'warn', 'warn', 'still_failing'],
      ['STARTTLS (encryption in transit)', 'mx1.moe.gov.my (203.0.113.25)', 'pass', 'fail', 'new_problem'],
      ['SPF limit of 10 DNS lookups', '', 'fail', 'pass', 'fixed'],
    ]);
    expect(section?.bounce).not.toBeNull();
  });

  it('compares a re-check with no investigation whose checks were given up, as its decision did', () => {
    const givenUp = { ...investigationRun(), status: 'failed' };
    const { comparison } = compareRuns([], RECHECK_FINDINGS);
    const recheck = {
      ...recheckRun(),
      summary: summaryJson(RECHECK_FINDINGS, { baselineRunId: '', ...comparison }),
    };
    const section = investigationSection([givenUp, recheck]);
    expect(section?.latest?.purpose).toBe('recheck');
    expect(section?.latest?.changes).toBeNull();
  });

  it('shows a re-check under way above the results it will replace', () => {
    const section = investigationSection([investigationRun(), storedRun('run-2', 'recheck', null, 60)]);
    expect(section?.running?.purpose).toBe('recheck');
    expect(section?.latest?.purpose).toBe('investigation');
  });

  it('lists at most five problems and eight changes, and counts the rest', () => {
    const latest = investigationSection(worstCaseRuns())?.latest;
    expect(latest?.problems).toHaveLength(5);
    expect(latest?.moreProblems).toBe(25);
    expect(latest?.changes?.items).toHaveLength(8);
    expect(latest?.changes?.more).toBe(22);
  });

  it.each([
    [11, 11, 0],
    [12, 10, 2],
  ])(
    'of %i checks it could not test, shows %i and counts %i more: never "and 1 more"',
    (count, shown, more) => {
      const untested = DNS_CHECKS.filter((c) => (c.verdicts as readonly string[]).includes('untested'))
        .slice(0, count)
        .map(
          (c): Finding => ({ check: c.check, verdict: 'untested', requirement: c.requirement, params: {} }),
        );
      expect(untested).toHaveLength(count);
      const latest = investigationSection([storedRun('run-1', 'investigation', untested, 0)])?.latest;
      expect(latest?.untested).toHaveLength(shown);
      expect(latest?.moreUntested).toBe(more);
    },
  );

  it('says when the checks themselves stopped', () => {
    const failed = { ...investigationRun(), status: 'failed' };
    expect(investigationSection([failed])?.latest?.failed).toBe(true);
  });
});
