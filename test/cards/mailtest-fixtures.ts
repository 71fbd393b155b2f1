import type { MailtestView, ViewFinding, ViewVerdict } from '../../cards/mailtest-view.ts';

// A /mailtest report view for the Block Kit and Adaptive Card renderers' tests: a finding of each verdict in
// two areas, finished, in English.

export const finding = (verdict: ViewVerdict, title: string, text = `${title} found.`): ViewFinding => ({
  verdict,
  verdictText: verdict.toUpperCase(),
  title,
  text,
  ...(verdict === 'pass' ? {} : { fix: `Fix ${title}.` }),
});

export const mailtestView = (over: Partial<MailtestView> = {}): MailtestView => ({
  domain: 'agensi.gov.my',
  locale: 'en',
  finished: true,
  title: 'Mail test: agensi.gov.my',
  status: 'Done: 2 passed · 1 warned · 1 failed · 1 could not test.',
  requestedBy: 'Asked by Aminah · 28 Nov 2026, 10:00 AM (MYT)',
  sections: [
    {
      title: 'SPF',
      findings: [
        finding('pass', 'SPF record'),
        finding('fail', 'SPF lookups', 'SPF needs 13 DNS lookups; include:c.spf pushes it over 10.'),
        finding('pass', 'SPF all'),
      ],
    },
    { title: 'SMTP: mx1 (203.0.113.25)', findings: [finding('warn', 'Size'), finding('untested', 'Relay')] },
  ],
  requirementsTitle: 'Requirements',
  requirements: [
    { status: 'not_met', text: 'Circular 4(f)(vi): NOT met' },
    { status: 'met', text: 'Circular 4(f)(iii): met' },
  ],
  fixLabel: 'How to fix:',
  passedLabel: 'Passed:',
  moreAreasLabel: 'Areas not shown:',
  ...over,
});
