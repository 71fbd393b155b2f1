import { createFitter, type Fitter } from '../fit-text.ts';
import type {
  MailtestView,
  ViewFinding,
  ViewRequirementStatus,
  ViewSection,
  ViewVerdict,
} from '../mailtest-view.ts';
import type { Texts } from '../texts.ts';
import type { Block, SlackMessage } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';

// The /mailtest report as a Block Kit message: the heading, the status and who asked, the circular's
// requirements once finished, then one section per area with what needs attention in full (verdict, what
// was found, how to fix it) and what passed in one line. Each area is one section block, clipped to Slack's
// 3,000 characters with a visible note; a report never needs more than Slack's 50 blocks.

const MARK: Readonly<Record<ViewVerdict, string>> = {
  pass: ':white_check_mark:',
  warn: ':warning:',
  fail: ':x:',
  untested: ':grey_question:',
};
const STATUS_MARK: Readonly<Record<ViewRequirementStatus, string>> = {
  met: ':white_check_mark:',
  partly: ':warning:',
  not_met: ':x:',
  unknown: ':grey_question:',
};
/** Heading, status, requirements and a closing context leave the rest of the 50 blocks to the areas. */
const MAX_SECTIONS = L.messageBlocks - 6;

interface Budget {
  readonly text: number;
  readonly fixes: boolean;
}

// Slack refuses a message whose block texts add up to about 12,000 characters (limits.ts): texts are
// shortened, then fixes dropped, then the texts, and areas that still do not fit are counted, not shown.
const BUDGETS: readonly Budget[] = [
  { text: 800, fixes: true },
  { text: 300, fixes: true },
  { text: 150, fixes: false },
  { text: 0, fixes: false },
];

function findingText(f: ViewFinding, view: MailtestView, fit: Fitter, budget: Budget): string {
  const subject = f.subject ? ` · ${fit.md(f.subject, 200)}` : '';
  const text = budget.text > 0 ? `\n${fit.md(f.text, budget.text)}` : '';
  const fix = f.fix && budget.fixes ? `\n_${fit.md(view.fixLabel, 50)}_ ${fit.md(f.fix, budget.text)}` : '';
  return `${MARK[f.verdict]} *${fit.md(f.verdictText, 40)}* · ${fit.md(f.title, 200)}${subject}${text}${fix}`;
}

function sectionText(section: ViewSection, view: MailtestView, fit: Fitter, budget: Budget): string {
  const attention = section.findings.filter((f) => f.verdict !== 'pass');
  const passed = section.findings.filter((f) => f.verdict === 'pass');
  const lines = [
    `*${fit.md(section.title, 200)}*`,
    ...attention.map((f) => findingText(f, view, fit, budget)),
    ...(passed.length > 0
      ? [
          `${MARK.pass} ${fit.md(view.passedLabel, 50)} ${fit.md(passed.map((f) => f.title).join(' · '), 1000)}`,
        ]
      : []),
  ];
  return fit.plain(lines.join('\n\n'), L.sectionText);
}

export function renderSlackMailtest(view: MailtestView, texts: Texts): SlackMessage {
  const fit = createFitter(texts);
  const requirements: Block[] = view.finished
    ? [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: fit.plain(
              [
                `*${fit.md(view.requirementsTitle, 200)}*`,
                ...view.requirements.map((r) => `${STATUS_MARK[r.status]} ${fit.md(r.text, 300)}`),
              ].join('\n'),
              L.sectionText,
            ),
          },
        },
      ]
    : [];
  const head: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: fit.plain(view.title, L.headerText) } },
    { type: 'section', text: { type: 'mrkdwn', text: `*${fit.md(view.status, L.sectionText - 2)}*` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: fit.md(view.requestedBy, L.textObject) }] },
    ...requirements,
    { type: 'divider' },
  ];
  let areas: Block[] = [];
  for (const budget of BUDGETS) {
    areas = fitAreas(view, fit, budget, L.messageBlocksText - textLength(head));
    if (areas.length > 0 || view.sections.length === 0) break;
  }
  return { text: fit.plain(`${view.title}: ${view.status}`, L.textObject), blocks: [...head, ...areas] };
}

/** The areas that fit in `room` characters at this budget, then a count of the rest; none when one with detail does not. */
function fitAreas(view: MailtestView, fit: Fitter, budget: Budget, room: number): Block[] {
  const blocks: Block[] = [];
  const note = (left: number): Block => ({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: fit.md(`${view.moreAreasLabel} ${left}`, 200) }],
  });
  const sections = view.sections.slice(0, MAX_SECTIONS);
  let used = 0;
  for (const [index, section] of sections.entries()) {
    const text = sectionText(section, view, fit, budget);
    const left = view.sections.length - index;
    // Keep room for the note that says how many areas are not shown.
    if (used + text.length > room - (left > 1 ? 250 : 0)) {
      // With detail still on, try a smaller budget before leaving areas out.
      if (budget.text > 0) return [];
      return [...blocks, note(left)];
    }
    used += text.length;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  return view.sections.length > sections.length
    ? [...blocks, note(view.sections.length - sections.length)]
    : blocks;
}

function textLength(blocks: readonly Block[]): number {
  let total = 0;
  for (const block of blocks) {
    if (block.type === 'header') total += block.text.text.length;
    if (block.type === 'section') total += block.text?.text.length ?? 0;
    if (block.type === 'context') for (const e of block.elements) total += e.text.length;
  }
  return total;
}
