import type { Block, HomeView, ModalView, SlackMessage } from './block-kit.ts';
import { checkBlock, checkText, textsOf } from './element-problems.ts';
import { SLACK_LIMITS as L } from './limits.ts';

// A checker for what we send to Slack, which publishes no schema and answers a violation with a bare
// `invalid_blocks` (api.slack.com/reference/block-kit). The renderer tests hold every card, modal and Home
// tab to zero problems, and the adapter tests can run captured payloads through it too.

type Subject = SlackMessage | ModalView | HomeView | readonly Block[];

function checkView(view: ModalView | HomeView, report: (p: string) => void): void {
  if (view.type === 'home') return;
  checkText(view.title, L.modalText, 'title', report, true);
  checkText(view.submit, L.modalText, 'submit', report, true);
  checkText(view.close, L.modalText, 'close', report, true);
  if ((view.callback_id?.length ?? 0) > L.id) report(`callback_id is over ${L.id} characters`);
  const metadata = view.private_metadata?.length ?? 0;
  if (metadata > L.privateMetadata)
    report(`private_metadata is ${metadata} characters, over ${L.privateMetadata}`);
  if (view.submit === undefined && view.blocks.some((b) => b.type === 'input'))
    report('a modal with input blocks needs a submit button');
}

function checkMessage(message: SlackMessage, report: (p: string) => void): void {
  if (message.text.trim() === '') report('text (the notification fallback) is empty');
  if (message.text.length > L.messageText)
    report(`text is ${message.text.length} characters, over ${L.messageText}`);
  const total = message.blocks.flatMap(textsOf).reduce((sum, t) => sum + t.text.length, 0);
  if (total > L.messageBlocksText)
    report(`block texts add up to ${total} characters, over the ${L.messageBlocksText} budget`);
}

/** Every Block Kit limit the subject breaks, one readable line each; empty when Slack should accept it. */
export function blockKitProblems(subject: Subject): string[] {
  const problems: string[] = [];
  const report = (p: string) => problems.push(p);
  const isBlocks = Array.isArray(subject);
  const blocks: readonly Block[] = isBlocks
    ? (subject as readonly Block[])
    : (subject as SlackMessage).blocks;
  const view = !isBlocks && 'type' in subject ? (subject as ModalView | HomeView) : null;
  const surface = view?.type ?? 'message';
  const max = view === null ? L.messageBlocks : L.viewBlocks;
  if (blocks.length > max) report(`${blocks.length} blocks; a ${surface} holds at most ${max}`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `blocks[${i}] ${block.type}`;
    if (block.block_id !== undefined) {
      if (blockIds.has(block.block_id)) report(`${at}: block_id "${block.block_id}" is used twice`);
      blockIds.add(block.block_id);
    }
    checkBlock(block, at, report);
  });
  if (view !== null) checkView(view, report);
  else if (!isBlocks) checkMessage(subject as SlackMessage, report);
  return problems;
}
