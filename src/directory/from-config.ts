import type { Config } from '../config/index.ts';
import { Directory } from './directory.ts';

// The directory as configured: each person's Slack and Teams ids. The local playground gives everyone a
// Teams id of its own workspace before this runs (src/platform/playground/workspace.ts).

export function directoryFromConfig(config: Config): Directory {
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
      ...(p.slack ? { slack: p.slack } : {}),
      ...(p.teams ? { teams: p.teams } : {}),
    },
  }));
  return new Directory(people, config.channels, config.runtime.defaultLocale);
}
