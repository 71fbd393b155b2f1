import { type Config, type LoadConfigOptions, loadConfig } from '../config/index.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { applyMigrations } from '../db/migrate.ts';
import { type MigrationStatus, migrationStatus } from '../db/migration-status.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';
import type { CliIo } from './commands.ts';
import { type CliText, cliText } from './locale.ts';

// What most commands need first: the validated configuration (every problem listed, then exit 1) and,
// for commands that read tickets, the database.

/**
 * The configuration, its warnings and the texts in its language (config.runtime.defaultLocale). `serving` adds
 * what only `mailops serve` needs (loadConfig's option): the other commands run without the chat secrets.
 */
export function configOrThrow(
  io: CliIo,
  options: Pick<LoadConfigOptions, 'serving'> = {},
): {
  config: Config;
  warnings: readonly string[];
  text: CliText;
} {
  const result = loadConfig(io.env, options);
  if (!result.ok) {
    // No configuration, so no configured language: cliText falls back to MAILOPS_DEFAULT_LOCALE or Malay, the
    // language loadConfig wrote the problem lines in.
    const { t } = cliText(io.env);
    const problems = result.problems.map((p) => `  - ${p}`).join('\n');
    throw new MailopsError(
      ERROR_CODES.CONFIG_INVALID,
      `${t('cli.config.invalid', { count: result.problems.length })}\n${problems}`,
      { hint: t('cli.config.invalid_hint') },
    );
  }
  return { config: result.config, warnings: result.warnings, text: cliText(io.env, result.config) };
}

/** CLI commands log only warnings and errors: their output is the report, not the log. */
export function cliLogger(config: Config): Logger {
  return createLogger({ level: config.runtime.logLevel === 'debug' ? 'debug' : 'warn' });
}

/**
 * The configured database for a command that only reads: it must not change the schema behind a running
 * `mailops serve`, so a database missing a committed migration is refused with what to run instead.
 */
export function withDatabase<T>(
  config: Config,
  logger: Logger,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  return withOpenDatabase(config, logger, async (db) => {
    refuseUnmigrated(await migrationStatus(db.prisma), config);
    return fn(db);
  });
}

/**
 * The configured database brought up to date first, for the commands that may run before any `mailops serve`
 * (`db migrate`, a mailtest or checklist run); `applied` names the migrations applied now.
 */
export function withMigratedDatabase<T>(
  config: Config,
  logger: Logger,
  fn: (db: Database, applied: string[]) => Promise<T>,
): Promise<T> {
  return withOpenDatabase(config, logger, async (db) => fn(db, await applyMigrations(db, { logger })));
}

async function withOpenDatabase<T>(
  config: Config,
  logger: Logger,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({
    databaseUrl: config.database.kind === 'postgres' ? config.database.url.reveal() : undefined,
    dataDir: config.dataDir,
    logger,
  });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function refuseUnmigrated(status: MigrationStatus, config: Config): void {
  if (status.state === 'current') return;
  const { t } = cliText({}, config);
  const message =
    status.state === 'never'
      ? t('cli.db.not_migrated')
      : t('cli.db.behind', { count: status.pending.length, names: status.pending.join(', ') });
  throw new MailopsError(ERROR_CODES.DB_NOT_MIGRATED, message, { hint: t('cli.db.migrate_hint') });
}

/** A plain text table: columns padded to their widest cell. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
