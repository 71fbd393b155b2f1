import type { Block, Button, InputElement, SelectOption, StaticSelect, TextObject } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';

// Limits of single blocks and elements (https://api.slack.com/reference/block-kit/blocks and
// /block-elements). Each check appends a readable line naming where the problem is.

type Report = (problem: string) => void;

export function checkText(
  text: TextObject | undefined,
  max: number,
  at: string,
  report: Report,
  plainOnly = false,
): void {
  if (text === undefined) return;
  if (plainOnly && text.type !== 'plain_text') report(`${at}: must be plain_text`);
  if (text.text.length === 0) report(`${at}: text is empty`);
  if (text.text.length > max) report(`${at}: text is ${text.text.length} characters, over ${max}`);
}

function checkId(id: string | undefined, at: string, report: Report): void {
  if (id !== undefined && id.length > L.id) report(`${at}: id is ${id.length} characters, over ${L.id}`);
}

function checkButton(button: Button, at: string, report: Report): void {
  checkText(button.text, L.buttonText, `${at}.text`, report, true);
  checkId(button.action_id, at, report);
  if (button.value !== undefined && button.value.length > L.buttonValue)
    report(`${at}: value is ${button.value.length} characters, over ${L.buttonValue}`);
}

function checkOptions(
  options: readonly SelectOption[],
  initial: SelectOption | undefined,
  at: string,
  report: Report,
) {
  if (options.length === 0 || options.length > L.options)
    report(`${at}: ${options.length} options, allowed 1–${L.options}`);
  options.forEach((o, i) => {
    checkText(o.text, L.optionText, `${at}.options[${i}]`, report, true);
    if (o.value.length > L.optionValue) report(`${at}.options[${i}]: value over ${L.optionValue} characters`);
  });
  if (new Set(options.map((o) => o.value)).size !== options.length) report(`${at}: duplicate option values`);
  if (initial !== undefined && !options.some((o) => o.value === initial.value))
    report(`${at}: initial_option is not one of the options`);
}

/** A static_select has either options or option groups (each 1–100), never both nor neither. */
function checkStaticSelect(element: StaticSelect, at: string, report: Report) {
  const groups = element.option_groups;
  if ((element.options === undefined) === (groups === undefined))
    report(`${at}: needs exactly one of options and option_groups`);
  if (groups === undefined) {
    checkOptions(element.options ?? [], element.initial_option, at, report);
    return;
  }
  if (groups.length === 0 || groups.length > L.optionGroups)
    report(`${at}: ${groups.length} option groups, allowed 1–${L.optionGroups}`);
  groups.forEach((g, i) => {
    checkText(g.label, L.optionGroupLabel, `${at}.option_groups[${i}].label`, report, true);
    checkOptions(g.options, undefined, `${at}.option_groups[${i}]`, report);
  });
  const all = groups.flatMap((g) => g.options);
  if (new Set(all.map((o) => o.value)).size !== all.length) report(`${at}: duplicate option values`);
  const initial = element.initial_option;
  if (initial !== undefined && !all.some((o) => o.value === initial.value))
    report(`${at}: initial_option is not one of the options`);
}

function checkInputElement(element: InputElement, at: string, report: Report): void {
  checkId(element.action_id, at, report);
  if ('placeholder' in element)
    checkText(element.placeholder, L.placeholder, `${at}.placeholder`, report, true);
  switch (element.type) {
    case 'plain_text_input': {
      const max = element.max_length;
      if (max !== undefined && (max < 1 || max > L.inputMaxLength))
        report(`${at}: max_length ${max}, allowed 1–${L.inputMaxLength}`);
      const initial = element.initial_value?.length ?? 0;
      if (initial > (max ?? L.inputMaxLength)) report(`${at}: initial_value is longer than max_length`);
      break;
    }
    case 'static_select':
      checkStaticSelect(element, at, report);
      break;
    case 'datetimepicker':
      if (element.initial_date_time !== undefined && !Number.isInteger(element.initial_date_time))
        report(`${at}: initial_date_time must be whole Unix seconds`);
      break;
    case 'datepicker':
      if (element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(element.initial_date))
        report(`${at}: initial_date must be YYYY-MM-DD`);
      break;
    default:
      break;
  }
}

function checkActionIds(ids: readonly string[], at: string, report: Report): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) report(`${at}: action_id "${id}" is used twice in the block`);
    seen.add(id);
  }
}

export function checkBlock(block: Block, at: string, report: Report): void {
  checkId(block.block_id, at, report);
  switch (block.type) {
    case 'header':
      checkText(block.text, L.headerText, `${at}.text`, report, true);
      break;
    case 'section':
      if (block.text === undefined && (block.fields?.length ?? 0) === 0)
        report(`${at}: needs text or fields`);
      checkText(block.text, L.sectionText, `${at}.text`, report);
      if ((block.fields?.length ?? 0) > L.sectionFields)
        report(`${at}: ${block.fields?.length} fields, over ${L.sectionFields}`);
      block.fields?.forEach((f, i) => {
        checkText(f, L.fieldText, `${at}.fields[${i}]`, report);
      });
      if (block.accessory) checkButton(block.accessory, `${at}.accessory`, report);
      break;
    case 'context':
      if (block.elements.length === 0 || block.elements.length > L.contextElements)
        report(`${at}: ${block.elements.length} elements, allowed 1–${L.contextElements}`);
      block.elements.forEach((e, i) => {
        checkText(e, L.textObject, `${at}.elements[${i}]`, report);
      });
      break;
    case 'actions':
      if (block.elements.length === 0 || block.elements.length > L.actionsElements)
        report(`${at}: ${block.elements.length} elements, allowed 1–${L.actionsElements}`);
      block.elements.forEach((e, i) => {
        checkButton(e, `${at}.elements[${i}]`, report);
      });
      checkActionIds(
        block.elements.map((e) => e.action_id),
        at,
        report,
      );
      break;
    case 'input':
      checkText(block.label, L.inputLabel, `${at}.label`, report, true);
      checkText(block.hint, L.hint, `${at}.hint`, report, true);
      checkInputElement(block.element, `${at}.element`, report);
      break;
    default:
      break;
  }
}

/** Every text object in a block, for the message-wide budget. */
export function textsOf(block: Block): TextObject[] {
  switch (block.type) {
    case 'header':
      return [block.text];
    case 'section':
      return [
        ...(block.text ? [block.text] : []),
        ...(block.fields ?? []),
        ...(block.accessory ? [block.accessory.text] : []),
      ];
    case 'context':
      return block.elements;
    case 'actions':
      return block.elements.map((e) => e.text);
    case 'input':
      return [block.label, ...(block.hint ? [block.hint] : [])];
    default:
      return [];
  }
}
