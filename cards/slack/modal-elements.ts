import type { Fitter } from '../fit-text.ts';
import type { FormField, PersonChoice } from '../forms/types.ts';
import type { Texts } from '../texts.ts';
import type { InputElement, PlainText } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { personOptions } from './person-select.ts';

// One Block Kit input element per form field kind (api.slack.com/reference/block-kit/block-elements).
// Every element answers under action_id 'value', so the adapter reads `state.values[fieldId].value`.

export const VALUE_ACTION_ID = 'value';

export interface ElementContext {
  readonly texts: Texts;
  readonly fit: Fitter;
  /** Whom a person field offers (the endorsing managers); none leaves the field out. */
  readonly people: readonly PersonChoice[];
}

function placeholder(key: string, ctx: ElementContext): PlainText {
  return { type: 'plain_text', text: ctx.fit.plain(ctx.texts.t(key), L.placeholder) };
}

/** An ISO 8601 answer as the Unix seconds a datetimepicker takes; nothing when it does not parse. */
function unixSeconds(value: string | undefined): number | undefined {
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function textInput(field: FormField, value: string | undefined, multiline: boolean, ctx: ElementContext) {
  // plain_text_input takes at most 3000; longer flow limits (a bounce, findings) are cut to Slack's.
  const max = Math.min(field.max ?? L.inputMaxLength, L.inputMaxLength);
  return {
    type: 'plain_text_input' as const,
    action_id: VALUE_ACTION_ID,
    max_length: max,
    ...(multiline ? { multiline: true } : {}),
    ...(value ? { initial_value: value.slice(0, max) } : {}),
    ...(field.kind === 'phone' ? { placeholder: placeholder('form.placeholder.phone', ctx) } : {}),
  };
}

/** Undefined for a person field with nobody to offer, which then has no input block at all. */
export function inputElement(
  field: FormField,
  value: string | undefined,
  ctx: ElementContext,
): InputElement | undefined {
  switch (field.kind) {
    case 'text':
    case 'phone':
      return textInput(field, value, false, ctx);
    case 'multiline':
      return textInput(field, value, true, ctx);
    case 'email': {
      // email_text_input has no max_length; a prefill longer than the flows accept is cut like the others.
      const initial = value?.slice(0, field.max ?? L.inputMaxLength);
      return {
        type: 'email_text_input',
        action_id: VALUE_ACTION_ID,
        ...(initial ? { initial_value: initial } : {}),
      };
    }
    case 'select': {
      const options = (field.options ?? []).slice(0, L.options).map((o) => ({
        text: { type: 'plain_text' as const, text: ctx.fit.plain(ctx.texts.t(o.label), L.optionText) },
        value: o.value,
      }));
      const initial = options.find((o) => o.value === value);
      return {
        type: 'static_select',
        action_id: VALUE_ACTION_ID,
        options,
        placeholder: placeholder('form.placeholder.select', ctx),
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case 'datetime': {
      const initial = unixSeconds(value);
      return {
        type: 'datetimepicker',
        action_id: VALUE_ACTION_ID,
        ...(initial === undefined ? {} : { initial_date_time: initial }),
      };
    }
    case 'date': {
      const initial = value?.match(/^\d{4}-\d{2}-\d{2}/)?.[0];
      return {
        type: 'datepicker',
        action_id: VALUE_ACTION_ID,
        ...(initial ? { initial_date: initial } : {}),
      };
    }
    case 'person': {
      const choices = personOptions(ctx.people, value, ctx.fit);
      if (choices === undefined) return undefined;
      return {
        type: 'static_select',
        action_id: VALUE_ACTION_ID,
        ...choices,
        placeholder: placeholder('form.placeholder.person', ctx),
      };
    }
  }
}
