import type { FormKind, FormValues } from '../../cards/forms/types.ts';
import type { Directory, Person } from '../directory/directory.ts';

// Answers the bot already knows, so a requester finishes the form in two minutes: their own Section A
// details come from the configuration (the command's own text is the command's business, commands/), and
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
