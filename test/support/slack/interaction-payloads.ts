import type { BlockAction, ButtonAction, ViewClosedAction, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import type { StoredMessage, StoredView } from './fake-web-api-state.ts';
import { type SlackUserRef, slackTs, team, UNSET_RESPONSE_URL, userOf } from './payload-parts.ts';
import { mintTriggerId } from './trigger-id.ts';
import { type ViewValues, viewState } from './view-state.ts';
import { WORKSPACE } from './workspace.ts';

// Interactivity payloads (https://docs.slack.dev/reference/interaction-payloads), built from what the bot
// really sent: the modal it opened, the message it posted (both read back from the fake Web API). A click
// carries the clicked button's own value, so clicking a button the message does not have is refused.

type Json = Record<string, unknown>;

function asModal(view: StoredView): ViewOutput {
  if (view.type !== 'modal' || !view.title) throw new Error(`view ${view.id} is not a modal`);
  return { ...view, title: view.title };
}

export function viewSubmission(input: {
  view: StoredView;
  user: SlackUserRef;
  values?: ViewValues;
  triggerId?: string;
}): ViewSubmitAction {
  const view = asModal(input.view);
  return {
    type: 'view_submission',
    team: team(),
    user: userOf(input.user),
    api_app_id: WORKSPACE.appId,
    token: WORKSPACE.verificationToken,
    trigger_id: input.triggerId ?? mintTriggerId(),
    view: { ...view, state: { values: viewState(input.view, input.values) } },
    response_urls: [],
    is_enterprise_install: false,
  };
}

// Sent only for modals opened with notify_on_close (https://docs.slack.dev/surfaces/modals#modal_cancellations).
export function viewClosed(input: {
  view: StoredView;
  user: SlackUserRef;
  isCleared?: boolean;
}): ViewClosedAction {
  if (!input.view.notify_on_close)
    throw new Error(`view ${input.view.id} was opened without notify_on_close`);
  return {
    type: 'view_closed',
    team: team(),
    user: userOf(input.user),
    api_app_id: WORKSPACE.appId,
    token: WORKSPACE.verificationToken,
    view: asModal(input.view),
    is_cleared: input.isCleared ?? false,
    is_enterprise_install: false,
  };
}

function findButton(blocks: unknown[] | undefined, actionId: string) {
  for (const block of (blocks ?? []) as Json[]) {
    const elements = [
      ...((block.elements as Json[] | undefined) ?? []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    const button = elements.find((e) => e.type === 'button' && e.action_id === actionId);
    if (button) return { block_id: String(block.block_id), button };
  }
  throw new Error(`no button with action_id "${actionId}" in these blocks`);
}

// A button click in a message (container type 'message') or in a modal or Home tab (container type 'view').
export function blockActions(input: {
  user: SlackUserRef;
  actionId: string;
  from: { message: StoredMessage; channelName?: string } | { view: StoredView };
  triggerId?: string;
  responseUrl?: string;
}): BlockAction<ButtonAction> {
  const source = 'message' in input.from ? input.from.message : input.from.view;
  const { block_id, button } = findButton(source.blocks as unknown[] | undefined, input.actionId);
  const action: ButtonAction = {
    type: 'button',
    action_id: input.actionId,
    block_id,
    text: button.text as ButtonAction['text'],
    action_ts: slackTs(),
    ...(typeof button.value === 'string' ? { value: button.value } : {}),
  };
  const common = {
    type: 'block_actions' as const,
    team: team(),
    user: userOf(input.user),
    api_app_id: WORKSPACE.appId,
    token: WORKSPACE.verificationToken,
    trigger_id: input.triggerId ?? mintTriggerId(),
    is_enterprise_install: false,
    actions: [action],
  };
  if ('view' in input.from) {
    const view = input.from.view;
    return {
      ...common,
      container: { type: 'view', view_id: view.id },
      // A Home view may have no title; Bolt's type insists on one, Slack's payload does not.
      view: view as ViewOutput,
      state: { values: {} },
      response_url: input.responseUrl ?? UNSET_RESPONSE_URL,
    };
  }
  const { message, channelName } = input.from;
  return {
    ...common,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: {
      id: message.channel,
      name: channelName ?? (message.channel.startsWith('D') ? 'directmessage' : 'mailops'),
    },
    message: {
      type: 'message',
      user: WORKSPACE.botUserId,
      bot_id: WORKSPACE.botId,
      app_id: WORKSPACE.appId,
      team: WORKSPACE.teamId,
      ts: message.ts,
      text: message.text ?? '',
      ...(message.blocks ? { blocks: message.blocks } : {}),
    },
    state: { values: {} },
    response_url: input.responseUrl ?? UNSET_RESPONSE_URL,
  };
}
