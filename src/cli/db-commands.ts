import { diffMigration } from '../db/migrate.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { createLogger } from '../log.ts';
import type { CliCommand } from './commands.ts';
import { cliLogger, configOrThrow, withMigratedDatabase } from './context.ts';
import { cliText } from './locale.ts';

export const dbMigrateCommand: CliCommand = {
  name: 'db migrate',
  summary: { key: 'cli.summary.db_migrate' },
  async run(_args, io) {
    const { config, text } = configOrThrow(io);
    const logger = cliLogger(config);
    const applied = await withMigratedDatabase(config, logger, async (_db, names) => names);
    io.out(
      applied.length === 0
        ? text.t('cli.db.up_to_date')
        : text.t('cli.db.applied', { names: applied.join(', ') }),
    );
    return 0;
  },
};

// For developers: needs no database (the engine replays the migrations into an in-memory PGlite), and so
// no configuration either: its language comes from MAILOPS_DEFAULT_LOCALE alone (locale.ts).
export const dbDiffCommand: CliCommand = {
  name: 'db diff',
  args: { key: 'cli.args.db_diff' },
  takesWords: true,
  summary: { key: 'cli.summary.db_diff' },
  async run(args, io) {
    const { t } = cliText(io.env);
    const name = args.positionals.join(' ').trim();
    if (!name) throw new MailopsError(ERROR_CODES.CLI_USAGE, t('cli.db.diff_needs_name'));
    const outcome = await diffMigration({ name, logger: createLogger({ level: 'warn' }) });
    io.out(
      outcome.status === 'created'
        ? t('cli.db.diff_written', { path: outcome.path })
        : t('cli.db.diff_unchanged'),
    );
    return 0;
  },
};
