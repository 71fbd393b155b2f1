import type { CardCheck, CardCheckChange, CardInvestigation } from '../card-model.ts';
import type { Fitter } from '../fit-text.ts';
import { nothingToFix, pick, untestedLine } from '../investigation-text.ts';
import type { Texts } from '../texts.ts';
import { type CardElement, type TextBlock, textBlock } from './adaptive-card.ts';

// The investigation section of a complaint's Adaptive Card, the Teams twin of cards/slack/
// render-investigation.ts: what is under way, the latest results with what needs attention and its fix, the
// before/after of a re-check, and the pasted bounce as the bot read it. Pieces are clipped and the lists are
// bounded (card-section.ts), so the section stays within a few kilobytes of the card's 24 KB.

type Verdict = CardCheck['verdict'];
const COLOUR: Readonly<Record<Verdict, TextBlock['color']>> = {
  pass: 'good',
  warn: 'warning',
  fail: 'attention',
  untested: 'default',
};
const MARK: Readonly<Record<Verdict, string>> = { pass: '✅', warn: '⚠️', fail: '❌', untested: '⏸️' };
const TITLE_MAX = 90;
const SUBJECT_MAX = 60;
const FIX_MAX = 140;
const BOUNCE_MAX = 500;
const UNTESTED_MAX = 600;

const about = (subject: string | undefined, fit: Fitter) =>
  subject ? ` · ${fit.plain(subject, SUBJECT_MAX)}` : '';

function problemElements(p: CardCheck, texts: Texts, fit: Fitter): CardElement[] {
  const head = `${MARK[p.verdict]} **${fit.plain(pick(p.title, texts), TITLE_MAX)}**${about(p.subject, fit)}`;
  const fix = pick(p.fix, texts);
  return [
    textBlock(head, { color: COLOUR[p.verdict], spacing: 'small' }),
    ...(fix === ''
      ? []
      : [
          textBlock(`${texts.t('card.investigation.fix')} ${fit.plain(fix, FIX_MAX)}`, {
            isSubtle: true,
            spacing: 'none',
          }),
        ]),
  ];
}

function changeElement(c: CardCheckChange, texts: Texts, fit: Fitter): CardElement {
  const verdict = (v: Verdict | null) =>
    v === null ? texts.t('card.investigation.not_run') : texts.t(`mailtest.verdict.${v}`);
  const after = c.after ?? 'untested';
  const title = `**${fit.plain(pick(c.title, texts), TITLE_MAX)}**${about(c.subject, fit)}`;
  const change = texts.t(`card.investigation.change.${c.change}`);
  return textBlock(`${MARK[after]} ${title}: ${verdict(c.before)} → ${verdict(c.after)} (${change})`, {
    color: c.change === 'fixed' ? 'good' : COLOUR[after],
    spacing: 'small',
  });
}

function untestedElements(latest: NonNullable<CardInvestigation['latest']>, texts: Texts, fit: Fitter) {
  const line = untestedLine(latest, texts);
  return line === null
    ? []
    : [textBlock(`${MARK.untested} ${fit.plain(line, UNTESTED_MAX)}`, { spacing: 'small' })];
}

const more = (count: number, texts: Texts): CardElement[] =>
  count > 0 ? [textBlock(texts.t('common.more', { count }), { isSubtle: true, spacing: 'small' })] : [];

function resultElements(latest: NonNullable<CardInvestigation['latest']>, texts: Texts, fit: Fitter) {
  const at = texts.formatDate(latest.finishedAt);
  const { pass, warn, fail, untested } = latest.counts;
  const line = `${texts.t(`card.investigation.result.${latest.purpose}`, { at })} ${texts.t('card.investigation.counts', { pass, warn, fail, untested })}`;
  return [
    textBlock(line, { spacing: 'small' }),
    ...(latest.failed ? [textBlock(texts.t('card.investigation.stopped'), { isSubtle: true })] : []),
    ...(nothingToFix(latest)
      ? [textBlock(texts.t('card.investigation.nothing_to_fix'), { color: 'good', spacing: 'small' })]
      : []),
    ...latest.problems.flatMap((p) => problemElements(p, texts, fit)),
    ...more(latest.moreProblems, texts),
    ...untestedElements(latest, texts, fit),
  ];
}

function changeElements(
  changes: NonNullable<CardInvestigation['latest']>['changes'],
  texts: Texts,
  fit: Fitter,
) {
  if (!changes) return [];
  return [
    textBlock(texts.t('card.investigation.changes'), { weight: 'bolder', spacing: 'medium' }),
    ...(changes.items.length === 0
      ? [textBlock(texts.t('card.investigation.no_changes'), { spacing: 'small' })]
      : changes.items.map((c) => changeElement(c, texts, fit))),
    ...more(changes.more, texts),
  ];
}

export function investigationElements(
  model: { investigation?: CardInvestigation },
  texts: Texts,
  fit: Fitter,
): CardElement[] {
  const inv = model.investigation;
  if (!inv) return [];
  const running = inv.running
    ? [
        textBlock(
          `⏳ ${texts.t(`card.investigation.running.${inv.running.purpose}`, { at: texts.formatDate(inv.running.startedAt) })}`,
          { isSubtle: true, spacing: 'small' },
        ),
      ]
    : [];
  const bounce = inv.bounce
    ? [
        textBlock(
          `**${texts.t('card.investigation.bounce')}** ${fit.plain(pick(inv.bounce, texts), BOUNCE_MAX)}`,
          {
            size: 'small',
            spacing: 'medium',
          },
        ),
      ]
    : [];
  const items: CardElement[] = [
    textBlock(texts.t('card.investigation.title'), { weight: 'bolder' }),
    ...running,
    ...(inv.latest ? resultElements(inv.latest, texts, fit) : []),
    ...changeElements(inv.latest?.changes ?? null, texts, fit),
    ...bounce,
  ];
  return [{ type: 'Container', separator: true, spacing: 'medium', items }];
}
