import type { Config } from '../config/index.ts';
import { Directory } from './directory.ts';

// The directory as configured: each person's Slack and Teams ids. The local playground gives everyone a
// Teams id of its own workspace before this runs (src/platform/playground/workspace.ts).

/**
 * `platforms`: the chat platforms mailops runs on. A person's id on any other is left out: nothing reaches
 * them there, so they must not be offered as reachable (the endorsing manager a request names would never
 * get the card, and the request would wait before SOP 4.1.1 step 3 for good).
 */
export function directoryFromConfig(config: Config, platforms?: readonly string[]): Directory {
  const on = (platform: string) => platforms === undefined || platforms.includes(platform);
  const people = config.people.map((p) => ({
    id: p.id,
    name: p.name,
    locale: p.locale,
    roles: p.roles,
    email: p.email,
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.designation ? { designation: p.designation } : {}),
    ...(p.unit ? { unit: p.unit } : {}),
    identities: {
      ...(p.slack && on('slack') ? { slack: p.slack } : {}),
      ...(p.teams && on('teams') ? { teams: p.teams } : {}),
    },
  }));
  return new Directory(people, config.channels, config.runtime.defaultLocale, config.channelLocales);
}
