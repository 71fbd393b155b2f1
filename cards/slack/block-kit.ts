// The Block Kit shapes the renderers emit, written out here because cards/ imports no platform package
// (biome.json, noRestrictedImports). They are a structural subset of @slack/types, kept mutable so the
// adapter can hand them to the Web API client as they are; test/cards/slack checks they still fit.
// Reference: https://api.slack.com/reference/block-kit

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}
export type TextObject = PlainText | Mrkdwn;

export interface SelectOption {
  text: PlainText;
  value: string;
}

export interface Button {
  type: 'button';
  action_id: string;
  text: PlainText;
  value?: string;
  style?: 'primary' | 'danger';
}

export interface PlainTextInput {
  type: 'plain_text_input';
  action_id: string;
  multiline?: boolean;
  max_length?: number;
  initial_value?: string;
  placeholder?: PlainText;
}
export interface EmailInput {
  type: 'email_text_input';
  action_id: string;
  initial_value?: string;
  placeholder?: PlainText;
}
export interface OptionGroup {
  label: PlainText;
  options: SelectOption[];
}
/** Exactly one of `options` and `option_groups`. */
export interface StaticSelect {
  type: 'static_select';
  action_id: string;
  options?: SelectOption[];
  option_groups?: OptionGroup[];
  initial_option?: SelectOption;
  placeholder?: PlainText;
}
export interface DatetimePicker {
  type: 'datetimepicker';
  action_id: string;
  /** Unix time in seconds. */
  initial_date_time?: number;
}
export interface DatePicker {
  type: 'datepicker';
  action_id: string;
  /** YYYY-MM-DD. */
  initial_date?: string;
  placeholder?: PlainText;
}
export type InputElement = PlainTextInput | EmailInput | StaticSelect | DatetimePicker | DatePicker;

export interface HeaderBlock {
  type: 'header';
  block_id?: string;
  text: PlainText;
}
export interface SectionBlock {
  type: 'section';
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: Button;
}
export interface ContextBlock {
  type: 'context';
  block_id?: string;
  elements: TextObject[];
}
export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: Button[];
}
export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}
export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  hint?: PlainText;
  optional?: boolean;
  element: InputElement;
}
export type Block = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock | InputBlock;

/** chat.postMessage / chat.update: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface ModalView {
  type: 'modal';
  /** Absent on a notice, which has nothing to submit. */
  callback_id?: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  private_metadata?: string;
  blocks: Block[];
}

export interface HomeView {
  type: 'home';
  blocks: Block[];
}
