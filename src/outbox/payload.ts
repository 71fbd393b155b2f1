import { z } from 'zod';
import { CARD_KINDS } from '../../flows/types.ts';

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

const cardKind = z.enum(CARD_KINDS);

export const outboxPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notify'), to: destination, locale, message: messageRef }),
  z.object({ kind: z.literal('card.post'), card: cardKind, to: destination, locale }),
  z.object({ kind: z.literal('card.refresh'), card: z.union([cardKind, z.literal('all')]) }),
  // A report card not tied to a ticket: the daily checklist's summary to SOC (circular 4(c), 4(h)). Only the
  // run ids are stored; the view is built from them when it is delivered, in the reader's language.
  z.object({
    kind: z.literal('report.post'),
    report: z.literal('checklist'),
    runIds: z.array(z.uuid()).min(1),
    /** The fire time the title shows (ISO). */
    at: z.iso.datetime({ offset: true }),
    /** When a fire caught up after a stop really ran (ISO); absent when it ran on time. */
    ranAt: z.iso.datetime({ offset: true }).optional(),
    /** Set with `ranAt` when an earlier attempt at the fire did not finish (its replica died, or a stop handed it back). */
    retried: z.literal(true).optional(),
    /** The fire this summary belongs to: one summary per fire and destination, however often it is queued. */
    fire: z.string().min(1),
    to: destination,
    locale,
  }),
]);

export type OutboxPayload = z.infer<typeof outboxPayload>;
export type ReportPost = Extract<OutboxPayload, { kind: 'report.post' }>;
