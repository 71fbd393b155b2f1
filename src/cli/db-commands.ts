import { diffMigration } from '../db/migrate.ts';
import { cleanUp, cutoffs, type PrunedKind } from '../db/prune.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { formatMyt } from '../i18n/index.ts';
import { createLogger } from '../log.ts';
import { systemClock } from '../time.ts';
import type { CliCommand } from './commands.ts';
import { cliLogger, configOrThrow, table, withMigratedDatabase } from './context.ts';
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

// `mailops db prune [--dry-run]`: what `serve` deletes every day by `retention` (src/db/prune.ts), now, or
// only counted, so an operator can see what the policy will remove before it does.
export const dbPruneCommand: CliCommand = {
  name: 'db prune',
  args: { key: 'cli.args.db_prune' },
  summary: { key: 'cli.summary.db_prune' },
  options: { 'dry-run': { type: 'boolean' } },
  async run(args, io) {
    const { config, text } = configOrThrow(io);
    const dryRun = args.values['dry-run'] === true;
    const now = systemClock.now();
    const { deleted: counts, reclaimed } = await withMigratedDatabase(config, cliLogger(config), (db) =>
      cleanUp(db.prisma, db.kind, config.retention, now, { dryRun }),
    );
    const before = cutoffs(config.retention, now);
    const kinds = Object.keys(counts) as PrunedKind[];
    io.out(
      table(
        [
          text.t('cli.prune.kind'),
          text.t('cli.prune.before'),
          text.t(dryRun ? 'cli.prune.would' : 'cli.prune.deleted'),
        ],
        kinds.map((k) => [
          text.t(`cli.prune.kind.${k}`),
          formatMyt(before[k], text.locale),
          String(counts[k]),
        ]),
      ),
    );
    io.out(text.t(dryRun ? 'cli.prune.dry_run' : 'cli.prune.kept'));
    if (reclaimed) {
      const size = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
      const sizes = { before: size(reclaimed.bytesBefore), after: size(reclaimed.bytesAfter) };
      io.out(text.t('cli.prune.vacuumed', sizes));
    }
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
