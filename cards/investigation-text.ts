import type { CardInvestigation, LocalizedText } from './card-model.ts';
import type { Texts } from './texts.ts';

// The words of a complaint's investigation section that Slack and Teams show alike; each platform only
// marks them up and clips them to its own limits.

type Latest = NonNullable<CardInvestigation['latest']>;

/** A text worded in both languages, in the reader's. */
export const pick = (text: LocalizedText, texts: Texts): string => text[texts.locale];

/** "Nothing to fix" only when the run ended, found nothing wrong and left nothing untested. */
export const nothingToFix = (latest: Latest): boolean =>
  latest.problems.length === 0 && latest.untested.length === 0 && !latest.failed;

/** The checks left to VAS SOC by hand, in one line (the count alone would read as nothing to do), or null. */
export function untestedLine(latest: Latest, texts: Texts): string | null {
  if (latest.untested.length === 0) return null;
  const names = latest.untested.map((title) => pick(title, texts));
  if (latest.moreUntested > 0) names.push(texts.t('common.more', { count: latest.moreUntested }));
  return texts.t(`card.investigation.untested.${latest.purpose}`, { checks: names.join('; ') });
}
