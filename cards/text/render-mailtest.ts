import type { MailtestView, ViewVerdict } from '../mailtest-view.ts';

// A report view as plain text: for a platform that cannot post report cards (the outbox falls back to a text
// message, src/outbox/dispatcher.ts) and for the terminal (`mailops checklist run`). Each section's title and
// what needs attention, one line each; sections beyond `maxChars` are counted, not silently dropped.

const MARK: Readonly<Record<ViewVerdict, string>> = { pass: '✅', warn: '⚠️', fail: '❌', untested: '⏸️' };

export function renderTextMailtest(view: MailtestView, maxChars = 3500): string {
  const head = [view.title, view.status, view.requestedBy];
  const requirements = view.finished
    ? ['', view.requirementsTitle, ...view.requirements.map((r) => `  ${r.text}`)]
    : [];
  let room = maxChars - [...head, ...requirements].join('\n').length - 200;
  const sections: string[] = [];
  for (const [index, section] of view.sections.entries()) {
    const lines = [
      '',
      `• ${section.title}`,
      ...section.findings
        .filter((f) => f.verdict !== 'pass')
        .map(
          (f) => `  ${MARK[f.verdict]} ${f.verdictText} · ${f.title}${f.subject ? ` · ${f.subject}` : ''}`,
        ),
    ].join('\n');
    if (lines.length > room) {
      sections.push('', `${view.moreAreasLabel} ${view.sections.length - index}`);
      break;
    }
    room -= lines.length;
    sections.push(lines);
  }
  return [...head, ...sections, ...requirements].join('\n');
}
