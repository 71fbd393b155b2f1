import type { SlashCommand } from '@slack/bolt';
import { type SlackUserRef, UNSET_RESPONSE_URL } from './payload-parts.ts';
import { mintTriggerId } from './trigger-id.ts';
import { WORKSPACE } from './workspace.ts';

// The form fields Slack posts for a slash command
// (https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling). Every value is a
// string on the wire, is_enterprise_install included.
export function slashCommand(input: {
  command: string;
  text?: string;
  user: SlackUserRef;
  channel?: { id: string; name: string };
  triggerId?: string;
  responseUrl?: string;
}): SlashCommand {
  const channel = input.channel ?? { id: `D${input.user.id.slice(1)}`, name: 'directmessage' };
  return {
    token: WORKSPACE.verificationToken,
    team_id: WORKSPACE.teamId,
    team_domain: WORKSPACE.teamDomain,
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: input.user.id,
    user_name: input.user.name ?? input.user.id.toLowerCase(),
    command: input.command,
    text: input.text ?? '',
    api_app_id: WORKSPACE.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? UNSET_RESPONSE_URL,
    trigger_id: input.triggerId ?? mintTriggerId(),
  };
}
