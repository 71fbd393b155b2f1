// Opens the one database mailops uses (DESIGN.md, "Database"): PostgreSQL when DATABASE_URL is set, else the
// embedded PGlite in the data folder. Both are reached through @prisma/adapter-pg; the Prisma client and the
// schema engine (migrate.ts) get their connections from here.
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import { ERROR_CODES, MailopsError, redactUrl } from '../errors.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../log.ts';
import { ownPoolFactory } from './engine-adapter.ts';
import { createPool } from './pg-pool.ts';
import { startPgliteServer } from './pglite-server.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** Connections for the schema engine (applyMigrations in migrate.ts). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; without one, the embedded PGlite in `<dataDir>/pglite` is used. */
  databaseUrl?: string;
  dataDir: string;
  logger: Logger;
  /** How long the start-up `SELECT 1` may take before the database counts as unreachable. */
  connectTimeoutMs?: number;
  /** A fixed loopback port for the embedded database (default: chosen by the OS). */
  pglitePort?: number;
}

/** Room for concurrent requests and the outbox dispatcher, well under PostgreSQL's default 100 connections. */
const POSTGRES_POOL_SIZE = 10;

function describeFailure(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === '28P01' || code === '28000') return 'the server refused the user name or password';
  if (code === '3D000') return 'the database does not exist';
  if (code === 'ECONNREFUSED') return 'nothing is listening at that address (connection refused)';
  if (code === 'ENOTFOUND') return 'the host name does not resolve';
  return message || String(error);
}

async function checkConnection(pool: pg.Pool, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([pool.query('SELECT 1'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * PGlite serves one connection, so the schema engine shares the application's pool (its advisory lock then
 * stays with PGlite's only session, which is harmless). There is no second database to serve as a shadow
 * database; diffMigration brings its own (migrate.ts).
 */
function pgliteMigrationFactory(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg(pool);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => inner.connect(),
    connectToShadowDb: (): Promise<SqlDriverAdapter> =>
      Promise.reject(new Error('The embedded database has no shadow database; use diffMigration.')),
  };
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const timeoutMs = options.connectTimeoutMs ?? 5_000;
  const server = options.databaseUrl
    ? undefined
    : await startPgliteServer({ dataDir: options.dataDir, port: options.pglitePort });
  const kind: DatabaseKind = server ? 'pglite' : 'postgres';
  const connectionString = server?.connectionString ?? options.databaseUrl ?? '';
  const pool = createPool({
    connectionString,
    max: server ? 1 : POSTGRES_POOL_SIZE,
    connectionTimeoutMillis: server ? 0 : timeoutMs,
    // PGlite's single session is kept open: it is local, and reconnecting races the server's one-client limit.
    idleTimeoutMillis: server ? 0 : 30_000,
    connectRetries: server ? 5 : 0,
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', (error) => options.logger.warn('database connection lost', { kind, error }));
  const closeAll = async () => {
    await pool.end().catch(() => {});
    await server?.close();
  };

  try {
    await checkConnection(pool, timeoutMs);
  } catch (error) {
    await closeAll();
    const where = server ? `the embedded database (${options.dataDir})` : redactUrl(connectionString);
    throw new MailopsError(ERROR_CODES.DB_UNREACHABLE, `Cannot reach ${where}: ${describeFailure(error)}.`, {
      hint: server
        ? 'Check that the data folder is writable and not damaged.'
        : 'Check that PostgreSQL is running and reachable from this host (host, port, firewall), and that ' +
          "DATABASE_URL's user, password and database name are right.",
    });
  }

  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  options.logger.info('database opened', {
    kind,
    target: server ? options.dataDir : redactUrl(connectionString),
  });
  let closed = false;
  return {
    prisma,
    kind,
    // On PostgreSQL the engine gets its own one-connection pool: its advisory lock must not stay behind on a
    // pooled connection, where it would block every other replica's migrations.
    adapterFactory: server
      ? pgliteMigrationFactory(pool)
      : ownPoolFactory({ connectionString, connectionTimeoutMillis: timeoutMs, idleTimeoutMillis: 0 }),
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await closeAll();
    },
  };
}
