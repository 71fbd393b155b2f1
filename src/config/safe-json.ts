import { redactUrl } from '../errors.ts';
import type { Secret } from './secret.ts';
import type { Config } from './types.ts';

// What `mailops config check` and the start-up log print. Secrets become "set"; the database URL keeps
// its host and database name (useful to check) without its password.

const shown = (secret: Secret | null) => (secret ? 'set' : 'not set');

export function toSafeJSON(config: Config): Record<string, unknown> {
  const { slack, teams } = config.platforms;
  return {
    ...config,
    database:
      config.database.kind === 'postgres'
        ? { kind: 'postgres', url: redactUrl(config.database.url.reveal()) }
        : { kind: 'pglite', dataDir: config.dataDir },
    platforms: {
      slack: slack
        ? { botToken: 'set', signingSecret: shown(slack.signingSecret), appToken: shown(slack.appToken) }
        : 'not configured',
      teams: teams ? { clientId: 'set', clientSecret: 'set', tenantId: 'set' } : 'not configured',
    },
  };
}
