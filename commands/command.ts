import type { FormKind, FormValues } from '../cards/forms/types.ts';
import type { Role } from '../flows/types.ts';

// A chat command described as data (STYLE.md 8): the name people type, who may use it, the form it opens
// and what the text after the command fills in. Every platform adapter registers all of them the same way.

export interface ChatCommand {
  readonly name: string;
  /** The role the SOP gives this step (SOP 4.1 step 1 and 4.2 step 1: the Pentadbir UC Agensi). */
  readonly role: Role;
  readonly form: FormKind;
  /** Answers taken from the text typed after the command. */
  readonly prefill: (text: string) => FormValues;
}
