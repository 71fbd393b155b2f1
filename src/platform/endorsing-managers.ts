import type { PersonChoice } from '../../cards/forms/types.ts';
import type { Directory } from '../directory/directory.ts';

// Whom a change request may name in Section A's "Requester Approval (Manager and above)": the configured
// holders of the manager role whom a chat platform reaches. Only they can be sent the endorsement card and
// press Endorse (flows/roles.ts), so every platform's picker offers them alone and the flows refuse anyone
// else (flows/forms.ts); anybody else would leave the request stuck before SOP 4.1.1 step 3.

/** In name order, as a person looks for a name in a long list. */
export function endorsingManagers(directory: Directory): PersonChoice[] {
  return directory
    .withRole('manager')
    .filter((p) => Object.values(p.identities).some((id) => id !== ''))
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ms'));
}

/** The same people as the ids a submitted form's action carries (cards/forms/action-payload.ts). */
export function endorsingManagerIds(directory: Directory): string[] {
  return endorsingManagers(directory).map((p) => p.id);
}
