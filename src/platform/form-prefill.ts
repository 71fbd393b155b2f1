import { clipToLimit } from '../../cards/fit-text.ts';
import { formDefinition } from '../../cards/forms/definitions.ts';
import type { FormKind, FormValues } from '../../cards/forms/types.ts';
import type { ChatCommand } from '../../commands/command.ts';
import type { Db } from '../db/types.ts';
import type { Directory, Person } from '../directory/directory.ts';
import { type Locale, renderMessage } from '../i18n/index.ts';
import { previousAnswers } from '../tickets/previous-answers.ts';

// Answers the bot already knows, so a requester finishes the form in two minutes: their own Section A
// details come from the configuration, the text typed after a command from the command (commands/), and
// whoever records Section B or C signs it with their own name.

export function prefillFor(kind: FormKind, person: Person | undefined): FormValues {
  if (kind === 'change_request') {
    return {
      'requester.name': person?.name,
      'requester.unit': person?.unit,
      'requester.contactNumber': person?.phone,
      'requester.email': person?.email,
    };
  }
  if (kind === 'start_implementation') return { name: person?.name, designation: person?.designation };
  if (kind === 'approve' || kind === 'reject') return { name: person?.name, contactNumber: person?.phone };
  return {};
}

/** A command's form: its answers, and a notice by field id for typed text the field could not hold. */
export interface CommandForm {
  readonly values: FormValues;
  readonly notices: Readonly<Record<string, string>>;
}

/**
 * The form a chat command opens. Typed text longer than its field holds (a 3,545-character description
 * for Section A's 3,000) is kept up to the limit, and the requester is told, in their language, that it was
 * shortened and where to look: nothing is lost without a word.
 */
export function commandForm(
  spec: ChatCommand,
  text: string,
  person: Person | undefined,
  locale: Locale,
): CommandForm {
  const typed = spec.prefill(text);
  const fields = formDefinition(spec.form, { endorsementRequired: false }).fields;
  const values: Record<string, string | undefined> = { ...prefillFor(spec.form, person), ...typed };
  const notices: Record<string, string> = {};
  for (const field of fields) {
    const value = typed[field.id];
    if (value === undefined || field.max === undefined || value.length <= field.max) continue;
    values[field.id] = clipToLimit(value, field.max);
    const params = { field: renderMessage({ key: field.label }, locale), max: field.max };
    notices[field.id] = renderMessage({ key: 'common.prefill_shortened', params }, locale);
  }
  return { values, notices };
}

/**
 * The answers a ticket action's form opens with: the ticket's previous round of that section, when the SOP
 * has it filled in again (src/tickets/previous-answers.ts), signed by the person opening it now.
 */
export async function actionPrefill(
  db: Db,
  ticketId: string,
  kind: FormKind,
  person: Person | undefined,
  now: Date,
): Promise<FormValues> {
  return { ...(await previousAnswers(db, ticketId, kind, now)), ...prefillFor(kind, person) };
}

/**
 * Fills the endorsing manager's details (Section A "Requester Approval") from the directory when the form
 * only picked the person: the paper form's manager block, without making anyone type it.
 */
export function withManagerDetails(values: FormValues, directory: Directory): FormValues {
  const managerId = values['manager.id'];
  const manager = managerId ? directory.person(managerId) : undefined;
  if (!manager) return values;
  const fill = (field: string, value: string | undefined) =>
    values[field] !== undefined && values[field] !== '' ? {} : value ? { [field]: value } : {};
  return {
    ...values,
    ...fill('manager.name', manager.name),
    ...fill('manager.designation', manager.designation),
    ...fill('manager.company', manager.unit),
    ...fill('manager.contactNumber', manager.phone),
    ...fill('manager.email', manager.email),
  };
}
