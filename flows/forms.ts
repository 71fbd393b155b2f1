import { z } from 'zod';
import {
  addFieldIssue,
  domain,
  email,
  endAfterStart,
  isoDate,
  isoDateTime,
  LIMITS,
  optionalEmail,
  optionalPhone,
  optionalText,
  phone,
  text,
} from './form-fields.ts';

// The Anti Spam / Anti Virus Change Request Form (MAMPU-ISMS-P3-Teknikal/002-1GovUC-001), field for field,
// and the SOP 4.2 complaint report. The flows parse every payload with these before deciding, so what a
// Decision writes into `sections` is always validated, parsed data.

export const REQUEST_TYPES = [
  'move',
  'add',
  'change',
  'delete',
  'testing_poc',
  'troubleshooting',
  'transfer_of_service',
  'others',
] as const;

/** "Requester Approval (Manager and above)". `id` ties the block to a chat user who can endorse. */
export const managerSchema = z.object({
  id: optionalText(LIMITS.name),
  name: text(LIMITS.name),
  designation: text(LIMITS.name),
  company: text(LIMITS.short),
  contactNumber: phone,
  email,
});

const sectionAObject = z.object({
  requester: z.object({
    name: text(LIMITS.name),
    unit: text(LIMITS.short),
    contactNumber: phone,
    email,
  }),
  manager: managerSchema.optional(),
  requestType: z.enum(REQUEST_TYPES),
  requestTypeOther: optionalText(LIMITS.short),
  requestedAt: isoDateTime,
  description: text(LIMITS.long),
  impactIfNotImplemented: text(LIMITS.long),
});

interface SectionAOptions {
  readonly endorsementRequired: boolean;
  /** Who may be named to endorse: the configured managers a chat platform reaches. Absent: nobody. */
  readonly managers?: readonly string[];
}

/**
 * Section A: Change Request (to be filled by requester). The manager block is required when the service
 * asks for endorsement; "Others, please specify" needs its text, and the text is dropped for other types.
 * With endorsement on, the manager named must be one the bot can ask and who alone may press Endorse
 * (flows/roles.ts): anyone else, or no chat user at all, would leave the request stuck before SOP 4.1.1
 * step 3. With it off, the block is only what the paper form records: nobody is asked to sign.
 */
export function sectionASchemaFor(options: SectionAOptions) {
  return sectionAObject
    .superRefine((a, ctx) => {
      if (options.endorsementRequired && a.manager === undefined) {
        addFieldIssue(ctx, ['manager'], 'form.error.manager_required');
      }
      const id = a.manager?.id;
      if (options.endorsementRequired && a.manager && !(id && options.managers?.includes(id))) {
        addFieldIssue(ctx, ['manager', 'id'], 'form.error.manager_not_listed');
      }
      if (a.requestType === 'others' && a.requestTypeOther === undefined) {
        addFieldIssue(ctx, ['requestTypeOther'], 'form.error.other_text_required');
      }
    })
    .transform(({ requestTypeOther, ...a }) =>
      a.requestType === 'others' ? { ...a, requestTypeOther } : { ...a, requestTypeOther: undefined },
    );
}
export const sectionASchema = sectionASchemaFor({ endorsementRequired: false });
export type SectionA = z.output<typeof sectionASchema>;

export const TYPES_OF_CHANGE = ['emergency', 'unscheduled', 'normal', 'standard'] as const;
export const RISKS = ['low', 'some', 'moderate', 'high', 'extreme'] as const;
export const URGENCIES = ['critical', 'high', 'average', 'low'] as const;
export const IMPACTS = ['enterprise', 'site_department', 'multiple_users', 'user'] as const;

/** Section B: Change Detail (to be complemented by implementer). */
export const sectionBSchema = z
  .object({
    name: text(LIMITS.name),
    designation: optionalText(LIMITS.name),
    typeOfChange: z.enum(TYPES_OF_CHANGE),
    risk: z.enum(RISKS),
    urgency: z.enum(URGENCIES),
    impact: z.enum(IMPACTS),
    plannedStart: isoDate,
    plannedEnd: isoDate,
    activities: text(LIMITS.long),
    fallbackPlan: text(LIMITS.long),
  })
  .superRefine(endAfterStart('plannedStart', 'plannedEnd'));
export type SectionB = z.output<typeof sectionBSchema>;

/** Section C: Approver (CAB / Unit Manager / VADS Management). "If No, please fill in comments". */
export const sectionCSchema = z
  .object({
    name: text(LIMITS.name),
    contactNumber: optionalPhone,
    decision: z.enum(['approve', 'reject']),
    comments: optionalText(LIMITS.long),
  })
  .superRefine((c, ctx) => {
    if (c.decision === 'reject' && c.comments === undefined) {
      addFieldIssue(ctx, ['comments'], 'form.error.comments_required_on_reject');
    }
  });
export type SectionC = z.output<typeof sectionCSchema>;

/** Section D: Post Implementation. "If Unsuccessful please fill in Post Implementation Review". */
export const sectionDSchema = z
  .object({
    actualStart: isoDate,
    actualEnd: isoDate,
    status: z.enum(['successful', 'unsuccessful']),
    postImplementationReview: optionalText(LIMITS.long),
  })
  .superRefine(endAfterStart('actualStart', 'actualEnd'))
  .superRefine((d, ctx) => {
    if (d.status === 'unsuccessful' && d.postImplementationReview === undefined) {
      addFieldIssue(ctx, ['postImplementationReview'], 'form.error.pir_required');
    }
  });
export type SectionD = z.output<typeof sectionDSchema>;

/** SOP 4.2 step 1: what the Pentadbir UC Agensi reports when mail cannot be sent or received. */
export const complaintSchema = z.object({
  domain,
  direction: z.enum(['cannot_send', 'cannot_receive', 'both']),
  exampleSender: optionalEmail,
  exampleRecipient: optionalEmail,
  startedAt: isoDate,
  bounceText: optionalText(LIMITS.bounce),
  description: optionalText(LIMITS.long),
});
export type Complaint = z.output<typeof complaintSchema>;

/** A stored run of the bot's checks (mailtest_runs): what record_investigation and report_failed_check name. */
export const checkRunIdSchema = z.uuid();
export const checkPurposeSchema = z.enum(['investigation', 'recheck', 'checklist']);

// Short free-text payloads of single actions. Required where the next person cannot act without them.
export const declineReasonSchema = text(LIMITS.reason);
export const vendorRequestSchema = text(LIMITS.long);
export const vendorNotesSchema = text(LIMITS.long);
/** SOP 4.2 step 3: the investigation's results, which may quote test output at length. */
export const findingsSchema = text(LIMITS.bounce);
export const resolutionNotesSchema = text(LIMITS.long);
export const stillFailingDetailsSchema = text(LIMITS.long);
export const withdrawReasonSchema = optionalText(LIMITS.reason);
/** Why the desk closes a ticket its requester never confirmed ("did not answer by 20 Jun"): on the record. */
export const closeNoteSchema = text(LIMITS.reason);
