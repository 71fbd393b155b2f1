import { z } from 'zod';
import { SLASH_COMMANDS } from '../cards/ids.ts';
import type { ChatCommand } from './command.ts';

// /mailcomplaint [domain] [what happens]: e-mail cannot be sent or received (SOP 4.2 step 1). A first word
// that looks like a domain pre-fills the form's domain; the words typed after it (or all of them, when the
// first is no domain) are the requester's own account and pre-fill the description, never dropped. Nothing
// else is guessed at: the direction and the dates are the form's to ask.
const domainLike = z
  .string()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/);

export const mailComplaintCommand: ChatCommand = {
  name: SLASH_COMMANDS.complaint,
  role: 'requester',
  form: 'complaint',
  prefill: (text) => {
    const typed = text.trim();
    const first = typed.split(/\s+/)[0] ?? '';
    const parsed = domainLike.safeParse(first);
    const description = parsed.success ? typed.slice(first.length).trim() : typed;
    return {
      ...(parsed.success ? { domain: parsed.data } : {}),
      ...(description ? { description } : {}),
    };
  },
};
