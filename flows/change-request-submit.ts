import { message, refuseInput } from './flow-messages.ts';
import { parseWith } from './form-errors.ts';
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
}: OpenContext<ActionOf<'submit_change_request'>>): Effects | Refusal {
  const endorsementRequired = action.endorsementRequired;
  const parsed = parseWith(sectionASchemaFor({ endorsementRequired }), action.form, 'form');
  // Naming oneself as the endorsing manager is the mistake to report, whatever else the manager block
  // lacks: "fill in your designation" would only lead the requester to endorse their own request.
  const namedManager = (action.form as { manager?: { id?: unknown } } | null | undefined)?.manager?.id;
  const selfEndorsed = typeof namedManager === 'string' && namedManager.trim() === actor.id;
  if (selfEndorsed || (parsed.ok && parsed.data.manager?.id === actor.id)) {
    return refuseInput({ 'manager.id': message('form.error.manager_is_requester') });
  }
  if (!parsed.ok) return refuseInput(parsed.errors);
  const a = parsed.data;
  const managerId = a.manager?.id;

  const who = { requester: a.requester.name, unit: a.requester.unit };
  const me: Audience = { person: actor.id };
  const base = {
    event: 'cr.submitted',
    data: { endorsementRequired, requestType: a.requestType },
    sections: [{ section: 'A' as const, data: a }],
  };
  if (!endorsementRequired || a.manager === undefined) {
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
        { card: 'ticket', to: role('service_desk') },
        { card: 'approval', to: role('approver') },
      ],
      assign: [{ role: 'requester', person: actor.id }],
    } satisfies Effects;
  }
  const manager = a.manager;
  // A manager without a chat identity cannot receive the card: the desk forwards it by the form's e-mail.
  const endorser: Audience = managerId ? { person: managerId } : role('service_desk');
  const toEndorser = managerId
    ? message('notify.cr.endorsement_requested', who)
    : message('notify.cr.endorsement_forward', {
        requester: who.requester,
        manager: manager.name,
        managerEmail: manager.email,
      });
  return {
    ...base,
    branch: 'endorsement',
    notify: [
      { to: me, message: message('notify.cr.submitted_for_endorsement', { manager: manager.name }) },
      { to: endorser, message: toEndorser },
      ...(managerId ? [{ to: role('service_desk'), message: message('notify.cr.opened', who) }] : []),
    ],
    post: [
      { card: 'ticket', to: me },
      { card: 'endorsement', to: endorser },
      ...(managerId ? [{ card: 'ticket' as const, to: role('service_desk') }] : []),
    ],
    assign: [
      { role: 'requester', person: actor.id },
      ...(managerId ? [{ role: 'manager' as const, person: managerId }] : []),
    ],
  } satisfies Effects;
}
