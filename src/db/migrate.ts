// Migrations without the Prisma CLI (it would download a native engine): the WebAssembly schema engine applies
// the committed migrations like `prisma migrate deploy` and writes new ones like `prisma migrate diff`
// (RECIPES.md, "Prisma 7 without its downloaded engines"; DESIGN.md, "Database").
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaFilter } from '@prisma/schema-engine-wasm';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';
import { ownPoolFactory } from './engine-adapter.ts';
import {
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  migrationSlug,
  migrationTimestamp,
  readMigrationList,
} from './migrations-dir.ts';
import { startMemoryPgliteServer } from './pglite-server.ts';
import { withSchemaEngine } from './schema-engine.ts';

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/** An open Database (database.ts) or a PostgreSQL connection string. */
export type MigrationTarget =
  | { adapterFactory: SqlMigrationAwareDriverAdapterFactory }
  | { connectionString: string };

export interface ApplyOptions {
  migrationsDir?: string;
  logger?: Logger;
}

function factoryFor(target: MigrationTarget): SqlMigrationAwareDriverAdapterFactory {
  if ('adapterFactory' in target) return target.adapterFactory;
  const { connectionString } = target;
  return ownPoolFactory({
    connectionString,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 0,
    connectRetries: 5,
  });
}

/**
 * The engine's message without its Rust span trace ("   0: sql_schema_connector::…"), naming the migration
 * the trace points at.
 */
function engineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const migration = /migration_name="([^"]+)"/.exec(message)?.[1];
  const text = (message.split(/\n\s+0: /)[0] ?? message).replace(/^external connector error\n/, '').trim();
  return migration ? `migration ${migration}: ${text}` : text;
}

/**
 * Applies the committed migrations that the database has not recorded yet, recording them in
 * `_prisma_migrations` as `prisma migrate deploy` does. Returns the names applied now (empty when up to date).
 */
export async function applyMigrations(
  target: MigrationTarget,
  options: ApplyOptions = {},
): Promise<string[]> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const logger = options.logger ?? createLogger();
  const migrationsList = readMigrationList(migrationsDir);
  const started = performance.now();
  try {
    const { appliedMigrationNames } = await withSchemaEngine(
      factoryFor(target),
      undefined,
      logger,
      (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
    );
    const ms = Math.round(performance.now() - started);
    logger.info('migrations applied', { applied: appliedMigrationNames, ms });
    return appliedMigrationNames;
  } catch (error) {
    throw new MailopsError(
      ERROR_CODES.DB_MIGRATION_FAILED,
      `Applying the migrations in ${migrationsDir} failed: ${engineMessage(error)}`,
      {
        hint:
          'Later migrations were not applied. A migration that failed is recorded as failed in ' +
          '_prisma_migrations and blocks the next start: fix its cause, set rolled_back_at on its row, and ' +
          'start mailops again.',
        cause: error,
      },
    );
  }
}

export interface DiffOptions {
  /** Words for the new folder's name, e.g. "add sla notices" → `<timestamp>_add_sla_notices`. */
  name: string;
  schemaPath?: string;
  migrationsDir?: string;
  logger?: Logger;
  now?: Date;
}

export type DiffOutcome =
  | { status: 'created'; name: string; path: string; sql: string }
  | { status: 'unchanged'; message: string };

/** A throw-away in-memory PGlite per connection the engine asks for (its main and its shadow database). */
async function memoryConnection(): Promise<SqlDriverAdapter> {
  const server = await startMemoryPgliteServer();
  try {
    const factory = ownPoolFactory({
      connectionString: server.connectionString,
      connectionTimeoutMillis: 0,
      idleTimeoutMillis: 0,
    });
    const adapter = await factory.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => dispose().finally(() => server.close());
    return adapter;
  } catch (error) {
    await server.close();
    throw error;
  }
}

const memoryFactory: SqlMigrationAwareDriverAdapterFactory = {
  provider: 'postgres',
  adapterName: '@prisma/adapter-pg',
  connect: memoryConnection,
  connectToShadowDb: memoryConnection,
};

/**
 * Writes `<migrationsDir>/<YYYYMMDDHHMMSS>_<name>/migration.sql` taking the committed migrations to the
 * schema, or reports that they already match. Needs no database server: the engine replays the migrations
 * into an in-memory PGlite (its shadow database) to learn what they produce.
 */
export async function diffMigration(options: DiffOptions): Promise<DiffOutcome> {
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const logger = options.logger ?? createLogger();
  const slug = migrationSlug(options.name);
  if (!slug) {
    throw new MailopsError(ERROR_CODES.CLI_USAGE, `"${options.name}" cannot name a migration.`, {
      hint: 'Use letters and digits, e.g. "add sla notices".',
    });
  }
  const schema = readFileSync(schemaPath, 'utf8');
  const list = readMigrationList(migrationsDir);
  const from =
    list.migrationDirectories.length === 0
      ? { tag: 'empty' as const }
      : { tag: 'migrations' as const, ...list };
  if (from.tag === 'migrations' && list.lockfile.content === null) list.lockfile.content = LOCKFILE_CONTENT;

  let result: { exitCode: number; stdout: string | null };
  try {
    result = await withSchemaEngine(memoryFactory, [[schemaPath, schema]], logger, (engine) =>
      engine.diff({
        from,
        to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
        script: true,
        // With exitCode set the engine answers 2 for "there is a difference" and 0 for "none".
        exitCode: true,
        filters: NO_FILTER,
      }),
    );
  } catch (error) {
    throw new MailopsError(
      ERROR_CODES.DB_MIGRATION_FAILED,
      `Diffing ${schemaPath} failed: ${engineMessage(error)}`,
      {
        hint: 'Fix the schema (the message names the line) or the migration that does not replay, then retry.',
        cause: error,
      },
    );
  }
  if (result.exitCode !== 2 || !result.stdout) {
    return { status: 'unchanged', message: 'schema and migrations already match: no migration written' };
  }

  const name = `${migrationTimestamp(options.now ?? new Date())}_${slug}`;
  const dir = join(migrationsDir, name);
  if (existsSync(dir)) {
    throw new MailopsError(ERROR_CODES.CLI_USAGE, `The migration folder ${dir} already exists.`, {
      hint: 'Wait a second (folders are named to the second) or choose another name.',
    });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), result.stdout);
  const lockPath = join(migrationsDir, LOCKFILE_NAME);
  if (!existsSync(lockPath)) writeFileSync(lockPath, LOCKFILE_CONTENT);
  logger.info('migration written', { name, path: dir });
  return { status: 'created', name, path: join(dir, 'migration.sql'), sql: result.stdout };
}
