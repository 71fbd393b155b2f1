import {
  CHANGE_REQUEST_STATES,
  COMPLAINT_STATES,
  type MessageRef,
  type Refusal,
  type RefusalCode,
  SYSTEM_ACTION_TYPES,
  TICKET_ACTION_TYPES,
} from './types.ts';

// Every message key the flows emit, with the params each one carries. The flows hold no text
// (types.ts, MessageRef): src/i18n/catalog/flows.ts renders these keys in Malay and English, and a test holds
// both catalogs to this list. `message()` only accepts keys listed here, with exactly their params.

const REFUSAL_PARAMS = {
  'refusal.wrong_role': ['role'],
  'refusal.not_named_manager': [],
  'refusal.own_request': [],
  'refusal.approver_cannot_implement': [],
  'refusal.endorser_cannot_approve': [],
  'refusal.requester_cannot_implement': [],
  'refusal.requester_cannot_resolve': [],
  'refusal.confirmation_not_overdue': ['dueAt'],
  'refusal.no_confirmation_deadline': [],
  'refusal.not_requester': [],
  'refusal.system_only': [],
  'refusal.illegal_transition': ['state'],
  'refusal.ticket_finished': ['state'],
  'refusal.invalid_input': [],
  'refusal.version_conflict': [],
} as const satisfies Record<`refusal.${RefusalCode}`, readonly string[]>;

/** What follows a refusal of a step that does not apply now (Refusal.whatNow). */
const WHAT_NOW_PARAMS = {
  // The role whose step the SOP expects next, and that step's actions.
  'next.by_role': ['role', 'actions'],
  // The actions this person may take now; `next.none` when there are none.
  'next.yours': ['actions'],
  'next.none': [],
} as const;

const FORM_ERROR_PARAMS = {
  'form.error.required': [],
  'form.error.too_long': ['max'],
  'form.error.invalid': [],
  'form.error.invalid_choice': [],
  'form.error.invalid_email': [],
  'form.error.invalid_phone': [],
  'form.error.invalid_date': [],
  'form.error.invalid_domain': [],
  'form.error.end_before_start': [],
  'form.error.in_future': [],
  'form.error.in_past': [],
  'form.error.time_required': [],
  'form.error.before_approval': [],
  'form.error.too_long_ago': [],
  'form.error.comments_required_on_reject': [],
  'form.error.pir_required': [],
  'form.error.other_text_required': [],
  'form.error.manager_required': [],
  'form.error.manager_is_requester': [],
  'form.error.manager_not_listed': [],
  // The bot's record_investigation, when the run it names cannot be recorded (never a person's form).
  'form.error.unknown_run': [],
  'form.error.run_not_finished': [],
  'form.error.run_already_recorded': [],
} as const;

/** SOP 4.1 notifications; `number` is the ticket number once the ticket exists (not yet on submission). */
const CHANGE_REQUEST_PARAMS = {
  'notify.cr.submitted_for_endorsement': ['manager'],
  'notify.cr.endorsement_requested': ['requester', 'unit'],
  'notify.cr.submitted': [],
  'notify.cr.opened': ['requester', 'unit'],
  'notify.cr.approval_requested': ['requester', 'unit'],
  'notify.cr.endorsed': ['number', 'manager'],
  'notify.cr.approval_requested_endorsed': ['number', 'manager'],
  'notify.cr.not_endorsed': ['number', 'manager', 'reason'],
  'notify.cr.approved': ['number', 'approver'],
  'notify.cr.routed_to_soc': ['number'],
  'notify.cr.rejected': ['number', 'approver', 'comments'],
  'notify.cr.implementation_started': ['number', 'implementer'],
  'notify.cr.escalated': ['number'],
  'notify.cr.vendor_escalation': ['number', 'request'],
  'notify.cr.vendor_resolved': ['number', 'vendor', 'notes'],
  'notify.cr.implementation_unsuccessful': ['number', 'implementer'],
  'notify.cr.confirmation_requested': ['number'],
  'notify.cr.closed': ['number'],
  'notify.cr.closed_announcement': ['number'],
  'notify.cr.still_failing': ['number', 'details'],
  'notify.cr.still_failing_desk': ['number', 'details'],
  'notify.cr.withdrawn': ['number'],
  // Step 13 without step 11: the desk closed it after the requester's deadline (`dueAt`, ISO 8601).
  'notify.cr.closed_unconfirmed': ['number', 'dueAt', 'note', 'closedBy'],
  'notify.cr.closed_unconfirmed_announcement': ['number', 'dueAt'],
} as const;

