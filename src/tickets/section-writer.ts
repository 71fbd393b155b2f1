import type { Complaint, SectionA, SectionB, SectionC, SectionD } from '../../flows/forms.ts';
import type { Actor, Decision, SectionWrite } from '../../flows/types.ts';
import type { Tx } from '../db/types.ts';

// Writes what a decision records: the paper form's sections, the complaint report, free-text notes and
// per-ticket role assignments. The data was parsed by flows/forms.ts inside the flow, so the shapes here
// are the schemas' outputs. Sections B and D carry a round: a failed retest (SOP 4.1 step 12 → 7) starts
// a new round instead of overwriting the record of the previous attempt.

export async function writeDecisionRecords(
  tx: Tx,
  ticketId: string,
  decision: Decision,
  actor: Actor,
  now: Date,
): Promise<void> {
  const endorsementRequired = decision.event.data.endorsementRequired === true;
  for (const write of decision.sections)
    await writeSection(tx, ticketId, write, actor, now, endorsementRequired);
  for (const a of decision.assign ?? []) {
    await tx.roleAssignment.create({
      data: { role: a.role, personId: a.person, ticketId, source: 'ticket' },
    });
  }
  if (decision.event.type === 'cr.endorsed') {
    await tx.changeRequestSectionA.update({
      where: { ticketId },
      data: { endorsedBy: actor.id, endorsedAt: now },
    });
  }
}

async function writeSection(
  tx: Tx,
  ticketId: string,
  write: SectionWrite,
  actor: Actor,
  now: Date,
  endorsementRequired: boolean,
) {
  switch (write.section) {
    case 'A': {
      const a = write.data as SectionA;
      await tx.changeRequestSectionA.create({
        data: {
          ticketId,
          requesterName: a.requester.name,
          requesterUnit: a.requester.unit,
          requesterPhone: a.requester.contactNumber,
          requesterEmail: a.requester.email,
          managerId: a.manager?.id ?? null,
          managerName: a.manager?.name ?? null,
          managerDesignation: a.manager?.designation ?? null,
          managerCompany: a.manager?.company ?? null,
          managerPhone: a.manager?.contactNumber ?? null,
          managerEmail: a.manager?.email ?? null,
          requestType: a.requestType,
          requestTypeOther: a.requestTypeOther ?? null,
          requestedFor: a.requestedAt,
          description: a.description,
          impactIfNotImplemented: a.impactIfNotImplemented,
          endorsementRequired: endorsementRequired && a.manager !== undefined,
        },
      });
      return;
    }
    case 'B': {
      const b = write.data as SectionB;
      const round = (await tx.changeRequestSectionB.count({ where: { ticketId } })) + 1;
      await tx.changeRequestSectionB.create({
        data: {
          ticketId,
          round,
          implementerId: actor.id,
          implementerName: b.name,
          designation: b.designation ?? null,
          changeType: b.typeOfChange,
          risk: b.risk,
          urgency: b.urgency,
          impact: b.impact,
          plannedStart: b.plannedStart,
          plannedEnd: b.plannedEnd,
          activities: b.activities,
          fallbackPlan: b.fallbackPlan,
        },
      });
      return;
    }
    case 'C': {
      const c = write.data as SectionC;
      await tx.changeRequestSectionC.create({
        data: {
          ticketId,
          approverId: actor.id,
          approverName: c.name,
          approverPhone: c.contactNumber ?? null,
          approved: c.decision === 'approve',
          comments: c.comments ?? null,
          decidedAt: now,
        },
      });
      return;
    }
    case 'D': {
      const d = write.data as SectionD;
      const round = await tx.changeRequestSectionB.count({ where: { ticketId } });
      const record = {
        implementerId: actor.id,
        actualStart: d.actualStart,
        actualEnd: d.actualEnd,
        successful: d.status === 'successful',
        postImplementationReview: d.postImplementationReview ?? null,
        recordedAt: now,
      };
      // An unsuccessful attempt may be followed by a successful one in the same round (after the vendor
      // helped, SOP 4.1 step 9): the latest outcome of the round is what Section D shows.
      await tx.changeRequestSectionD.upsert({
        where: { ticketId_round: { ticketId, round } },
        update: record,
        create: { ticketId, round, ...record },
      });
      return;
    }
    case 'complaint': {
      const c = write.data as Complaint;
      await tx.complaintDetails.create({
        data: {
          ticketId,
          domain: c.domain,
          direction: c.direction,
          exampleSender: c.exampleSender ?? null,
          exampleRecipient: c.exampleRecipient ?? null,
          startedAt: c.startedAt,
          bounceText: c.bounceText ?? null,
          description: c.description ?? null,
        },
      });
      return;
    }
    case 'note': {
      const n = write.data as { kind: string; text: string };
      await tx.ticketNote.create({
        data: { ticketId, kind: n.kind, authorId: actor.id, body: n.text, at: now },
      });
      return;
    }
  }
}

/** A one-line title for lists and card headers, from the opening section. */
export function titleFromSections(sections: readonly SectionWrite[]): string {
  for (const s of sections) {
    if (s.section === 'A') return firstLine((s.data as SectionA).description);
    // The title is stored once, in no particular language: the domain says it; the direction is a field.
    if (s.section === 'complaint') return (s.data as Complaint).domain;
  }
  return '';
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
