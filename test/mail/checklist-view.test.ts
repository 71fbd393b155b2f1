import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../cards/slack/limits.ts';
import { blockKitProblems } from '../../cards/slack/problems.ts';
import { renderSlackMailtest } from '../../cards/slack/render-mailtest.ts';
import { jsonBytes, TEAMS_LIMITS } from '../../cards/teams/limits.ts';
import { renderTeamsMailtest } from '../../cards/teams/render-mailtest.ts';
import { renderTextMailtest } from '../../cards/text/render-mailtest.ts';
import { type ChecklistDomain, checklistView } from '../../src/mail/checklist-view.ts';
import type { Finding } from '../../src/mail/types.ts';
import { en, ms } from '../cards/teams/fixtures.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';

// The daily checklist's summary card (circular 4(c), 4(h)): one section per domain with its one-line result and
// complaint, only what needs attention, a domain that could not run never called failing, in both languages,
// and within Slack's and Teams' limits however many domains fail at length.

// 07:30 in Malaysia on 28 November 2026.
const AT = new Date('2026-11-27T23:30:00Z');

const spfRecord = (verdict: Finding['verdict'], domain: string): Finding => ({
  check: 'spf.record',
  verdict,
  requirement: '4f-v',
  params: { domain, record: 'v=spf1 -all', failure: 'timeout' },
});
const spfAll = (verdict: Finding['verdict']): Finding => ({
  check: 'spf.all',
  verdict,
  requirement: 'gp-spoofing',
  params: { where: 'agensi.gov.my', all: verdict === 'warn' ? '?all' : '-all' },
});

const DOMAINS: ChecklistDomain[] = [
  {
    domain: 'ok.gov.my',
    ran: true,
    findings: [spfRecord('pass', 'ok.gov.my'), spfAll('warn')],
    ticket: null,
  },
  { domain: 'rosak.gov.my', ran: false, reference: '1a2b3c4d' },
  {
    domain: 'agensi.gov.my',
    ran: true,
    findings: [spfAll('pass'), spfRecord('untested', 'agensi.gov.my'), spfRecord('fail', 'agensi.gov.my')],
    ticket: { number: 'AD-2026-000012', opened: true },
  },
];

