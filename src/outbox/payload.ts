import { z } from 'zod';

// Outbox payloads are JSON in the database; everything read back is validated (STYLE.md 14), so a row
// written by an older version that no longer parses is parked as `dead` with a reason, not retried forever.

const messageRef = z.object({
  key: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

// One row, one destination: audiences are resolved when the decision is written, so a message to three
// people is three rows and a retry never repeats a delivery that already succeeded.
const destination = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('channel'), channel: z.string().min(1) }),
  z.object({ kind: z.literal('user'), user: z.string().min(1) }),
]);
const locale = z.enum(['ms', 'en']);

const cardKind = z.enum(['endorsement', 'approval', 'soc', 'vendor', 'confirmation', 'ticket']);

export const outboxPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notify'), to: destination, locale, message: messageRef }),
  z.object({ kind: z.literal('card.post'), card: cardKind, to: destination, locale }),
  z.object({ kind: z.literal('card.refresh'), card: z.union([cardKind, z.literal('all')]) }),
]);

export type OutboxPayload = z.infer<typeof outboxPayload>;
