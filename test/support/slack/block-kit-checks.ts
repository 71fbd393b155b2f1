// The structural rules and limits Slack enforces on Block Kit server-side, which @slack/types cannot check
// at compile time (https://docs.slack.dev/reference/block-kit/blocks,
// https://docs.slack.dev/reference/block-kit/block-elements, https://docs.slack.dev/surfaces/modals).
// Each problem is phrased as Slack phrases it in `response_metadata.messages`:
// "[ERROR] <what> [json-pointer:/blocks/0/text/text]". Not every rule: the ones a card renderer can break.

type Json = Record<string, unknown>;
export type Surface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };
const BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function problem(message: string, pointer: string) {
  return `[ERROR] ${message} [json-pointer:${pointer}]`;
}

function checkText(value: unknown, pointer: string, max: number, plainOnly: boolean, out: string[]) {
  if (!isObject(value)) return void out.push(problem('must be a text object', pointer));
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(String(value.type))) {
    out.push(problem(`must be one of ${allowed.join(', ')}`, `${pointer}/type`));
  }
  if (typeof value.text !== 'string' || value.text.length === 0) {
    out.push(problem('must be more than 0 characters', `${pointer}/text`));
  } else if (value.text.length > max) {
    out.push(problem(`must be less than ${max + 1} characters`, `${pointer}/text`));
  }
}

function checkLength(value: unknown, pointer: string, max: number, out: string[]) {
  if (typeof value === 'string' && value.length > max) {
    out.push(problem(`must be less than ${max + 1} characters`, pointer));
  }
}

function checkElement(element: unknown, pointer: string, actionIds: Set<string>, out: string[]) {
  if (!isObject(element) || typeof element.type !== 'string') {
    return void out.push(problem('must provide an element type', pointer));
  }
  if (typeof element.action_id === 'string') {
    checkLength(element.action_id, `${pointer}/action_id`, 255, out);
    if (actionIds.has(element.action_id)) out.push(problem('duplicate action_id', `${pointer}/action_id`));
    actionIds.add(element.action_id);
  }
  if (element.type === 'button') {
    checkText(element.text, `${pointer}/text`, 75, true, out);
    checkLength(element.value, `${pointer}/value`, 2000, out);
    checkLength(element.url, `${pointer}/url`, 3000, out);
  }
  if (element.placeholder !== undefined)
    checkText(element.placeholder, `${pointer}/placeholder`, 150, true, out);
  if (Array.isArray(element.options)) {
    if (element.options.length > 100)
      out.push(problem('must provide no more than 100 items', `${pointer}/options`));
    element.options.forEach((option, i) => {
      const at = `${pointer}/options/${i}`;
      checkText(isObject(option) ? option.text : undefined, `${at}/text`, 75, false, out);
      checkLength(isObject(option) ? option.value : undefined, `${at}/value`, 150, out);
    });
  }
}

function checkBlock(block: unknown, pointer: string, ids: Set<string>, out: string[]) {
  if (!isObject(block) || typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type)) {
    return void out.push(problem('unsupported block type', `${pointer}/type`));
  }
  if (typeof block.block_id === 'string') {
    checkLength(block.block_id, `${pointer}/block_id`, 255, out);
    if (ids.has(block.block_id)) out.push(problem('duplicate block_id', `${pointer}/block_id`));
    ids.add(block.block_id);
  }
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        out.push(problem('must provide text or fields', pointer));
      }
      if (block.text !== undefined) checkText(block.text, `${pointer}/text`, 3000, false, out);
      if (Array.isArray(block.fields)) {
        if (block.fields.length > 10)
          out.push(problem('must provide no more than 10 items', `${pointer}/fields`));
        block.fields.forEach((f, i) => {
          checkText(f, `${pointer}/fields/${i}`, 2000, false, out);
        });
      }
      if (block.accessory !== undefined)
        checkElement(block.accessory, `${pointer}/accessory`, actionIds, out);
      break;
    }
    case 'header':
      checkText(block.text, `${pointer}/text`, 150, true, out);
      break;
    case 'actions':
    case 'context': {
      const max = block.type === 'actions' ? 25 : 10;
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > max) {
        out.push(problem(`must provide between 1 and ${max} items`, `${pointer}/elements`));
      }
      if (block.type === 'actions') {
        elements.forEach((e, i) => {
          checkElement(e, `${pointer}/elements/${i}`, actionIds, out);
        });
      }
      break;
    }
    case 'input':
      checkText(block.label, `${pointer}/label`, 2000, true, out);
      if (block.hint !== undefined) checkText(block.hint, `${pointer}/hint`, 2000, true, out);
      checkElement(block.element, `${pointer}/element`, actionIds, out);
      break;
  }
}

export function checkBlocks(blocks: unknown, surface: Surface, pointer = '/blocks'): string[] {
  if (!Array.isArray(blocks)) return [problem('must be an array', pointer)];
  const out: string[] = [];
  if (blocks.length > MAX_BLOCKS[surface]) {
    out.push(problem(`must provide no more than ${MAX_BLOCKS[surface]} items`, pointer));
  }
  const ids = new Set<string>();
  blocks.forEach((block, i) => {
    checkBlock(block, `${pointer}/${i}`, ids, out);
  });
  return out;
}

// A view's own fields (https://docs.slack.dev/reference/views): `type` decides which method may carry it.
export function checkView(view: unknown, allowed: readonly Surface[]): string[] {
  if (!isObject(view)) return [problem('must be a JSON object', '/view')];
  if (!allowed.includes(view.type as Surface)) {
    return [problem(`must be one of ${allowed.join(', ')}`, '/view/type')];
  }
  const out: string[] = [];
  if (view.type === 'modal' || view.title !== undefined) checkText(view.title, '/view/title', 24, true, out);
  for (const key of ['submit', 'close'] as const) {
    if (view[key] !== undefined) checkText(view[key], `/view/${key}`, 24, true, out);
  }
  checkLength(view.private_metadata, '/view/private_metadata', 3000, out);
  checkLength(view.callback_id, '/view/callback_id', 255, out);
  checkLength(view.external_id, '/view/external_id', 255, out);
  const blocks = view.blocks;
  out.push(...checkBlocks(blocks, view.type as Surface, '/view/blocks'));
  const hasInput = Array.isArray(blocks) && blocks.some((b) => isObject(b) && b.type === 'input');
  if (view.type === 'modal' && hasInput && view.submit === undefined) {
    out.push(problem('must provide submit when the view has input blocks', '/view/submit'));
  }
  return out;
}
