import type { MessageRef, RefusalCode } from '../../flows/types.ts';
import { formatMyt, type Locale, renderMessage } from '../i18n/index.ts';
import type { ActResult, DoneBy } from './ticket-service.ts';

// What the person who acted is told, in their language, for every outcome of the ticket service: the
// adapters show `text` (an ephemeral reply, a modal error) and put `fieldErrors` on the form's fields.
// A click that lost a race is told who decided and when, who acts next, and what this person may still do
// (never another role's step), not just that it is too late.

export interface ResultText {
  readonly text: string;
  /** Field path → message, for a form that can show errors on the exact field. */
  readonly fieldErrors?: Readonly<Record<string, string>>;
}

/** Refusals that mean "someone else already moved the ticket on". */
const OVERTAKEN: ReadonlySet<RefusalCode> = new Set([
  'illegal_transition',
  'ticket_finished',
  'version_conflict',
]);

function doneBy(by: DoneBy, locale: Locale): string {
  return renderMessage(
    {
      key: 'done.already',
      params: {
        action: renderMessage({ key: `past.${by.action}` }, locale),
        name: by.actorName,
        at: formatMyt(by.at, locale),
      },
    },
    locale,
  );
}

/**
 * `waiting` is the ticket card's own "who acts next, by when" line, with the people's names (tickets/
 * waiting-line.ts): where it is known it stands for the flows' role-only "next step, for the approver", so
 * the person refused is told whom to call, in the words the card itself uses.
 */
const rendered = (refs: readonly MessageRef[] | undefined, locale: Locale, waiting?: string) =>
  (refs ?? []).map((ref) =>
    ref.key === 'next.by_role' && waiting ? `${waiting}.` : renderMessage(ref, locale),
  );
const joined = (sentences: readonly string[]) => sentences.join(' ');

export function describeResult(
  result: ActResult,
  locale: Locale,
  ticketRef = '',
  waiting?: string,
): ResultText {
  switch (result.status) {
    case 'applied':
      return {
        text: renderMessage(
          { key: 'result.applied', params: { ticket: result.ticket.number, state: result.ticket.state } },
          locale,
        ),
      };
    case 'already_done':
      return { text: joined([doneBy(result.by, locale), ...rendered(result.whatNow, locale, waiting)]) };
    case 'not_found':
      // Without a number (a click on a card) there is nothing to tell the person to check.
      return {
        text: ticketRef
          ? renderMessage({ key: 'result.not_found', params: { ticket: ticketRef } }, locale)
          : renderMessage({ key: 'result.ticket_gone' }, locale),
      };
    case 'refused': {
      const reason = renderMessage(result.refusal.reason, locale);
      const overtaken = result.lastDecision && OVERTAKEN.has(result.refusal.code);
      const text = joined([
        ...(overtaken && result.lastDecision ? [doneBy(result.lastDecision, locale)] : []),
        reason,
        ...rendered(result.refusal.whatNow, locale, waiting),
      ]);
      const errors = result.refusal.fieldErrors;
      if (!errors) return { text };
      return {
        text,
        fieldErrors: Object.fromEntries(
          Object.entries(errors).map(([field, ref]) => [field, renderMessage(ref, locale)]),
        ),
      };
    }
  }
}

/** Whether the reply would name who acts next: only then is the ticket's card worth reading for names. */
export function namesNextStep(result: ActResult): boolean {
  const refs =
    result.status === 'refused'
      ? result.refusal.whatNow
      : result.status === 'already_done'
        ? result.whatNow
        : undefined;
  return (refs ?? []).some((ref) => ref.key === 'next.by_role');
}
