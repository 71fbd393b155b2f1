import type { ViewOutput } from '@slack/bolt';
import { checkView, type Surface } from './block-kit-checks.ts';
import {
  type ApiAnswer,
  type Args,
  type FakeWorkspaceState,
  fail,
  missing,
  type StoredView,
  USER_ID,
} from './fake-web-api-state.ts';
import { triggerMintedAt } from './trigger-id.ts';
import { WORKSPACE } from './workspace.ts';

// views.open, views.push, views.update and views.publish (https://docs.slack.dev/reference/methods/views.open
// and siblings). A trigger is spent by its first successful use and is void 3 s after it was minted:
// invalid_trigger_id, exchanged_trigger_id, expired_trigger_id are Slack's own codes. A stale `hash`
// gives hash_conflict, which is how Slack refuses an update built from an outdated view.

function spendTrigger(args: Args, state: FakeWorkspaceState): ApiAnswer | undefined {
  const trigger = args.trigger_id ?? args.interactivity_pointer;
  if (typeof trigger !== 'string') return missing('trigger_id');
  const mintedAt = triggerMintedAt(trigger);
  if (mintedAt === undefined) return fail('invalid_trigger_id');
  if (state.spentTriggers.has(trigger)) return fail('exchanged_trigger_id');
  if (state.now() - mintedAt > state.triggerTtlMs) return fail('expired_trigger_id');
  return undefined;
}

function viewProblem(args: Args, allowed: readonly Surface[]): ApiAnswer | undefined {
  if (args.view === undefined) return missing('view');
  const problems = checkView(args.view, allowed);
  return problems.length > 0 ? fail('invalid_arguments', problems) : undefined;
}

function storeView(view: Args, state: FakeWorkspaceState, previous?: StoredView): StoredView {
  const id = previous?.id ?? state.nextId('V');
  const stored: StoredView = {
    id,
    team_id: WORKSPACE.teamId,
    app_id: WORKSPACE.appId,
    app_installed_team_id: WORKSPACE.teamId,
    bot_id: WORKSPACE.botId,
    type: String(view.type),
    title: view.title as ViewOutput['title'] | undefined,
    submit: (view.submit as ViewOutput['submit']) ?? null,
    close: (view.close as ViewOutput['close']) ?? null,
    blocks: view.blocks as ViewOutput['blocks'],
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
    external_id: typeof view.external_id === 'string' ? view.external_id : (previous?.external_id ?? ''),
    state: { values: {} },
    hash: state.nextHash(),
    clear_on_close: view.clear_on_close === true,
    notify_on_close: view.notify_on_close === true,
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: previous?.previous_view_id ?? null,
  };
  state.views.set(id, stored);
  return stored;
}

function open(args: Args, state: FakeWorkspaceState, previousViewId: string | null): ApiAnswer {
  const problem = spendTrigger(args, state) ?? viewProblem(args, ['modal']);
  if (problem) return problem;
  state.spentTriggers.add(String(args.trigger_id ?? args.interactivity_pointer));
  const view = storeView(args.view as Args, state);
  view.previous_view_id = previousViewId;
  return { ok: true, view };
}

export const openView = (args: Args, state: FakeWorkspaceState) => open(args, state, null);

// A pushed view sits on top of the modal the trigger came from; Slack allows three pushes. The fake does
// not know which modal that is, so it records the push without a previous view.
export const pushView = (args: Args, state: FakeWorkspaceState) => open(args, state, null);

function findView(args: Args, state: FakeWorkspaceState): StoredView | undefined {
  if (typeof args.view_id === 'string') return state.views.get(args.view_id);
  return [...state.views.values()].find((v) => v.external_id !== '' && v.external_id === args.external_id);
}

export function updateView(args: Args, state: FakeWorkspaceState): ApiAnswer {
  if (args.view_id === undefined && args.external_id === undefined) return missing('view_id');
  const previous = findView(args, state);
  if (!previous) return fail('not_found');
  if (typeof args.hash === 'string' && args.hash !== previous.hash) return fail('hash_conflict');
  const problem = viewProblem(args, [previous.type as Surface]);
  if (problem) return problem;
  return { ok: true, view: storeView(args.view as Args, state, previous) };
}

export function publishView(args: Args, state: FakeWorkspaceState): ApiAnswer {
  if (typeof args.user_id !== 'string') return missing('user_id');
  if (!USER_ID.test(args.user_id)) return fail('user_not_found');
  const problem = viewProblem(args, ['home']);
  if (problem) return problem;
  const previous = state.views.get(state.homes.get(args.user_id) ?? '');
  if (previous && typeof args.hash === 'string' && args.hash !== previous.hash) return fail('hash_conflict');
  const view = storeView(args.view as Args, state, previous);
  state.homes.set(args.user_id, view.id);
  return { ok: true, view };
}