/** SOP 4.2 notifications. */
const COMPLAINT_PARAMS = {
  'notify.ad.submitted': ['domain'],
  'notify.ad.opened': ['domain', 'requester'],
  'notify.ad.investigation_requested': ['domain'],
  'notify.ad.findings_recorded': ['number', 'findings'],
  'notify.ad.escalated': ['number'],
  'notify.ad.vendor_escalation': ['number', 'request'],
  'notify.ad.vendor_resolved': ['number', 'vendor', 'notes'],
  'notify.ad.confirmation_requested': ['number'],
  'notify.ad.closed': ['number'],
  'notify.ad.closed_announcement': ['number'],
  'notify.ad.still_failing': ['number', 'details'],
  'notify.ad.still_failing_desk': ['number', 'details'],
  'notify.ad.withdrawn': ['number'],
  // Step 9 without step 7, as in 4.1.
  'notify.ad.closed_unconfirmed': ['number', 'dueAt', 'note', 'closedBy'],
  'notify.ad.closed_unconfirmed_announcement': ['number', 'dueAt'],
  // Step 3 by the bot: its checks recorded on the ticket (src/investigation), and the re-check of step 6.
  'notify.ad.investigation_recorded': ['number', 'pass', 'warn', 'fail', 'untested'],
  'notify.ad.investigation_failures': ['number', 'fail'],
  'notify.ad.investigation_not_run': ['number'],
  'notify.ad.resolved_rechecking': ['number'],
  'notify.ad.recheck_recorded': ['number', 'fixed', 'stillFailing', 'newProblems', 'untested'],
  'notify.ad.recheck_failures': ['number', 'stillFailing', 'newProblems'],
  'notify.ad.recheck_confirmation_requested': ['number', 'fixed', 'stillFailing', 'untested'],
  // Step 7 answered by the bot's re-check on a complaint it opened itself: nobody tested or confirmed.
  'notify.ad.closed_by_recheck': ['number'],
  'notify.ad.closed_by_recheck_announcement': ['number'],
  'notify.ad.recheck_still_failing': ['number', 'details'],
  'notify.ad.recheck_still_failing_desk': ['number', 'details'],
  // Steps 1–2 on the service's behalf: the daily checklist found a failing check.
  'notify.ad.check_failed_opened': ['domain'],
  'notify.ad.check_failed_investigation_requested': ['domain'],
} as const;

const ACTION_TYPES = [...TICKET_ACTION_TYPES, ...SYSTEM_ACTION_TYPES];

type NoParams<K extends string> = Record<K, readonly []>;
const labels = <K extends string>(keys: readonly K[]): NoParams<K> =>
  Object.fromEntries(keys.map((k) => [k, []])) as unknown as NoParams<K>;

/** Labels for cards and App Home: state names of both procedures and action buttons. Role names live in
 * src/i18n/catalog/common.ts (`role.<role>`), shared with the SLA messages. */
const LABEL_PARAMS = {
  ...labels([...new Set([...CHANGE_REQUEST_STATES, ...COMPLAINT_STATES])].map((s) => `state.${s}` as const)),
  ...labels(ACTION_TYPES.map((a) => `action.${a}` as const)),
};

export const FLOW_MESSAGE_PARAMS = {
  ...REFUSAL_PARAMS,
  ...WHAT_NOW_PARAMS,
  ...FORM_ERROR_PARAMS,
  ...CHANGE_REQUEST_PARAMS,
  ...COMPLAINT_PARAMS,
  ...LABEL_PARAMS,
};
export type FlowMessageKey = keyof typeof FLOW_MESSAGE_PARAMS;
export type FormErrorKey = keyof typeof FORM_ERROR_PARAMS;

export const FLOW_MESSAGE_KEYS = Object.keys(FLOW_MESSAGE_PARAMS) as readonly FlowMessageKey[];

type ParamName<K extends FlowMessageKey> = (typeof FLOW_MESSAGE_PARAMS)[K][number];
type ParamsArg<K extends FlowMessageKey> = [ParamName<K>] extends [never]
  ? []
  : [params: Readonly<Record<ParamName<K>, string | number>>];

/** A MessageRef whose key and params are checked against the list above at compile time. */
export function message<K extends FlowMessageKey>(key: K, ...params: ParamsArg<K>): MessageRef {
  const [p] = params;
  return p === undefined ? { key } : { key, params: p };
}

type RefusalParamsArg<C extends RefusalCode> = ParamsArg<`refusal.${C}`>;

/** A refusal whose reason is `refusal.<code>` (types.ts, Refusal). */
export function refuse<C extends RefusalCode>(code: C, ...params: RefusalParamsArg<C>): Refusal {
  const [p] = params;
  const reason: MessageRef =
    p === undefined ? { key: `refusal.${code}` } : { key: `refusal.${code}`, params: p };
  return { ok: false, code, reason };
}

/** `invalid_input` with the per-field errors a form shows on the exact field (STYLE.md 14). */
export function refuseInput(fieldErrors: Readonly<Record<string, MessageRef>>): Refusal {
  return { ...refuse('invalid_input'), fieldErrors };
}
