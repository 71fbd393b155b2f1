import { SLASH_COMMANDS } from '../cards/ids.ts';
import type { ChatCommand } from './command.ts';

// /changerequest [description]: the Anti Spam / Anti Virus Change Request Form (SOP 4.1 steps 1–2).
export const changeRequestCommand: ChatCommand = {
  name: SLASH_COMMANDS.changeRequest,
  role: 'requester',
  form: 'change_request',
  prefill: (text) => (text.trim() ? { description: text.trim() } : {}),
};
