import { applyMigrations, diffMigration } from '../db/migrate.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { createLogger } from '../log.ts';
import type { CliCommand } from './commands.ts';
import { cliLogger, configOrThrow, withDatabase } from './context.ts';

export const dbMigrateCommand: CliCommand = {
  name: 'db migrate',
  usage: 'db migrate',
  summary: 'apply the committed migrations to the configured database',
  async run(_args, io) {
    const { config } = configOrThrow(io);
    const logger = cliLogger(config);
    const applied = await withDatabase(config, logger, (db) => applyMigrations(db, { logger }));
    io.out(applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`);
    return 0;
  },
};

// For developers: needs no database (the engine replays the migrations into an in-memory PGlite).
export const dbDiffCommand: CliCommand = {
  name: 'db diff',
  usage: 'db diff <name>',
  summary: 'write the next migration from prisma/schema.prisma (developers)',
  async run(args, io) {
    const name = args.positionals.join(' ').trim();
    if (!name)
      throw new MailopsError(
        ERROR_CODES.CLI_USAGE,
        'db diff needs a name, e.g. `mailops db diff add sla notices`',
      );
    const outcome = await diffMigration({ name, logger: createLogger({ level: 'warn' }) });
    io.out(outcome.status === 'created' ? `Wrote ${outcome.path}` : outcome.message);
    return 0;
  },
};
