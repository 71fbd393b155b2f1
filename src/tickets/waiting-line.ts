import { waitingLine } from '../../cards/who-acts.ts';
import type { Db } from '../db/types.ts';
import type { Directory } from '../directory/directory.ts';
import type { Locale } from '../i18n/index.ts';
import { textsFor } from '../i18n/texts.ts';
import { buildTicketCard } from './card-source.ts';
import { describeResult, namesNextStep, type ResultText } from './describe-result.ts';
import type { ActResult } from './ticket-service.ts';

// The reply to a click or a form that did nothing names who acts next the way the ticket's card does: the
// person, or the role with the first few people who may take the step, and by when (SOP 4.1.1 and 4.2.1 name
// who acts at every step). Read from the ticket as it is now, as a card would be drawn.

export interface WaitingSource {
  readonly db: Db;
  readonly directory: Directory;
  readonly clock: { now(): Date };
}

/** Who the reply is for: their language, and the configured person, if any, who reads "you" in it. */
export interface ReplyReader {
  readonly locale: Locale;
  readonly person: { readonly id: string } | undefined;
}

/** The card's "Menunggu tindakan …" line for this reader, or undefined when nobody acts next. */
export async function waitingLineOf(
  source: WaitingSource,
  ticketId: string,
  reader: ReplyReader,
): Promise<string | undefined> {
  const now = source.clock.now();
  const model = await buildTicketCard(
    source.db,
    source.directory,
    ticketId,
    'ticket',
    now,
    reader.person?.id,
  );
  return model.nextActor ? waitingLine(model.nextActor, textsFor(reader.locale)) : undefined;
}

/**
 * describeResult, with the names of who acts next when the reply names the next step. Reading them is best
 * effort: the refusal is complete and true without them, so a failure to read the card (the database gone
 * between the decision and this read) leaves the reply with the role alone rather than no reply at all.
 */
export async function describeResultWithNames(
  source: WaitingSource,
  ticketId: string | undefined,
  result: ActResult,
  reader: ReplyReader,
  ticketRef = '',
): Promise<ResultText> {
  const waiting =
    ticketId && namesNextStep(result)
      ? await waitingLineOf(source, ticketId, reader).catch(() => undefined)
      : undefined;
  return describeResult(result, reader.locale, ticketRef, waiting);
}
