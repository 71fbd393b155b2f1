import { z } from 'zod';
import { SLASH_COMMANDS } from '../cards/ids.ts';
import type { ChatCommand } from './command.ts';

// /mailcomplaint [domain]: e-mail cannot be sent or received (SOP 4.2 step 1). A first word that looks like
// a domain pre-fills the form's domain; anything else is left for the form to ask, not guessed at.
const domainLike = z
  .string()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/);

export const mailComplaintCommand: ChatCommand = {
  name: SLASH_COMMANDS.complaint,
  role: 'requester',
  form: 'complaint',
  prefill: (text) => {
    const parsed = domainLike.safeParse(text.trim().split(/\s+/)[0] ?? '');
    return parsed.success ? { domain: parsed.data } : {};
  },
};
