import { changeRequestCommand } from './changerequest.ts';
import type { ChatCommand } from './command.ts';
import { mailComplaintCommand } from './mailcomplaint.ts';

// Every chat command, for every platform adapter to register (one registration point, STYLE.md 7).
export const CHAT_COMMANDS: readonly ChatCommand[] = [changeRequestCommand, mailComplaintCommand];
