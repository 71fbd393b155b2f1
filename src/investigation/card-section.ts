import type { CardCheck, CardCheckChange, CardInvestigation, LocalizedText } from '../../cards/card-model.ts';
import type { CheckPurpose } from '../../flows/types.ts';
import type { Finding } from '../mail/types.ts';
import { compareRuns, EVIDENCE_CHECKS } from './compare.ts';
import { localized } from './describe.ts';
import {
  BASELINE_PURPOSES,
  countsOf,
  isCheckPurpose,
  readFindings,
  readSummary,
  runStatusOf,
} from './stored-run.ts';

// The investigation section of a complaint's cards (issue 6), from the ticket's stored check runs: what is
// under way, the latest finished run's counts, what needs attention with its fix and what could not be
// tested, the bounce the requester pasted, and after a re-check the before/after. Built at delivery time like
// the rest of the card (src/tickets/card-source.ts), so it always shows the runs as they are now.

/** A card is read at a glance: the rest is in the stored run (`mailops ticket`). */
const PROBLEMS_SHOWN = 5;
const CHANGES_SHOWN = 8;
/** VAS SOC's list of tests to do by hand: longer, as each one hidden is work nobody is told of. */
const UNTESTED_SHOWN = 10;

/** The first `max` items and how many more; "and 1 more" takes the place that item would, so it is shown. */
function capped<T>(items: readonly T[], max: number): { shown: readonly T[]; more: number } {
  const shown = items.length <= max + 1 ? items : items.slice(0, max);
  return { shown, more: items.length - shown.length };
}

/** A stored run as card-source reads it; `findings` and `summary` are the JSON columns, unvalidated. */
export interface StoredCheckRun {
  readonly id: string;
  readonly purpose: string;
  readonly status: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly findings: unknown;
  readonly summary: unknown;
}

interface ReadRun {
  readonly id: string;
  readonly purpose: CheckPurpose;
  readonly status: 'pending' | 'done' | 'failed';
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly findings: readonly Finding[];
  readonly summary: unknown;
}

const SEVERITY: Readonly<Record<string, number>> = { fail: 0, warn: 1 };

function problemsOf(findings: readonly Finding[]): CardCheck[] {
  return findings
    .filter((f) => (f.verdict === 'fail' || f.verdict === 'warn') && !EVIDENCE_CHECKS.has(f.check))
    .sort((a, b) => (SEVERITY[a.verdict] ?? 2) - (SEVERITY[b.verdict] ?? 2))
    .map((f) => ({
      verdict: f.verdict,
      title: localized(f, 'title'),
      ...(f.subject ? { subject: f.subject } : {}),
      fix: localized(f, 'fix'),
    }));
}

/**
 * What the bot could not test, each check named once (one per MX host would crowd the card): SOP 4.2 step 3
 * still asks for those tests, so the card must say they were not done rather than only count them. The
 * delivery tests, the step's own bullets, come first; the pasted bounce is evidence, shown on its own line,
 * never a test to do by hand.
 */
function untestedOf(findings: readonly Finding[]): LocalizedText[] {
  const delivery = (f: Finding) => (f.check.startsWith('delivery.') ? 0 : 1);
  const byTitle = new Map<string, LocalizedText>();
  for (const f of [...findings].sort((a, b) => delivery(a) - delivery(b))) {
    if (f.verdict !== 'untested' || EVIDENCE_CHECKS.has(f.check)) continue;
    const title = localized(f, 'title');
    if (!byTitle.has(title.en)) byTitle.set(title.en, title);
  }
  return [...byTitle.values()];
}

function changesOf(baseline: ReadRun, recheck: ReadRun): CardCheckChange[] {
  return compareRuns(baseline.findings, recheck.findings).changes.map((c) => ({
    change: c.change,
    title: localized(c.finding, 'title'),
    ...(c.finding.subject ? { subject: c.finding.subject } : {}),
    before: c.before,
    after: c.after,
  }));
}

/**
 * The run a re-check was compared with when it was stored; else the last investigation before it that
 * finished its checks, as run-checks.ts chooses: a given-up investigation's partial findings never stand for
 * "before" on the card when the decision did not use them.
 */
function baselineOf(runs: readonly ReadRun[], recheck: ReadRun): ReadRun | undefined {
  const named = readSummary(recheck.summary).compared?.baselineRunId;
  const finished = runs.filter((r) => r.status === 'done' && BASELINE_PURPOSES.includes(r.purpose));
  return (
    finished.find((r) => r.id === named) ?? finished.filter((r) => r.startedAt <= recheck.startedAt).at(-1)
  );
}

function read(run: StoredCheckRun): ReadRun[] {
  if (!isCheckPurpose(run.purpose)) return [];
  return [
    { ...run, purpose: run.purpose, status: runStatusOf(run.status), findings: readFindings(run.findings) },
  ];
}

/** `runs` oldest first; undefined when the bot ran no checks on the ticket. */
export function investigationSection(stored: readonly StoredCheckRun[]): CardInvestigation | undefined {
  const runs = stored.flatMap(read);
  if (runs.length === 0) return undefined;
  const last = runs.at(-1);
  const running = last?.status === 'pending' ? { purpose: last.purpose, startedAt: last.startedAt } : null;
  const latest = runs.findLast((r) => r.status !== 'pending');
  const bounce = runs
    .flatMap((r) => r.findings)
    .findLast((f) => f.check === 'investigation.bounce_text' && Object.keys(f.params).length > 0);
  const baseline = latest?.purpose === 'recheck' ? baselineOf(runs, latest) : undefined;
  const problems = latest ? problemsOf(latest.findings) : [];
  const untested = latest ? untestedOf(latest.findings) : [];
  const changes = latest && baseline ? changesOf(baseline, latest) : null;
  const shownProblems = capped(problems, PROBLEMS_SHOWN);
  const shownUntested = capped(untested, UNTESTED_SHOWN);
  const shownChanges = changes && capped(changes, CHANGES_SHOWN);
  return {
    running,
    latest: latest
      ? {
          purpose: latest.purpose,
          finishedAt: latest.finishedAt ?? latest.startedAt,
          failed: latest.status === 'failed',
          counts: countsOf(latest.findings),
          problems: shownProblems.shown,
          moreProblems: shownProblems.more,
          untested: shownUntested.shown,
          moreUntested: shownUntested.more,
          changes: shownChanges ? { items: shownChanges.shown, more: shownChanges.more } : null,
        }
      : null,
    bounce: bounce ? localized(bounce, 'text') : null,
  };
}
