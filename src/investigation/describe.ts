import type { LocalizedText } from '../../cards/card-model.ts';
import { createTranslator, hasMessage, type Locale } from '../i18n/index.ts';
import { type DescribedFinding, describeFinding } from '../mail/describe.ts';
import type { Finding } from '../mail/types.ts';

// A finding of the investigation in words. The mail checks' findings are worded by src/mail/describe.ts;
// the investigation's own bounce finding carries its meaning as a catalog key (`probe.*`), worded here first.

const LOCALES: readonly Locale[] = ['ms', 'en'];

export function describeCheck(finding: Finding, locale: Locale): DescribedFinding {
  const meaning = finding.params.meaning;
  if (typeof meaning !== 'string') return describeFinding(finding, locale);
  const worded = meaning !== '' && hasMessage(meaning) ? createTranslator(locale)(meaning) : '—';
  return describeFinding({ ...finding, params: { ...finding.params, meaning: worded } }, locale);
}

/** One part of a finding's words in every language the service speaks, for a card built once for all. */
export function localized(finding: Finding, part: keyof DescribedFinding): LocalizedText {
  const [ms, en] = LOCALES.map((locale) => describeCheck(finding, locale)[part]);
  return { ms: ms ?? '', en: en ?? '' };
}