describe('checklistView', () => {
  it('titles the card with the fire time and lists failing domains first, in Malay', () => {
    const view = checklistView({ at: AT, locale: 'ms', domains: DOMAINS });
    expect(view.title).toBe('Senarai semak harian e-mel — 28/11/2026 07:30');
    expect(view.status).toBe(
      'Domain: 3 (1 gagal, 1 tidak dapat dijalankan, 1 OK) · Semakan: 1 gagal · 1 amaran · 1 tidak dapat diuji · 2 lulus',
    );
    expect(view.sections.map((s) => s.title)).toEqual([
      'agensi.gov.my — GAGAL: 1 gagal · 0 amaran · 1 tidak dapat diuji · 1 lulus · aduan AD-2026-000012 dibuka',
      'rosak.gov.my — tidak dapat dijalankan kerana ralat dalaman (rujukan 1a2b3c4d); bukan keputusan gagal',
      'ok.gov.my — OK: 0 gagal · 1 amaran · 0 tidak dapat diuji · 1 lulus',
    ]);
    // Only what needs attention, failures first; a pass is counted in the title, not listed.
    expect(view.sections[0]!.findings.map((f) => [f.verdictText, f.title])).toEqual([
      ['GAGAL', 'Rekod SPF'],
      ['TIDAK DAPAT DIUJI', 'Rekod SPF'],
    ]);
    expect(view.sections[1]!.findings).toEqual([]);
    expect(view.sections[2]!.findings.map((f) => f.verdict)).toEqual(['warn']);
  });

  it('speaks English to an English reader and names a complaint that was added to', () => {
    const domains: ChecklistDomain[] = [
      {
        ...(DOMAINS[2] as Extract<ChecklistDomain, { ran: true }>),
        ticket: { number: 'AD-2026-000009', opened: false },
      },
      DOMAINS[1]!,
    ];
    const view = checklistView({ at: AT, locale: 'en', domains });
    expect(view.title).toBe('Daily e-mail checklist — 28/11/2026 07:30');
    expect(view.status).toBe(
      'Domains: 2 (1 failing, 1 could not run, 0 OK) · Checks: 1 failed · 0 warned · 1 could not test · 1 passed',
    );
    expect(view.sections[0]!.title).toBe(
      'agensi.gov.my — FAILING: 1 failed · 0 warned · 1 could not test · 1 passed · added to the open complaint AD-2026-000009',
    );
    expect(view.sections[1]!.title).toContain('could not run on an internal error (reference 1a2b3c4d)');
    expect(view.sections[0]!.findings[0]).toMatchObject({ verdictText: 'FAIL', title: 'SPF record' });
    expect(view.sections[0]!.findings[0]!.fix).toBeTruthy();
    expect(view.requestedBy).toContain('Circular 4(c) and 4(h)');
  });

  it('says when a fire missed while mailops was down really ran, in both languages', () => {
    const ranAt = new Date(AT.getTime() + 70 * 60_000);
    expect(checklistView({ at: AT, ranAt, locale: 'ms', domains: DOMAINS }).title).toBe(
      'Senarai semak harian e-mel — 28/11/2026 07:30, dijalankan lewat pada 28/11/2026 08:40 (mailops tidak berjalan pada waktu jadualnya)',
    );
    expect(checklistView({ at: AT, ranAt, locale: 'en', domains: DOMAINS }).title).toBe(
      'Daily e-mail checklist — 28/11/2026 07:30, run late at 28/11/2026 08:40 (mailops was not running at its scheduled time)',
    );
  });

  it('says a fire ran again when its run at the scheduled time did not finish, in both languages', () => {
    const ranAt = new Date(AT.getTime() + 10 * 60_000);
    expect(checklistView({ at: AT, ranAt, retried: true, locale: 'ms', domains: DOMAINS }).title).toBe(
      'Senarai semak harian e-mel — 28/11/2026 07:30, dijalankan semula pada 28/11/2026 07:40 (larian pada waktu jadualnya tidak selesai)',
    );
    expect(checklistView({ at: AT, ranAt, retried: true, locale: 'en', domains: DOMAINS }).title).toBe(
      'Daily e-mail checklist — 28/11/2026 07:30, run again at 28/11/2026 07:40 (the run at its scheduled time did not finish)',
    );
  });

  it('never calls a domain that could not run failing, and leaves what it would have checked undetermined', () => {
    const view = checklistView({ at: AT, locale: 'en', domains: [DOMAINS[0]!, DOMAINS[1]!] });
    expect(JSON.stringify(view)).not.toMatch(/FAIL|failing: [1-9]/);
    expect(view.status).toContain('0 failing, 1 could not run, 1 OK');
    // ok.gov.my meets 4(f)(v), but rosak.gov.my was not checked: not "met" for the service.
    const dns = view.requirements.find((r) => r.text.startsWith('Circular 4(f)(v)'));
    expect(dns).toMatchObject({ status: 'unknown' });
  });

  it('says which requirement a failing domain does not meet, across every domain', () => {
    const view = checklistView({ at: AT, locale: 'ms', domains: [DOMAINS[0]!, DOMAINS[2]!] });
    expect(view.requirements.find((r) => r.text.startsWith('Pekeliling 4(f)(v)'))).toMatchObject({
      status: 'not_met',
    });
    expect(view.requirements.find((r) => r.text.startsWith('Amalan baik: tiada pihak lain'))?.status).toBe(
      'partly',
    );
  });

  it('says when a failing domain has no complaint, so SOC opens one by hand', () => {
    const failing = { ...(DOMAINS[2] as Extract<ChecklistDomain, { ran: true }>), ticket: null };
    const view = checklistView({ at: AT, locale: 'en', domains: [failing] });
    expect(view.sections[0]!.title).toContain('no complaint could be opened automatically');
  });

  describe('with every domain failing at length', () => {
    const long = 'x'.repeat(1500);
    const domains: ChecklistDomain[] = Array.from({ length: 60 }, (_, d) => ({
      domain: `agensi${d}.gov.my`,
      ran: true,
      findings: Array.from({ length: 12 }, () => spfRecord('fail', `${long}${d}`)),
      ticket: { number: `AD-2026-${String(d).padStart(6, '0')}`, opened: true },
    }));

    it('stays within Slack limits and counts the domains it cannot show', () => {
      for (const [locale, texts] of [
        ['ms', ms],
        ['en', en],
      ] as const) {
        const message = renderSlackMailtest(checklistView({ at: AT, locale, domains }), texts);
        expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
        expect(blockKitProblems(message)).toEqual([]);
      }
      const text = JSON.stringify(renderSlackMailtest(checklistView({ at: AT, locale: 'en', domains }), en));
      expect(text).toMatch(/areas not shown here: \d+/);
      expect(text).toContain('agensi0.gov.my — FAILING');
    });

    it('stays within the Teams card size and still names every failing domain', () => {
      const card = renderTeamsMailtest(checklistView({ at: AT, locale: 'ms', domains }), ms);
      expect(jsonBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(JSON.stringify(card)).toContain('agensi59.gov.my — GAGAL');
    });

    it('bounds the text a platform without report cards gets', () => {
      const text = renderTextMailtest(checklistView({ at: AT, locale: 'en', domains }));
      expect(text.length).toBeLessThanOrEqual(3500);
      expect(text).toMatch(/^Daily e-mail checklist — 28\/11\/2026 07:30\n/);
      expect(text).toMatch(/areas not shown here: \d+/);
    });
  });
});
