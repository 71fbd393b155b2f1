// The /mailtest report as every platform shows it (issue 5): a card that fills in while the checks run and ends
// with a summary. The words are already in the reader's language (src/mail/report-view.ts builds it from the
// findings and the catalog); renderers only lay it out for Block Kit and Adaptive Cards.

export type ViewVerdict = 'pass' | 'warn' | 'fail' | 'untested';
export type ViewRequirementStatus = 'met' | 'not_met' | 'partly' | 'unknown';

export interface ViewFinding {
  readonly verdict: ViewVerdict;
  /** "LULUS", "COULD NOT TEST", … */
  readonly verdictText: string;
  readonly title: string;
  /** The MX host and address, the selector… when the check runs per subject. */
  readonly subject?: string;
  readonly text: string;
  /** How to fix it; absent for a pass. */
  readonly fix?: string;
}

export interface ViewSection {
  /** "DNS", "SPF", "SMTP: mx1.agensi.gov.my (203.0.113.25)", … */
  readonly title: string;
  readonly findings: readonly ViewFinding[];
}

export interface MailtestView {
  readonly domain: string;
  /** The language the words are in; renderers use it for their own few words (a truncation note). */
  readonly locale: 'ms' | 'en';
  readonly finished: boolean;
  readonly title: string;
  /** "Checking… 14 checks done" while running; the counts by verdict once finished. */
  readonly status: string;
  readonly requestedBy: string;
  readonly sections: readonly ViewSection[];
  readonly requirementsTitle: string;
  readonly requirements: readonly {
    readonly status: ViewRequirementStatus;
    readonly text: string;
  }[];
  /** "How to fix:" */
  readonly fixLabel: string;
  /** "Passed:" before a section's one-line list of what passed. */
  readonly passedLabel: string;
  /** Before the number of areas a message too long for its platform leaves out. */
  readonly moreAreasLabel: string;
}
