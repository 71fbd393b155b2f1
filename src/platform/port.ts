import type { CardModel } from '../../cards/card-model.ts';
import type { MailtestView } from '../../cards/mailtest-view.ts';

// The chat-platform port (DESIGN.md, "Ports and adapters"; STYLE.md 1): the handful of outbound operations
// the procedures need. Slack, Teams and the local playground implement it; the dispatcher is its only
// caller, so every outbound message passes the outbox and is delivered exactly once.

/** Where a message goes, already resolved to the platform's own ids by the dispatcher. */
export type Destination =
  | { readonly kind: 'channel'; readonly channel: string }
  | { readonly kind: 'user'; readonly user: string };

export interface TextMessage {
  readonly text: string;
  /** The ticket the message is about, so adapters can link to its card. */
  readonly ticketNumber?: string;
}

export interface PostedRef {
  readonly channel: string;
  readonly messageId: string;
}

export interface ChatPlatform {
  /** Stable name stored in outbox rows and posted-card references: 'slack', 'teams', 'local', … */
  readonly name: string;
  sendText(to: Destination, message: TextMessage, locale: string): Promise<PostedRef>;
  postCard(to: Destination, card: CardModel, locale: string): Promise<PostedRef>;
  updateCard(ref: PostedRef, card: CardModel, locale: string): Promise<void>;
  /**
   * The /mailtest report card, posted where the command was typed and filled in as checks finish. Not a
   * decision, so not through the outbox (src/mail/mailtest-service.ts says why); the words are already in
   * the reader's language.
   */
  postReport?(to: Destination, view: MailtestView): Promise<PostedRef>;
  updateReport?(ref: PostedRef, view: MailtestView): Promise<void>;
}

/**
 * What an adapter throws when a delivery did not happen. `retryable` false means retrying cannot help
 * (channel not found, bot not in channel); `retryAfterMs` carries a 429 Retry-After.
 */
export class PlatformDeliveryError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /**
   * The message itself no longer exists (someone deleted it): no later update can ever reach it. Apart from
   * a refusal that may heal (an archived channel brought back, the app invited again).
   */
  readonly gone: boolean;

  constructor(
    message: string,
    options: { retryable: boolean; retryAfterMs?: number; gone?: boolean; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlatformDeliveryError';
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.gone = options.gone === true;
  }
}
