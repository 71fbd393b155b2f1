import { type CheckRunIntent, SYSTEM_ACTOR } from '../../flows/types.ts';
import type { Tx } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { VersionConflict } from '../tickets/conflicts.ts';

// The check runs a decision starts (Decision.checks, SOP 4.2 step 3), written by the ticket service inside
// the deciding transaction, beside the decision's outbox rows. A run row is the job: `lease_until` says when
// it is next due (queued: now; claimed: the end of the claim; recorded on the ticket: null), and the
// investigation worker (worker.ts) claims due rows under FOR UPDATE SKIP LOCKED.
//
// Why in the decision's own transaction, and not in a hook after the commit or a sweep that creates missing
// jobs: a complaint then cannot commit without its investigation, nor a rolled-back decision leave one
// behind; no replica has to notice later that a job is missing (a sweep finds it only at its next pass and
// needs a query over every ticket forever); and the flows, which decide everything else a step does, also
// say which checks it starts, so a unit test of the flow shows it.

/** Where a run was asked for (`mailtest_runs.via`): by a ticket's step rather than a person's command. */
const VIA_TICKET = 'ticket';

export async function writeCheckRuns(
  tx: Tx,
  ticketId: string,
  intents: readonly CheckRunIntent[],
  now: Date,
  logger: Logger,
): Promise<void> {
  for (const intent of intents) {
    if (intent.op === 'queue') {
      const complaint = await tx.complaintDetails.findUnique({
        where: { ticketId },
        select: { domain: true },
      });
      if (!complaint)
        throw new Error(`a check run was queued for ticket ${ticketId}, which has no complaint`);
      await tx.mailtestRun.create({
        data: {
          domain: complaint.domain,
          requestedBy: SYSTEM_ACTOR.id,
          requestedByName: SYSTEM_ACTOR.name,
          via: VIA_TICKET,
          startedAt: now,
          status: 'pending',
          purpose: intent.purpose,
          // Both directions are part of the investigation (SOP 4.2 step 3, second and third bullets).
          delivery: true,
          ticketId,
          leaseUntil: now,
        },
      });
      continue;
    }
    const attached = await tx.mailtestRun.updateMany({
      where: { id: intent.runId, ticketId: null },
      data: { ticketId, ...(intent.record ? { leaseUntil: now } : {}) },
    });
    if (attached.count > 0) continue;
    // Recording a run another ticket took since the snapshot was read: decide again on the fresh state.
    if (!intent.record) throw new VersionConflict(ticketId);
    // A complaint about a failing check is opened even if its run is gone: the failure is what matters.
    logger.warn('the checklist run named by a complaint is missing or already attached to a ticket', {
      runId: intent.runId,
      ticketId,
    });
  }
}
