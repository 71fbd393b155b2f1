import { isNoteKind, type NoteKind } from '../../flows/shared-steps.ts';
import { formatMyt } from '../i18n/index.ts';
import { isCheckPurpose, readSummary } from '../investigation/stored-run.ts';
import { actorNameOf } from '../tickets/card-source.ts';
import type { TicketDetail } from '../tickets/queries.ts';
import type { CatalogText } from './commands.ts';
import type { CliText } from './locale.ts';

// `mailops ticket`: the paper form's sections (Seksyen A–D, "Section A: Change Request" in English), the
// complaint report, notes and the audit timeline, as plain text in the configured language. What people
// wrote in the form is shown as written.

// The kinds of note the flows write (flows/shared-steps.ts, NOTE_KINDS); a stored kind this version does
// not know is shown as its code rather than hidden.
const NOTE_LABELS: Readonly<Record<NoteKind, CatalogText>> = {
  findings: { key: 'cli.note.findings' },
  resolution: { key: 'cli.note.resolution' },
  vendor_request: { key: 'cli.note.vendor_request' },
  vendor_notes: { key: 'cli.note.vendor_notes' },
  still_failing: { key: 'cli.note.still_failing' },
  withdraw_reason: { key: 'cli.note.withdraw_reason' },
  decline_reason: { key: 'cli.note.decline_reason' },
  close_note: { key: 'cli.note.close_note' },
};

/** Continuation lines of a multi-line answer stay under their label. */
const indent = (text: string) => text.replace(/\n/g, '\n    ');

/** `waiting`: the cards' "Menunggu tindakan …" line, absent once nobody has to act. */
export function describeTicket(ticket: TicketDetail, { locale, t }: CliText, waiting?: string): string {
  const at = (d: Date) => formatMyt(d, locale);
  const opt = (group: string, value: string) => t(`option.${group}.${value}`);
  const opened = { requester: ticket.requesterName, opened: at(ticket.createdAt) };
  const out = [
    t('cli.ticket.heading', {
      number: ticket.number,
      state: t(`state.${ticket.state}`),
      version: ticket.version,
    }),
    ticket.title,
    ticket.slaDueAt
      ? t('cli.ticket.opened_sla', { ...opened, due: at(ticket.slaDueAt) })
      : t('cli.ticket.opened', opened),
    ...(waiting ? [waiting] : []),
  ];
  const item = (line: string) => out.push(`  ${line}`);

  const a = ticket.sectionA;
  if (a) {
    out.push('', t('cli.ticket.section_a'));
    const { requesterName: name, requesterUnit: unit, requesterPhone: phone, requesterEmail: email } = a;
    item(t('cli.ticket.requester', { name, unit, phone, email }));
    if (a.managerName) {
      const manager = {
        name: a.managerName,
        designation: a.managerDesignation ?? '',
        company: a.managerCompany ?? '',
      };
      item(
        a.endorsedAt
          ? t('cli.ticket.manager_endorsed', { ...manager, at: at(a.endorsedAt) })
          : t('cli.ticket.manager', manager),
      );
    }
    const type = a.requestTypeOther ?? opt('request_type', a.requestType);
    item(t('cli.ticket.request_type', { type, at: at(a.requestedFor) }));
    item(t('cli.ticket.description', { text: indent(a.description) }));
    item(t('cli.ticket.impact_if_not', { text: indent(a.impactIfNotImplemented) }));
  }
  for (const b of ticket.sectionsB) {
    out.push('', t('cli.ticket.section_b', { round: b.round }));
    item(
      b.designation
        ? t('cli.ticket.implementer_designation', { name: b.implementerName, designation: b.designation })
        : t('cli.ticket.implementer', { name: b.implementerName }),
    );
    const ratings = [
      opt('change_type', b.changeType),
      opt('risk', b.risk),
      opt('urgency', b.urgency),
      opt('impact', b.impact),
    ];
    item(ratings.join(' · '));
    item(t('cli.ticket.planned', { start: at(b.plannedStart), end: at(b.plannedEnd) }));
    item(t('cli.ticket.activities', { text: indent(b.activities) }));
    item(t('cli.ticket.fallback_plan', { text: indent(b.fallbackPlan) }));
  }
  const c = ticket.sectionC;
  if (c) {
    out.push('', t('cli.ticket.section_c'));
    const decision = {
      approver: c.approverName,
      decision: c.approved ? t('common.yes') : t('common.no'),
      at: at(c.decidedAt),
    };
    item(
      c.comments
        ? t('cli.ticket.decision_comments', { ...decision, comments: c.comments })
        : t('cli.ticket.decision', decision),
    );
  }
  for (const d of ticket.sectionsD) {
    out.push('', t('cli.ticket.section_d', { round: d.round }));
    const status = opt('status', d.successful ? 'successful' : 'unsuccessful');
    item(t('cli.ticket.actual', { start: at(d.actualStart), end: at(d.actualEnd), status }));
    if (d.postImplementationReview)
      item(t('cli.ticket.review', { text: indent(d.postImplementationReview) }));
  }
  const complaint = ticket.complaint;
  if (complaint) {
    out.push('', t('cli.ticket.complaint'));
    const direction = opt('direction', complaint.direction);
    item(
      t('cli.ticket.complaint_since', { domain: complaint.domain, direction, at: at(complaint.startedAt) }),
    );
    if (complaint.exampleSender || complaint.exampleRecipient) {
      const example = {
        sender: complaint.exampleSender ?? '?',
        recipient: complaint.exampleRecipient ?? '?',
      };
      item(t('cli.ticket.example', example));
    }
    if (complaint.bounceText)
      item(t('cli.ticket.bounce', { text: complaint.bounceText.split('\n')[0] ?? '' }));
  }
  if (ticket.notes.length > 0) out.push('', t('cli.ticket.notes'));
  for (const n of ticket.notes) {
    const kind = isNoteKind(n.kind) ? t(NOTE_LABELS[n.kind].key) : n.kind;
    item(t('cli.ticket.note', { kind, at: at(n.at), text: indent(n.body) }));
  }
  if (ticket.mailtestRuns.length > 0) out.push('', t('cli.ticket.checks'));
  for (const run of ticket.mailtestRuns) {
    const { counts, compared } = readSummary(run.summary);
    const head = {
      purpose: isCheckPurpose(run.purpose) ? t(`cli.ticket.check_purpose.${run.purpose}`) : run.purpose,
      at: at(run.startedAt),
      reference: run.id.slice(0, 8),
    };
    if (run.status !== 'done')
      item(t(`cli.ticket.check_${run.status === 'failed' ? 'failed' : 'pending'}`, head));
    else item(t('cli.ticket.check_done', { ...head, counts: t('cli.mailtest.counts', counts) }));
    if (compared) {
      const { fixed, stillFailing, newProblems } = compared;
      item(`  ${t('cli.ticket.check_compared', { fixed, stillFailing, newProblems })}`);
    }
  }
  out.push('', t('cli.ticket.timeline'));
  for (const e of ticket.events) {
    const data = e.data as { step?: string };
    // The CLI has no directory: an event without a recorded name shows its actor's id, the bot's as "mailops".
    const line = { seq: String(e.seq), at: at(e.at), event: t(`event.${e.type}`), actor: actorNameOf(e) };
    item(data.step ? t('cli.ticket.event_step', { ...line, step: data.step }) : t('cli.ticket.event', line));
  }
  return out.join('\n');
}
