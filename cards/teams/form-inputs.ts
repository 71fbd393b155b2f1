import { clipToLimit } from '../fit-text.ts';
import type { FormField } from '../forms/types.ts';
import type { Texts } from '../texts.ts';
import type { CardInput, Choice } from './adaptive-card.ts';
import { mytParts, timeIdOf } from './form-datetime.ts';

// The Adaptive Card input(s) for one form field (adaptivecards.io/explorer: Input.Text, Input.ChoiceSet,
// Input.Date, Input.Time). Each input's id is the field id, so a submitted `data` maps back to FormValues
// without a lookup table; a date-time field is two inputs (form-datetime.ts).

export interface Person {
  readonly id: string;
  readonly name: string;
}

export interface InputContext {
  readonly texts: Texts;
  /** People a person field offers; the adapter passes the directory's candidates (e.g. managers). */
  readonly people: readonly Person[];
}

function base(field: FormField, id: string, ctx: InputContext) {
  return {
    id,
    label: ctx.texts.t(field.label),
    isRequired: field.required,
    ...(field.required ? { errorMessage: ctx.texts.t('form.error.required') } : {}),
  };
}

function choiceSet(
  field: FormField,
  value: string | undefined,
  choices: Choice[],
  style: 'compact' | 'filtered',
  placeholder: string,
  ctx: InputContext,
): CardInput {
  const initial = choices.some((c) => c.value === value) ? { value } : {};
  // A type-ahead box refuses text that is not one of its choices, required or not (AC 1.5 input
  // validation), and shows `errorMessage` under a box that is visibly filled: "required" would be wrong there.
  // The only person field is Section A's endorsing manager, and the choices are the managers.
  const error = style === 'filtered' ? { errorMessage: ctx.texts.t('form.error.choose_manager') } : {};
  return {
    type: 'Input.ChoiceSet',
    ...base(field, field.id, ctx),
    ...error,
    choices,
    style,
    placeholder: ctx.texts.t(placeholder),
    ...initial,
  };
}

function textInput(field: FormField, value: string | undefined, ctx: InputContext): CardInput {
  const style = field.kind === 'phone' ? 'tel' : field.kind === 'email' ? 'email' : undefined;
  const initial = value ? clipToLimit(value, field.max) : '';
  return {
    type: 'Input.Text',
    ...base(field, field.id, ctx),
    ...(field.kind === 'multiline' ? { isMultiline: true } : {}),
    ...(field.max === undefined ? {} : { maxLength: field.max }),
    ...(style === undefined ? {} : { style }),
    ...(field.kind === 'phone' ? { placeholder: ctx.texts.t('form.placeholder.phone') } : {}),
    ...(initial === '' ? {} : { value: initial }),
  };
}

export function fieldInputs(field: FormField, value: string | undefined, ctx: InputContext): CardInput[] {
  switch (field.kind) {
    case 'text':
    case 'phone':
    case 'email':
    case 'multiline':
      return [textInput(field, value, ctx)];
    case 'select': {
      const choices = (field.options ?? []).map((o) => ({ title: ctx.texts.t(o.label), value: o.value }));
      return [choiceSet(field, value, choices, 'compact', 'form.placeholder.select', ctx)];
    }
    case 'person': {
      // An empty choice list is not a valid card (Input.ChoiceSet needs a choice); with nobody to offer
      // (endorsement off and no managers configured) the field is left out, and if it was required the
      // flows' refusal says so.
      if (ctx.people.length === 0) return [];
      const choices = ctx.people.map((p) => ({ title: p.name, value: p.id }));
      return [choiceSet(field, value, choices, 'filtered', 'form.placeholder.person_search', ctx)];
    }
    case 'date': {
      const date = value?.match(/^\d{4}-\d{2}-\d{2}/)?.[0];
      return [{ type: 'Input.Date', ...base(field, field.id, ctx), ...(date ? { value: date } : {}) }];
    }
    case 'datetime': {
      const parts = mytParts(value);
      return [
        { type: 'Input.Date', ...base(field, field.id, ctx), ...(parts ? { value: parts.date } : {}) },
        // The time half has a label of its own: a required input must have one (adaptivecards.io, input
        // validation), and a screen reader must tell the date box from the time box.
        {
          type: 'Input.Time',
          ...base(field, timeIdOf(field.id), ctx),
          label: ctx.texts.t('form.label.time_of', { label: ctx.texts.t(field.label) }),
          ...(parts ? { value: parts.time } : {}),
        },
      ];
    }
  }
}
