import { expect } from 'vitest';
import type { Block, HomeView, ModalView, SlackMessage } from '../../cards/slack/block-kit.ts';
import { blockKitProblems } from '../../cards/slack/problems.ts';
import type { FakeSlackApi } from '../support/slack/fake-web-api.ts';
import type { SlackWorld } from '../support/slack-world.ts';

// Reading what the bot showed people: the words of a message or view, its buttons, and a check that every
// message, modal and Home tab it sent passes our Block Kit limits and the fake Slack's own checks.

type Json = Record<string, unknown>;

/** Every text in a block list, depth first, joined by newlines: what a reader sees, roughly. */
export function wordsOf(blocks: readonly unknown[] | undefined): string {
  const out: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Json;
    if (typeof record.text === 'string') out.push(record.text);
    for (const [key, value] of Object.entries(record))
      if (key !== 'text' || typeof value !== 'string') visit(value);
  };
  visit(blocks ?? []);
  return out.join('\n');
}

/** The action ids of the buttons a message or view carries. */
export function buttonsOf(blocks: readonly unknown[] | undefined): string[] {
  const ids: string[] = [];
  for (const block of (blocks ?? []) as Json[]) {
    const elements = [
      ...((block.elements as Json[] | undefined) ?? []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    for (const e of elements) if (e.type === 'button') ids.push(String(e.action_id));
  }
  return ids;
}

/** The initial value a modal shows in the input block `blockId`. */
export function initialOf(view: { blocks: readonly unknown[] }, blockId: string): unknown {
  const block = (view.blocks as Json[]).find((b) => b.block_id === blockId);
  const element = (block?.element ?? {}) as Json;
  return element.initial_value ?? element.initial_user ?? element.initial_option ?? element.initial_date_time;
}

const SURFACE_METHODS = [
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'views.open',
  'views.update',
  'views.publish',
];

/**
 * Holds everything the bot sent Slack to zero problems: our own limits (cards/slack/problems.ts) and the
 * fake's server-side checks (an ok answer), leaving out calls the test itself spoiled (429, 500).
 * Returns how many surfaces were checked.
 */
export function expectEverySurfaceValid(api: FakeSlackApi): number {
  const problems: string[] = [];
  let checked = 0;
  for (const call of api.calls) {
    if (!SURFACE_METHODS.includes(call.method) || call.injected) continue;
    checked += 1;
    if (!call.answer?.ok) problems.push(`${call.method}: Slack answered ${JSON.stringify(call.answer)}`);
    const found = call.method.startsWith('views.')
      ? blockKitProblems(call.args.view as ModalView | HomeView)
      : call.args.blocks === undefined
        ? typeof call.args.text === 'string' && call.args.text.trim() !== ''
          ? []
          : ['a message without text']
        : blockKitProblems({
            text: String(call.args.text ?? ''),
            blocks: call.args.blocks as Block[],
          } satisfies SlackMessage);
    problems.push(...found.map((p) => `${call.method}: ${p}`));
  }
  expect(problems).toEqual([]);
  return checked;
}

/** The end of a whole SOP walk: every surface valid (a walk sends more than 50), no warning, nothing left unanswered. */
export function expectCleanWalk(world: SlackWorld): void {
  expect(expectEverySurfaceValid(world.api)).toBeGreaterThan(50);
  expect(world.logged('warn')).toEqual([]);
  world.api.expectNoUnansweredRequests();
}
