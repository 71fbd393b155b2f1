import { createFitter, type Fitter } from '../fit-text.ts';
import type { MailtestView, ViewFinding, ViewRequirementStatus, ViewVerdict } from '../mailtest-view.ts';
import type { Texts } from '../texts.ts';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  type TextBlock,
  textBlock,
} from './adaptive-card.ts';
import { jsonBytes, TEAMS_LIMITS } from './limits.ts';

// The /mailtest report as an Adaptive Card 1.5: what needs attention first and in full (verdict, what was
// found, how to fix it), what passed in one line per area, and which requirements of the circular are met.
// A report of a badly broken domain can be long: findings' texts are shortened, then fixes dropped, then the
// texts, until the card fits Teams' size limit (limits.ts); every verdict stays on the card. Only a report of
// many areas (the daily checklist's, one area per domain) may still not fit: then the areas keep their titles
// alone, and as a last resort the areas that do not fit are counted, as the Slack rendering does.

const COLOUR: Readonly<Record<ViewVerdict, TextBlock['color']>> = {
  pass: 'good',
  warn: 'warning',
  fail: 'attention',
  untested: 'default',
};
const MARK: Readonly<Record<ViewVerdict, string>> = { pass: '✅', warn: '⚠️', fail: '❌', untested: '⏸️' };
const STATUS_MARK: Readonly<Record<ViewRequirementStatus, string>> = {
  met: '✅',
  partly: '⚠️',
  not_met: '❌',
  unknown: '⏸️',
};

interface Budget {
  readonly text: number;
  readonly fixes: boolean;
  /** Section titles only, without their findings. */
  readonly titlesOnly?: boolean;
}

function findingElements(f: ViewFinding, view: MailtestView, fit: Fitter, budget: Budget): CardElement[] {
  const head = `${MARK[f.verdict]} **${f.verdictText}** · ${f.title}${f.subject ? ` · ${f.subject}` : ''}`;
  return [
    textBlock(head, { color: COLOUR[f.verdict], spacing: 'small' }),
    // The last resort for a huge report: the verdicts and what they are about, without the detail.
    ...(budget.text > 0 ? [textBlock(fit.plain(f.text, budget.text), { spacing: 'none' })] : []),
    ...(f.fix && budget.fixes
      ? [textBlock(`${view.fixLabel} ${fit.plain(f.fix, budget.text)}`, { isSubtle: true, spacing: 'none' })]
      : []),
  ];
}

function body(view: MailtestView, fit: Fitter, budget: Budget): CardElement[] {
  const sections = view.sections.flatMap((section): CardElement[] => {
    const attention = budget.titlesOnly ? [] : section.findings.filter((f) => f.verdict !== 'pass');
    const passed = budget.titlesOnly ? [] : section.findings.filter((f) => f.verdict === 'pass');
    return [
      textBlock(section.title, { weight: 'bolder', separator: true, spacing: 'medium' }),
      ...attention.flatMap((f) => findingElements(f, view, fit, budget)),
      ...(passed.length > 0
        ? [
            textBlock(
              `${MARK.pass} ${view.passedLabel} ${fit.plain(passed.map((f) => f.title).join(' · '), Math.max(budget.text * 2, 200))}`,
              { color: 'good', spacing: 'small' },
            ),
          ]
        : []),
    ];
  });
  const requirements = view.finished
    ? [
        textBlock(view.requirementsTitle, { weight: 'bolder', separator: true, spacing: 'medium' }),
        ...view.requirements.map((r) => textBlock(`${STATUS_MARK[r.status]} ${r.text}`, { spacing: 'none' })),
      ]
    : [];
  return [
    textBlock(view.title, { style: 'heading', size: 'large', weight: 'bolder' }),
    textBlock(view.status, { weight: 'bolder', spacing: 'small' }),
    textBlock(view.requestedBy, { isSubtle: true, spacing: 'none' }),
    ...requirements,
    ...sections,
  ];
}

const BUDGETS: readonly Budget[] = [
  { text: 600, fixes: true },
  { text: 300, fixes: true },
  { text: 200, fixes: false },
  { text: 120, fixes: false },
  { text: 0, fixes: false },
  { text: 0, fixes: false, titlesOnly: true },
];

export function renderTeamsMailtest(view: MailtestView, texts: Texts): AdaptiveCard {
  const fit = createFitter(texts, { inertLinks: true });
  const options = { fallbackText: `${view.title}: ${view.status}` };
  let card = adaptiveCard([]);
  for (const budget of BUDGETS) {
    card = adaptiveCard(body(view, fit, budget), options);
    if (jsonBytes(card) <= TEAMS_LIMITS.cardBytes) return card;
  }
  const last = BUDGETS.at(-1)!;
  for (let keep = view.sections.length - 1; keep >= 0; keep--) {
    const more = textBlock(`${view.moreAreasLabel} ${view.sections.length - keep}`, { isSubtle: true });
    card = adaptiveCard(
      [...body({ ...view, sections: view.sections.slice(0, keep) }, fit, last), more],
      options,
    );
    if (jsonBytes(card) <= TEAMS_LIMITS.cardBytes) return card;
  }
  return card;
}
