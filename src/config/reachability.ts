import type { Audience } from '../../flows/types.ts';
import { Directory } from '../directory/directory.ts';
import { directoryFromConfig } from '../directory/from-config.ts';
import type { Config } from './types.ts';

// Whether the people the SOP notifies can be reached on each platform mailops runs on, asked of the directory
// as the outbox asks it (src/directory/directory.ts): a role reaches its channel, else each holder of the role
// with an id on that platform; announcements reach their channel only. A gap is a warning, not a problem: an
// agency may be rolling a platform out, and the cards it cannot deliver are logged "nobody to notify".

interface Need {
  readonly to: Audience;
  readonly what: string;
  readonly channel: string;
  /** The role whose holders are notified directly when there is no channel. */
  readonly holders?: string;
}

const NEEDS: readonly Need[] = [
  {
    to: { role: 'approver' },
    what: 'approval cards (SOP 4.1 step 4)',
    channel: 'approvals',
    holders: 'approver',
  },
  { to: { role: 'soc' }, what: 'SOC cards (SOP 4.1 step 7, 4.2 step 3)', channel: 'soc', holders: 'soc' },
  { to: { role: 'vendor' }, what: 'vendor escalations', channel: 'vendor', holders: 'vendor' },
  {
    to: { role: 'service_desk' },
    what: 'service desk cards and SLA escalations',
    channel: 'service_desk',
    holders: 'service_desk',
  },
  { to: { channel: 'announcements' }, what: 'announcements of closed tickets', channel: 'announcements' },
];

const NAMES: Readonly<Record<string, string>> = { slack: 'Slack', teams: 'Teams' };

/** The platforms `mailops serve` runs with this configuration, and the directory its outbox resolves with. */
function platforms(config: Config): { name: string; label: string; directory: Directory }[] {
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
  return [{ name: 'local', label: 'the local playground', directory }];
}

export function reachabilityWarnings(config: Config): string[] {
  const warnings: string[] = [];
  const running = platforms(config);
  for (const { name, label, directory } of running) {
    const id = name === 'local' ? 'an id' : `a ${label} id (people[].${name})`;
    for (const need of NEEDS) {
      if (directory.resolve(name, need.to).length > 0) continue;
      const why = need.holders
        ? `no ${need.channel} channel, and nobody with the ${need.holders} role has ${id}`
        : `no ${need.channel} channel (they go to a channel only)`;
      warnings.push(`channels.${name}.${need.channel}: ${need.what} reach nobody on ${label}: ${why}`);
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
function noManagerWarning(running: readonly { name: string; label: string }[]): string {
  const labels = running.map((p) => p.label).join(' or ');
  const keys = running.map((p) => `people[].${p.name}`).join(', ');
  return `people: no manager has a ${labels} id (${keys}), so no change request can be endorsed (endorsement.required)`;
}
