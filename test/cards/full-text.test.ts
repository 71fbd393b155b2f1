import { describe, expect, it } from 'vitest';
import { fullFields, pieces } from '../../cards/full-text.ts';
import { FULL_TEXT_ACTION_ID } from '../../cards/ids.ts';
import type { Block } from '../../cards/slack/block-kit.ts';
import { blockKitProblems } from '../../cards/slack/problems.ts';
import { renderSlackCard } from '../../cards/slack/render-card.ts';
import { renderSlackFullText } from '../../cards/slack/render-full-text.ts';
import { jsonBytes, TEAMS_LIMITS } from '../../cards/teams/limits.ts';
import { renderTeamsCard } from '../../cards/teams/render-card.ts';
import { renderTeamsFullText } from '../../cards/teams/render-full-text.ts';
import { TEAMS_VERBS } from '../../cards/teams/verbs.ts';
import { buildCardModel } from '../../cards/ticket-card.ts';
import { textsFor } from '../../src/i18n/texts.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { ESSAY_FIELDS, essaySource, longSource, plainSource } from './slack/fixtures.ts';

// "Read in full": an approver decides from the request as written (SOP 4.1 step 4), and a card that had to cut
// the long answers to fit offers them whole, on Slack in a modal and on Teams as the reader's own view.

const ms = textsFor('ms');
const en = textsFor('en');
const essay = buildCardModel('approval', essaySource());
const plain = buildCardModel('approval', plainSource('change_request', 'awaiting_approval'));
const DESCRIPTION = ESSAY_FIELDS.find((f) => f.label.key === 'field.description')!.value as string;

const slackButtons = (blocks: readonly Block[]) =>
  blocks
    .flatMap((b) => (b.type === 'actions' ? b.elements : []))
    .map((e) => ('action_id' in e ? e.action_id : ''));
const teamsVerbs = (card: unknown) =>
  [...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]);

describe('Read in full', () => {
  it('is offered on a Slack card only when a field was cut short or left out', () => {
    expect(slackButtons(renderSlackCard(essay, ms).blocks)).toContain(FULL_TEXT_ACTION_ID);
    expect(slackButtons(renderSlackCard(plain, ms).blocks)).not.toContain(FULL_TEXT_ACTION_ID);
    const worst = renderSlackCard(
      buildCardModel('approval', longSource('change_request', 'awaiting_approval')),
      ms,
    );
    expect(slackButtons(worst.blocks)).toContain(FULL_TEXT_ACTION_ID);
    expect(blockKitProblems(worst)).toEqual([]);
  });

  it('shows every field whole in a Slack modal, a long answer over several sections, within Block Kit', () => {
    const modal = renderSlackFullText(essay, en);
    expect(blockKitProblems(modal)).toEqual([]);
    const texts = modal.blocks.map((b) => (b.type === 'section' && b.text ? b.text.text : ''));
    expect(texts.every((t) => t.length <= 3000)).toBe(true);
    const all = texts.join('');
    // The description as typed, mentions and entities escaped as everywhere on Slack, none of it cut.
    expect(all).toContain(
      DESCRIPTION.slice(-200).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
    );
    expect(all).not.toContain('(shortened)');
    expect(modal.title.text).toBe(essay.ticketNumber);
    expect(texts[0]).toMatch(/^\*Title\*\n/);
  });

  it("is offered on a Teams card only when a field was cut short or left out, and opens the reader's view", () => {
    expect(teamsVerbs(renderTeamsCard(essay, ms))).toContain(TEAMS_VERBS.fullText);
    expect(teamsVerbs(renderTeamsCard(plain, ms))).not.toContain(TEAMS_VERBS.fullText);
    const view = renderTeamsFullText(essay, ms);
    expect(adaptiveCardProblems(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain(JSON.stringify(DESCRIPTION.slice(-300)).slice(1, -1));
    expect(teamsVerbs(view)).toEqual([TEAMS_VERBS.refresh]);
    expect(JSON.stringify(view)).toContain('Kembali ke kad');
  });

  it('keeps a Teams view of a ticket too long for one card within its size, and says the rest is elsewhere', () => {
    const worst = buildCardModel('approval', longSource('change_request', 'awaiting_approval'));
    const view = renderTeamsFullText(worst, en);
    expect(jsonBytes(view)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(adaptiveCardProblems(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('Too long to show all of it here');
  });

  it("lists the title and every field in the reader's language, an empty answer as none", () => {
    const fields = fullFields(
      { ...plain, fields: [...plain.fields, { label: { key: 'field.pir' }, value: ' ' }] },
      en,
    );
    expect(fields.map((f) => f.label)).toEqual([
      'Title',
      'Type of request',
      'Change description',
      'Post Implementation Review',
    ]);
    expect(fields[1]?.value).toBe('Add');
    expect(fields.at(-1)?.value).toBe(en.t('common.none'));
  });
});

describe('pieces', () => {
  it('cuts after a space or line break near the end, never inside an entity or past the limit', () => {
    const text = `${'kata '.repeat(700)}&amp;&amp;&amp;${'x'.repeat(3000)}`;
    const cut = pieces(text, 1000);
    expect(cut.join('')).toBe(text);
    expect(cut.every((p) => p.length <= 1000)).toBe(true);
    expect(cut[0]!.endsWith(' ')).toBe(true);
    for (const p of cut) expect(p).not.toMatch(/&a?m?p?$/);
  });

  it('leaves text within the limit whole', () => {
    expect(pieces('pendek', 3000)).toEqual(['pendek']);
    expect(pieces('', 3000)).toEqual([]);
  });
});
