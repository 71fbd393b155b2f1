import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../cards/slack/problems.ts';
import { renderSlackCard } from '../../cards/slack/render-card.ts';
import { renderTeamsCard } from '../../cards/teams/render-card.ts';
import { buildCardModel, type TicketCardSource } from '../../cards/ticket-card.ts';
import { type CardKind, COMPLAINT_STATES } from '../../flows/types.ts';
import { investigationSection, type StoredCheckRun } from '../../src/investigation/card-section.ts';
import {
  investigationRun,
  NOTHING_TESTED,
  recheckRun,
  storedRun,
  worstCaseRuns,
} from '../investigation/runs.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { longSource, plainSource } from './slack/fixtures.ts';
import { en, ms, textOf } from './teams/fixtures.ts';

// The bot's investigation on every kind of complaint card, in Slack and Teams, in Malay and English: under
// way, its results with what to fix, and the before/after of the re-check; within both platforms' limits
// with the longest answers and the most broken domain.

const CARDS: readonly CardKind[] = ['soc', 'vendor', 'confirmation', 'ticket'];

function withRuns(source: TicketCardSource, runs: readonly StoredCheckRun[]): TicketCardSource {
  const investigation = investigationSection(runs);
  return investigation ? { ...source, investigation } : source;
}
const complaint = (
  runs: readonly StoredCheckRun[],
  state: (typeof COMPLAINT_STATES)[number] = 'investigating',
) => withRuns(plainSource('complaint', state), runs);
const slackText = (source: TicketCardSource, texts = ms, card: CardKind = 'soc') =>
  textOf(renderSlackCard(buildCardModel(card, source), texts).blocks);
const teamsText = (source: TicketCardSource, texts = ms, card: CardKind = 'soc') =>
  textOf(renderTeamsCard(buildCardModel(card, source), texts).body);

describe.each([
  ['Slack', slackText],
  ['Teams', teamsText],
])('the investigation on a %s complaint card', (_platform, render) => {
  it('says it is under way, and since when', () => {
    const source = complaint([storedRun('run-1', 'investigation', null, 0)]);
    expect(render(source)).toContain('Sedang menyiasat… dimulakan pada 16 Jun 2025, 10:00 PG (MYT)');
    expect(render(source, en)).toContain('Investigating… started at 16 Jun 2025, 10:00 AM (MYT)');
  });

  it('shows the counts, what failed with how to fix it, and the bounce as the bot read it', () => {
    const source = complaint([investigationRun()]);
    const malay = render(source);
    expect(malay).toContain('Siasatan automatik (SOP 4.2 langkah 3)');
    // The pasted bounce is evidence on its own line: not counted among the checks that failed.
    expect(malay).toContain('1 gagal · 1 amaran · 1 tidak dapat diuji · 2 lulus');
    expect(malay).toContain('Had 10 carian DNS SPF');
    expect(malay).toContain('Cara membetulkan:');
    expect(malay).toContain('Mesej pemulangan dalam aduan:');
    const english = render(source, en);
    expect(english).toContain('1 failed · 1 warned · 1 could not test · 2 passed');
    // A run stored before the DMARC texts named the tag still reads whole.
    expect(malay).toContain('tukar p= di _dmarc.moe.gov.my kepada `quarantine`');
    expect(`${malay}${english}`).not.toMatch(/\{[a-z_]+\}/i);
    expect(english).toContain('SPF limit of 10 DNS lookups');
    expect(english).toContain('reports a permanent failure (5.1.1)');
  });

  it('says which checks it could not test and who tests them, rather than that nothing failed', () => {
    const source = complaint([storedRun('run-1', 'investigation', NOTHING_TESTED, 0)]);
    const malay = render(source);
    expect(malay).not.toContain('Tiada semakan yang gagal atau memberi amaran.');
    expect(malay).toContain(
      'Tidak dapat diuji oleh mailops, jadi VAS SOC perlu mengujinya secara manual (SOP 4.2 langkah 3): Penghantaran masuk dari e-mel luar (Pekeliling 4(c)); Domain wujud dalam DNS; Rekod SPF; STARTTLS',
    );
    const english = render(source, en);
    expect(english).toContain(
      'mailops could not test these, so VAS SOC tests them by hand (SOP 4.2 step 3):',
    );
    // On the requester's card after the re-check, her own test is what decides them.
    const recheck = complaint(
      [investigationRun(), storedRun('run-2', 'recheck', NOTHING_TESTED, 60)],
      'awaiting_confirmation',
    );
    expect(render(recheck, en, 'confirmation')).toContain(
      "mailops could not test these again, so the requester's own test (SOP 4.2 step 7) decides them:",
    );
  });

  it('after the re-check shows before → after for each check', () => {
    const source = complaint([investigationRun(), recheckRun()], 'awaiting_confirmation');
    const english = render(source, en, 'confirmation');
    expect(english).toContain('Before → after it was marked resolved:');
    expect(english).toMatch(/SPF limit of 10 DNS lookups.*: FAIL → PASS \(fixed\)/);
    expect(english).toMatch(/STARTTLS \(encryption in transit\).*: PASS → FAIL \(new problem\)/);
    expect(english).toMatch(/DMARC policy \(p=\).*: WARN → WARN \(still failing\)/);
    expect(render(source, ms, 'confirmation')).toMatch(/GAGAL → LULUS \(dibetulkan\)/);
  });

  it('is on every kind of complaint card', () => {
    for (const card of CARDS)
      expect(render(complaint([investigationRun()]), en, card)).toContain('Automated investigation');
  });

  it('is not on a card of a ticket the bot did not investigate', () => {
    expect(render(plainSource('complaint', 'investigating'), en)).not.toContain('Automated investigation');
  });
});

describe('the investigation within the platforms’ limits', () => {
  const worst = (state: (typeof COMPLAINT_STATES)[number]) =>
    withRuns(longSource('complaint', state), worstCaseRuns());

  it.each(CARDS.flatMap((card) => COMPLAINT_STATES.map((state) => [card, state] as const)))(
    'the %s card in %s, with 40 long fields and the most broken domain, fits Block Kit and Teams',
    (card, state) => {
      const model = buildCardModel(card, worst(state));
      for (const texts of [ms, en]) {
        expect(blockKitProblems(renderSlackCard(model, texts))).toEqual([]);
        expect(adaptiveCardProblems(renderTeamsCard(model, texts))).toEqual([]);
      }
    },
  );

  it('lists five problems and eight changes and says how many more there are', () => {
    const model = buildCardModel('soc', worst('awaiting_confirmation'));
    const slack = textOf(renderSlackCard(model, en).blocks);
    expect(slack).toContain('Re-checking after it was marked resolved');
    expect(slack).toContain('and 22 more');
    expect(textOf(renderTeamsCard(model, ms).body)).toContain('dan 22 lagi');
  });

  it('escapes what the checks found, so a subject or a pasted bounce cannot mention a channel on Slack', () => {
    const blocks = renderSlackCard(buildCardModel('soc', worst('investigating')), en).blocks;
    const investigation = textOf(blocks.filter((b) => textOf(b).includes('sangat-panjang')));
    expect(investigation).toContain('&lt;!here&gt;');
    expect(investigation).not.toContain('<!here>');
  });
});
