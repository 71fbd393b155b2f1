import type { CardIntent, Decision, MessageRef } from '../../flows/types.ts';
import type { Tx } from '../db/types.ts';
import type { Directory } from '../directory/directory.ts';
import type { Logger } from '../log.ts';

// Turns a decision's notifications and card intents into outbox rows, one per platform and destination,
// inside the deciding transaction: a decision and its messages commit together or not at all.

export interface OutboxTarget {
  readonly directory: Directory;
  /** Configured chat platforms; every notification goes to each. */
  readonly platforms: readonly string[];
  readonly logger: Logger;
}

export async function enqueueDecisionMessages(
  tx: Tx,
  target: OutboxTarget,
  ticket: { id: string; number: string; title: string },
  decision: Pick<Decision, 'notify' | 'cards'>,
  now: Date,
): Promise<number> {
  const rows: { ticketId: string; platform: string; kind: string; payload: object }[] = [];
  const withTicket = (m: MessageRef): MessageRef => ({
    key: m.key,
    params: { ticket: ticket.number, title: ticket.title, ...m.params },
  });
  for (const platform of target.platforms) {
    for (const n of decision.notify) {
      const recipients = target.directory.resolve(platform, n.to);
      if (recipients.length === 0)
        target.logger.warn('nobody to notify', { platform, to: n.to, ticket: ticket.number });
      for (const r of recipients) {
        rows.push({
          ticketId: ticket.id,
          platform,
          kind: 'notify',
          payload: { kind: 'notify', to: r.destination, locale: r.locale, message: withTicket(n.message) },
        });
      }
    }
    for (const c of decision.cards) rows.push(...cardRows(target, platform, ticket, c));
  }
  // Due, and written, at the clock's "now", not the database's: time is a port (STYLE.md 5), and the outbox
  // counts how long a delivery has been failing from when it was written.
  if (rows.length > 0)
    await tx.outboxMessage.createMany({
      data: rows.map((r) => ({ ...r, nextAttemptAt: now, createdAt: now })),
    });
  return rows.length;
}

function cardRows(
  target: OutboxTarget,
  platform: string,
  ticket: { id: string; number: string },
  intent: CardIntent,
) {
  if (intent.op === 'refresh') {
    return [
      {
        ticketId: ticket.id,
        platform,
        kind: 'card.refresh',
        payload: { kind: 'card.refresh', card: intent.card },
      },
    ];
  }
  const recipients = target.directory.resolve(platform, intent.to);
  if (recipients.length === 0) {
    target.logger.warn('nobody to show the card to', { platform, card: intent.card, ticket: ticket.number });
  }
  return recipients.map((r) => ({
    ticketId: ticket.id,
    platform,
    kind: 'card.post',
    payload: { kind: 'card.post', card: intent.card, to: r.destination, locale: r.locale },
  }));
}
