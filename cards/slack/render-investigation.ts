import type { CardCheck, CardCheckChange, CardInvestigation } from '../card-model.ts';
import type { Fitter } from '../fit-text.ts';
import { nothingToFix, pick, untestedLine } from '../investigation-text.ts';
import type { Texts } from '../texts.ts';
import type { Block } from './block-kit.ts';

// The investigation section of a complaint's Slack card (SOP 4.2 step 3, issue 6): what is under way, the
// latest results with what needs attention and its fix, the before/after of a re-check, and the pasted
// bounce as the bot read it. Every piece is clipped, and at most five problems and eight changes are listed
// (card-section.ts), so the section stays near 4,000 characters and the form's fields keep the rest.

type Verdict = CardCheck['verdict'];
const MARK: Readonly<Record<Verdict, string>> = {
  pass: ':white_check_mark:',
  warn: ':warning:',
  fail: ':x:',
  untested: ':grey_question:',
};
const TITLE_MAX = 90;
const SUBJECT_MAX = 60;
const FIX_MAX = 140;
const BOUNCE_MAX = 500;
const UNTESTED_MAX = 600;

function subject(s: string | undefined, fit: Fitter): string {
  return s ? ` · ${fit.md(s, SUBJECT_MAX)}` : '';
}

function problemLine(p: CardCheck, texts: Texts, fit: Fitter): string {
  const head = `${MARK[p.verdict]} *${fit.md(pick(p.title, texts), TITLE_MAX)}*${subject(p.subject, fit)}`;
  const fix = pick(p.fix, texts);
  return fix === '' ? head : `${head}\n      _${texts.t('card.investigation.fix')}_ ${fit.md(fix, FIX_MAX)}`;
}

function changeLine(c: CardCheckChange, texts: Texts, fit: Fitter): string {
  const verdict = (v: Verdict | null) =>
    v === null ? texts.t('card.investigation.not_run') : texts.t(`mailtest.verdict.${v}`);
  const mark = MARK[c.after ?? 'untested'];
  const title = `*${fit.md(pick(c.title, texts), TITLE_MAX)}*${subject(c.subject, fit)}`;
  return `${mark} ${title}: ${verdict(c.before)} → ${verdict(c.after)} (${texts.t(`card.investigation.change.${c.change}`)})`;
}

function untestedLines(latest: NonNullable<CardInvestigation['latest']>, texts: Texts, fit: Fitter) {
  const line = untestedLine(latest, texts);
  return line === null ? [] : [`${MARK.untested} ${fit.md(line, UNTESTED_MAX)}`];
}

const more = (count: number, texts: Texts) => (count > 0 ? [`_${texts.t('common.more', { count })}_`] : []);

function resultLines(latest: NonNullable<CardInvestigation['latest']>, texts: Texts, fit: Fitter): string[] {
  const at = texts.formatDate(latest.finishedAt);
  const { pass, warn, fail, untested } = latest.counts;
  return [
    `${texts.t(`card.investigation.result.${latest.purpose}`, { at })} ${texts.t('card.investigation.counts', { pass, warn, fail, untested })}`,
    ...(latest.failed ? [`_${texts.t('card.investigation.stopped')}_`] : []),
    ...(nothingToFix(latest) ? [texts.t('card.investigation.nothing_to_fix')] : []),
    ...latest.problems.map((p) => problemLine(p, texts, fit)),
    ...more(latest.moreProblems, texts),
    ...untestedLines(latest, texts, fit),
  ];
}

export function investigationBlocks(
  model: { investigation?: CardInvestigation },
  texts: Texts,
  fit: Fitter,
): Block[] {
  const inv = model.investigation;
  if (!inv) return [];
  const running = inv.running
    ? [
        `:hourglass_flowing_sand: ${texts.t(`card.investigation.running.${inv.running.purpose}`, { at: texts.formatDate(inv.running.startedAt) })}`,
      ]
    : [];
  const summary = [
    `*${texts.t('card.investigation.title')}*`,
    ...running,
    ...(inv.latest ? resultLines(inv.latest, texts, fit) : []),
  ];
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: summary.join('\n') } }];
  const changes = inv.latest?.changes;
  if (changes) {
    const lines =
      changes.items.length === 0
        ? [texts.t('card.investigation.no_changes')]
        : [...changes.items.map((c) => changeLine(c, texts, fit)), ...more(changes.more, texts)];
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: [`*${texts.t('card.investigation.changes')}*`, ...lines].join('\n') },
    });
  }
  if (inv.bounce) {
    const text = `*${texts.t('card.investigation.bounce')}* ${fit.md(pick(inv.bounce, texts), BOUNCE_MAX)}`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  return blocks;
}
