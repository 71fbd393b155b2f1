import { message, refuseInput } from './flow-messages.ts';
import { type FieldErrors, parseWithTimes, pastErrors } from './form-errors.ts';
import { sectionASchemaFor } from './forms.ts';
import type { ActionOf, Effects, OpenContext } from './machine.ts';
import { role } from './shared-steps.ts';
import type { Audience, Refusal } from './types.ts';

// SOP 4.1 steps 1–3: Section A comes in and is routed. With endorsement on, the manager named in
// "Requester Approval (Manager and above)" sees it first; otherwise the desk's step 3 happens at once:
// ticket opened, MAMPU asked for approval. The service desk sees every request from the start.

/** Steps 1–2 (and 3 when no endorsement is asked for): the requester submits Section A. */
export function submitChangeRequest({
  action,
  actor,
  now,
}: OpenContext<ActionOf<'submit_change_request'>>): Effects | Refusal {
  const { endorsementRequired, managers } = action;
  // "Request for change date & time": a time already gone cannot be planned for by VAS SOC or MAMPU.
  const parsed = parseWithTimes(sectionASchemaFor({ endorsementRequired, managers }), action.form, 'form', {
    fields: ['requestedAt'],
    check: (dates) => pastErrors(dates, now),
  });
  // Naming oneself as the endorsing manager is the mistake to report, whatever else the manager block
  // lacks: "fill in your designation" would only lead the requester to endorse their own request.
  const namedManager = (action.form as { manager?: { id?: unknown } } | null | undefined)?.manager?.id;
  const selfEndorsed = typeof namedManager === 'string' && namedManager.trim() === actor.id;
  if (selfEndorsed || (parsed.ok && parsed.data.manager?.id === actor.id)) {
    const others = parsed.ok ? {} : outsideManagerBlock(parsed.errors);
    return refuseInput({ ...others, 'manager.id': message('form.error.manager_is_requester') });
  }
  if (!parsed.ok) return refuseInput(parsed.errors);
  const a = parsed.data;

  const who = { requester: a.requester.name, unit: a.requester.unit };
  const me: Audience = { person: actor.id };
  const base = {
    event: 'cr.submitted',
    data: { endorsementRequired, requestType: a.requestType },
    sections: [{ section: 'A' as const, data: a }],
  };
  // With endorsement on, the schema has made sure a configured manager is named.
  const managerId = endorsementRequired ? a.manager?.id : undefined;
  if (managerId === undefined || a.manager === undefined) {
    return {
      ...base,
      branch: 'direct',
      notify: [
        { to: me, message: message('notify.cr.submitted') },
        { to: role('service_desk'), message: message('notify.cr.opened', who) },
        { to: role('approver'), message: message('notify.cr.approval_requested', who) },
      ],
      post: [
        { card: 'ticket', to: me },
        { card: 'desk', to: role('service_desk') },
        { card: 'approval', to: role('approver') },
      ],
      assign: [{ role: 'requester', person: actor.id }],
    } satisfies Effects;
  }
  const endorser: Audience = { person: managerId };
  return {
    ...base,
    branch: 'endorsement',
    notify: [
      { to: me, message: message('notify.cr.submitted_for_endorsement', { manager: a.manager.name }) },
      { to: endorser, message: message('notify.cr.endorsement_requested', who) },
      { to: role('service_desk'), message: message('notify.cr.opened', who) },
    ],
    post: [
      { card: 'ticket', to: me },
      { card: 'endorsement', to: endorser },
      { card: 'desk', to: role('service_desk') },
    ],
    assign: [
      { role: 'requester', person: actor.id },
      { role: 'manager', person: managerId },
    ],
  } satisfies Effects;
}

/** The errors of Section A's other fields, kept beside the one the manager block is refused with. */
function outsideManagerBlock(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(([path]) => path !== 'manager' && !path.startsWith('manager.')),
  );
}
