import { ROLES } from '../../flows/types.ts';
import { type Config, describeConfigVariables, loadConfig } from '../config/index.ts';
import type { Translate } from '../i18n/index.ts';
import type { CliCommand, CliIo } from './commands.ts';
import { table } from './context.ts';
import { cliText } from './locale.ts';

// `mailops config check`: every problem at once and exit 1, or a summary of what the configuration says
// (people per role, channels per platform) so an operator can see it means what they intended.

export const configCheckCommand: CliCommand = {
  name: 'config check',
  args: { key: 'cli.args.config_check' },
  summary: { key: 'cli.summary.config_check' },
  options: { variables: { type: 'boolean' } },
  async run(args, io) {
    if (args.values.variables) return printVariables(io);
    // What serve would refuse too (chat credentials in production), so a deployment is checked before it starts.
    const result = loadConfig(io.env, { serving: true });
    if (!result.ok) {
      // The heading is ours; the problem lines are loadConfig's, in the same language (MAILOPS_DEFAULT_LOCALE),
      // with the paths (`people[0].email`, `env PORT`) an operator looks for in the file and the environment.
      const { t } = cliText(io.env);
      io.err(t('cli.config.problems', { count: result.problems.length }));
      for (const p of result.problems) io.err(`  - ${p}`);
      return 1;
    }
    const { config, warnings } = result;
    const { t } = cliText(io.env, config);
    io.out(summarize(config, t));
    // Warnings, like problems, are loadConfig's own lines, in the configuration's language.
    if (warnings.length > 0) io.err(t('cli.config.warnings', { count: warnings.length }));
    for (const w of warnings) io.err(`  - ${w}`);
    return 0;
  },
};

/** Needs no valid environment, so it speaks MAILOPS_DEFAULT_LOCALE's language (locale.ts). */
function printVariables(io: CliIo): number {
  const { t } = cliText(io.env);
  // The meanings stay in English as describeConfigVariables gives them (they also fill the README table).
  const rows = describeConfigVariables().map((v) => [
    v.name,
    v.default ?? '-',
    v.secret ? t('cli.variables.secret', { meaning: v.meaning }) : v.meaning,
  ]);
  const headers = [t('cli.variables.name'), t('cli.variables.default'), t('cli.variables.meaning')];
  io.out(table(headers, rows));
  return 0;
}

function summarize(config: Config, t: Translate): string {
  const { path, demo } = config.source;
  const lines = [
    demo ? t('cli.config.ok_demo', { path }) : t('cli.config.ok', { path }),
    config.database.kind === 'postgres'
      ? t('cli.config.database_postgres')
      : t('cli.config.database_pglite', { dir: config.dataDir }),
    config.endorsement.required ? t('cli.config.endorsement_required') : t('cli.config.endorsement_off'),
  ];
  const roleRows = ROLES.map((role) => [
    t(`role.${role}`),
    config.people
      .filter((p) => p.roles.includes(role))
      .map((p) => p.id)
      .join(', ') || t('cli.config.nobody'),
  ]);
  lines.push('', table([t('cli.config.role'), t('cli.config.people')], roleRows));
  const channelRows = Object.entries(config.channels).flatMap(([platform, map]) =>
    Object.entries(map ?? {}).map(([purpose, channel]) => [platform, purpose, String(channel)]),
  );
  if (channelRows.length > 0) {
    const headers = [t('cli.config.platform'), t('cli.config.purpose'), t('cli.config.channel')];
    lines.push('', table(headers, channelRows));
  }
  return lines.join('\n');
}
