import type { Audience } from '../../flows/types.ts';
import { Directory } from '../directory/directory.ts';
import { directoryFromConfig } from '../directory/from-config.ts';
import { type ConfigText, say } from './messages.ts';
import type { Config } from './types.ts';

// Whether the people the SOP notifies can be reached on each platform mailops runs on, asked of the directory
// as the outbox asks it (src/directory/directory.ts): a role reaches its channel, else each holder of the role
// with an id on that platform; announcements reach their channel only. A gap is a warning, not a problem: an
// agency may be rolling a platform out, and the cards it cannot deliver are logged "nobody to notify".

interface Need {
  readonly to: Audience;
  readonly what: ConfigText;
  readonly channel: string;
  /** The role whose holders are notified directly when there is no channel. */
  readonly holders?: string;
}

const NEEDS: readonly Need[] = [
  {
    to: { role: 'approver' },
    what: say('config.reach.approvals'),
    channel: 'approvals',
    holders: 'approver',
  },
  { to: { role: 'soc' }, what: say('config.reach.soc'), channel: 'soc', holders: 'soc' },
  { to: { role: 'vendor' }, what: say('config.reach.vendor'), channel: 'vendor', holders: 'vendor' },
  {
    to: { role: 'service_desk' },
    what: say('config.reach.service_desk'),
    channel: 'service_desk',
    holders: 'service_desk',
  },
  { to: { channel: 'announcements' }, what: say('config.reach.announcements'), channel: 'announcements' },
];

/** Product names read the same in both languages; the playground is named in the reader's. */
const NAMES: Readonly<Record<string, string>> = { slack: 'Slack', teams: 'Teams' };

/** The platforms `mailops serve` runs with this configuration, and the directory its outbox resolves with. */
function platforms(config: Config): { name: string; label: string | ConfigText; directory: Directory }[] {
  const configured = (['slack', 'teams'] as const).filter((p) => config.platforms[p] !== null);
  if (configured.length > 0) {
    const directory = directoryFromConfig(config);
    return configured.map((name) => ({ name, label: NAMES[name]!, directory }));
  }
  // The playground (src/platform/playground/workspace.ts) gives every person an id, and its channels are
  // `channels.local`.
  const people = directoryFromConfig(config)
    .people()
    .map((p) => ({ ...p, identities: { local: p.id } }));
  const directory = new Directory(people, { local: config.channels.local }, config.runtime.defaultLocale);
  return [{ name: 'local', label: say('config.reach.playground'), directory }];
}

export function reachabilityWarnings(config: Config): ConfigText[] {
  const warnings: ConfigText[] = [];
  const running = platforms(config);
  for (const { name, label, directory } of running) {
    const id =
      name === 'local'
        ? say('config.reach.any_id')
        : say('config.reach.platform_id', { platform: label, key: `people[].${name}` });
    for (const need of NEEDS) {
      if (directory.resolve(name, need.to).length > 0) continue;
      const { channel, holders: role } = need;
      const why = role
        ? say('config.reach.no_holder', { channel, role, id })
        : say('config.reach.channel_only', { channel });
      const at = `channels.${name}.${channel}`;
      warnings.push(say('config.reach.nobody', { at, what: need.what, platform: label, why }));
    }
  }
  if (config.endorsement.required && !running.some(reachesAManager)) warnings.push(noManagerWarning(running));
  return warnings;
}

// The endorsement card goes to the named manager on every platform mailops runs on (src/tickets/outbox-writer.ts),
// whichever one the request was made on, and the form offers any manager with a Slack or Teams id
// (src/platform/endorsing-managers.ts): a request made on Teams is endorsed by a Slack-only manager in Slack.
// So endorsement fails only when no running platform reaches any manager.
function reachesAManager({ name, directory }: { name: string; directory: Directory }): boolean {
  return directory.withRole('manager').some((p) => p.identities[name]);
}

/** Names chat platforms only: the playground gives everyone an id, and a file without a manager is a problem. */
function noManagerWarning(running: readonly { name: string; label: string | ConfigText }[]): ConfigText {
  const labels = running.map((p) => p.label);
  const either = labels.reduce((first, second) => say('config.reach.either', { first, second }));
  const keys = running.map((p) => `people[].${p.name}`).join(', ');
  return say('config.reach.no_manager', { platforms: either, keys });
}
