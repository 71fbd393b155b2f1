import type { ViewStateValue } from '@slack/bolt';
import type { StoredView } from './fake-web-api-state.ts';

// view.state.values as Slack sends them with view_submission
// (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload): one entry per input
// block, keyed block_id → action_id, typed after the element. Untouched fields carry their initial value
// or null, and Slack's client refuses to submit while a required field is empty, so such a submission
// cannot be built here either. A test that needs an impossible payload edits the built one.

type Json = Record<string, unknown>;
export type ViewValues = Record<string, Record<string, ViewStateValue>>;

// What the person entered, before it is checked against the element it was entered into.
export const field = {
  text: (value: string): ViewStateValue => ({ type: 'plain_text_input', value }),
  email: (value: string): ViewStateValue => ({ type: 'email_text_input', value }),
  // Option text is filled from the view's own options; a value the view does not offer is refused.
  select: (value: string): ViewStateValue => ({ type: 'static_select', selected_option: option(value) }),
  radio: (value: string): ViewStateValue => ({ type: 'radio_buttons', selected_option: option(value) }),
  date: (isoDate: string): ViewStateValue => ({ type: 'datepicker', selected_date: isoDate }),
  dateTime: (unixSeconds: number): ViewStateValue => ({
    type: 'datetimepicker',
    selected_date_time: unixSeconds,
  }),
  user: (userId: string): ViewStateValue => ({ type: 'users_select', selected_user: userId }),
};

const option = (value: string) => ({ text: { type: 'plain_text' as const, text: '' }, value });

// The value an untouched element submits: its initial_* field, else null (or [] for multi-selects).
function untouched(element: Json): ViewStateValue {
  const type = String(element.type);
  const initial = (key: string) => (element[key] === undefined ? null : element[key]);
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: initial('initial_option') as ViewStateValue['selected_option'] };
    case 'datepicker':
      return { type, selected_date: initial('initial_date') as string | null };
    case 'datetimepicker':
      return { type, selected_date_time: initial('initial_date_time') as number | null };
    case 'users_select':
      return { type, selected_user: initial('initial_user') as string | null };
    case 'multi_users_select':
      return { type, selected_users: (element.initial_users as string[] | undefined) ?? [] };
    case 'checkboxes':
    case 'multi_static_select':
      return {
        type,
        selected_options: (element.initial_options as ViewStateValue['selected_options']) ?? [],
      };
    default:
      return { type, value: initial('initial_value') as string | null };
  }
}

function isEmpty(value: ViewStateValue) {
  const { type: _type, ...rest } = value;
  return Object.values(rest).every((v) => v === null || v === '' || (Array.isArray(v) && v.length === 0));
}

function entered(element: Json, given: ViewStateValue, where: string): ViewStateValue {
  if (given.type !== element.type)
    throw new Error(`${where} is a ${String(element.type)}, not a ${given.type}`);
  if (given.selected_option) {
    const options = (element.options ?? []) as Array<{
      text: { type: 'plain_text'; text: string };
      value: string;
    }>;
    const offered = options.find((o) => o.value === given.selected_option?.value);
    if (!offered) throw new Error(`${where} offers no option "${given.selected_option.value}"`);
    return { ...given, selected_option: { text: offered.text, value: offered.value } };
  }
  const text = given.value ?? '';
  if (typeof element.max_length === 'number' && text.length > element.max_length) {
    throw new Error(`${where} takes at most ${element.max_length} characters`);
  }
  if (given.type === 'email_text_input' && text !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) {
    throw new Error(`${where}: Slack's client rejects "${text}" as an e-mail address`);
  }
  return given;
}

export function viewState(view: StoredView, values: ViewValues = {}): ViewValues {
  const state: ViewValues = {};
  const unused = new Set(Object.keys(values));
  for (const block of view.blocks as unknown as Json[]) {
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    const blockId = block.block_id;
    const actionId = element.action_id;
    // Slack would invent the missing id at random, and the bot could never find the value.
    if (typeof blockId !== 'string' || typeof actionId !== 'string') {
      throw new Error(`view ${view.callback_id} has an input block without block_id or action_id`);
    }
    const where = `${blockId}/${actionId}`;
    const given = values[blockId]?.[actionId];
    unused.delete(blockId);
    const value = given ? entered(element, given, where) : untouched(element);
    if (block.optional !== true && isEmpty(value))
      throw new Error(`${where} is required; Slack would not submit`);
    state[blockId] = { [actionId]: value };
  }
  if (unused.size > 0)
    throw new Error(`view ${view.callback_id} has no input blocks ${[...unused].join(', ')}`);
  return state;
}
