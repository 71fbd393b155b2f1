import type { CardModel } from '../card-model.ts';
import { fieldIdOfError } from '../forms/definitions.ts';
import type { FormDefinition, FormField, FormValues, FormView } from '../forms/types.ts';
import type { Texts } from '../texts.ts';
import { actionStyle } from './action-style.ts';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardAction,
  type CardElement,
  textBlock,
} from './adaptive-card.ts';
import { fromMytParts, timeIdOf } from './form-datetime.ts';
import { fieldInputs, type InputContext, type Person } from './form-inputs.ts';
import { cancelAction, formTicketElements } from './form-ticket.ts';
import { jsonBytes, TEAMS_LIMITS } from './limits.ts';
import { formVerb } from './verbs.ts';

// A form as an Adaptive Card (the Teams counterpart of a Slack modal): one input per field keyed by its id,
// the flows' field errors right under their field, and one Action.Execute submit whose data carries the
// form's context back (verb `form:<kind>`). Teams checks required inputs itself before sending (AC 1.3
// input validation); everything else is checked by the flows, whose refusals come back in `view.errors`.

/** Error text by field id; errors keyed by a flow path ('manager', 'sectionB') land where fieldIdOfError says. */
function errorsByField(view: FormView): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, message] of Object.entries(view.errors)) {
    const id = fieldIdOfError(view.definition, path);
    const before = out.get(id);
    out.set(id, before === undefined ? message : `${before} ${message}`);
  }
  return out;
}

function fieldElements(field: FormField, view: FormView, error: string | undefined, ctx: InputContext) {
  const elements: CardElement[] = fieldInputs(field, view.values[field.id], ctx);
  if (error !== undefined) {
    elements.push(textBlock(error, { color: 'attention', spacing: 'small' }));
  }
  if (field.hint !== undefined) {
    elements.push(textBlock(ctx.texts.t(field.hint), { isSubtle: true, size: 'small', spacing: 'small' }));
  }
  return elements;
}

/** Bytes kept back when the ticket above a form is fitted: the "… more fields" line. */
const MORE_RESERVE = 300;

/**
 * `people` are the choices of a person field (the endorsing manager), as person ids and display names; the
 * list travels inside the card, so the adapter passes the candidates, not the whole directory. `ticket` is
 * the card whose button opened the form: shown above the fields, with Cancel back to it (form-ticket.ts).
 */
export function renderTeamsForm(
  view: FormView,
  texts: Texts,
  options: { readonly people: readonly Person[]; readonly ticket?: CardModel },
): AdaptiveCard {
  const { definition, context } = view;
  const { ticket } = options;
  const ctx: InputContext = { texts, people: options.people };
  const errors = errorsByField(view);
  const body: CardElement[] = [
    textBlock(texts.t(definition.title), {
      style: 'heading',
      size: 'large',
      weight: 'bolder',
      ...(ticket ? { spacing: 'large' } : {}),
    }),
  ];
  if (context.ticketNumber !== undefined && ticket === undefined) {
    body.push(
      textBlock(texts.t('form.ticket', { number: context.ticketNumber }), {
        isSubtle: true,
        spacing: 'none',
      }),
    );
  }
  if (definition.intro !== undefined) body.push(textBlock(texts.t(definition.intro)));
  for (const field of definition.fields) body.push(...fieldElements(field, view, errors.get(field.id), ctx));
  const actions: CardAction[] = [
    {
      type: 'Action.Execute',
      verb: formVerb(definition.kind),
      title: texts.t(definition.submit),
      data: { context },
      ...actionStyle(definition.kind),
    },
  ];
  if (ticket === undefined) return adaptiveCard(body, { actions });
  actions.push(cancelAction(ticket, texts));
  const budget = TEAMS_LIMITS.cardBytes - jsonBytes(adaptiveCard(body, { actions })) - MORE_RESERVE;
  return adaptiveCard([...formTicketElements(ticket, texts, budget), ...body], { actions });
}

function answer(data: Readonly<Record<string, unknown>>, id: string): string | undefined {
  const value = data[id];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The submitted inputs (`adaptiveCard/action` data, context and all) as FormValues: only the definition's
 * fields, blanks as undefined, a date-time field's two inputs joined into one ISO 8601 answer in +08:00.
 */
export function readTeamsForm(
  definition: FormDefinition,
  data: Readonly<Record<string, unknown>>,
): FormValues {
  const values: Record<string, string | undefined> = {};
  for (const field of definition.fields) {
    values[field.id] =
      field.kind === 'datetime'
        ? fromMytParts(answer(data, field.id), answer(data, timeIdOf(field.id)))
        : answer(data, field.id);
  }
  return values;
}
