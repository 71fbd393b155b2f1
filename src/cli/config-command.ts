import { ROLES } from '../../flows/types.ts';
import { describeConfigVariables, loadConfig } from '../config/index.ts';
import type { CliCommand } from './commands.ts';
import { table } from './context.ts';

// `mailops config check`: every problem at once and exit 1, or a summary of what the configuration says
// (people per role, channels per platform) so an operator can see it means what they intended.

export const configCheckCommand: CliCommand = {
  name: 'config check',
  usage: 'config check [--variables]',
  summary: 'validate the environment and the config file; list every problem',
  options: { variables: { type: 'boolean' } },
  async run(args, io) {
    if (args.values.variables) {
      const rows = describeConfigVariables().map((v) => [
        v.name,
        v.default ?? '-',
        v.secret ? `${v.meaning} (secret)` : v.meaning,
      ]);
      io.out(table(['Variable', 'Default', 'Meaning'], rows));
      return 0;
    }
    const result = loadConfig(io.env);
    if (!result.ok) {
      io.err(`The configuration is invalid: ${result.problems.length} problem(s).`);
      for (const p of result.problems) io.err(`  - ${p}`);
      return 1;
    }
    const { config, warnings } = result;
    io.out(
      `Configuration OK: ${config.source.path}${config.source.demo ? ' (bundled demo — set MAILOPS_CONFIG for real use)' : ''}`,
    );
    io.out(
      `Database: ${config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    );
    io.out(`Manager endorsement: ${config.endorsement.required ? 'required' : 'off'}`);
    const roleRows = ROLES.map((role) => [
      role,
      config.people
        .filter((p) => p.roles.includes(role))
        .map((p) => p.id)
        .join(', ') || '(nobody)',
    ]);
    io.out(`\n${table(['Role', 'People'], roleRows)}`);
    const channelRows = Object.entries(config.channels).flatMap(([platform, map]) =>
      Object.entries(map ?? {}).map(([purpose, channel]) => [platform, purpose, String(channel)]),
    );
    if (channelRows.length > 0) io.out(`\n${table(['Platform', 'Purpose', 'Channel'], channelRows)}`);
    for (const w of warnings) io.err(`warning: ${w}`);
    return 0;
  },
};
