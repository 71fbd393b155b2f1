import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/types.ts';
import type { Directory } from '../../directory/directory.ts';
import type { Logger } from '../../log.ts';
import type { MailtestService } from '../../mail/mailtest-service.ts';
import type { createTicketService } from '../../tickets/ticket-service.ts';
import type { Clock } from '../../time.ts';
import type { AfterAck } from './after-ack.ts';
import type { SlackIdentity } from './identity.ts';
import type { ModalOpener } from './modal-opener.ts';

// What every Slack handler receives: the procedures (ticket service), who is who, and where to read
// tickets for cards and App Home. Handlers never reach past these into the database themselves.

export interface SlackContext {
  readonly tickets: Pick<ReturnType<typeof createTicketService>, 'act' | 'submit' | 'precheck'>;
  readonly directory: Directory;
  readonly identity: SlackIdentity;
  readonly db: Db;
  readonly logger: Logger;
  /** When cards are drawn and App Home is read: buttons whose time has come (the desk's close). */
  readonly clock: Clock;
  readonly endorsementRequired: boolean;
  /** The Web API client for interactive calls (views.open, chat.update, ephemeral replies). */
  readonly client: WebClient;
  /** views.open for slash commands, lean enough not to slow the acknowledgements around it. */
  readonly openModal: ModalOpener;
  /** Runs a command's follow-up once the acknowledgements waiting before it have gone out. */
  readonly afterAck: AfterAck;
  /** /mailtest (issue 5); absent where it is not wired. */
  readonly mailtest?: MailtestService;
}
