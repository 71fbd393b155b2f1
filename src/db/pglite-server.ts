// The embedded database (DESIGN.md, "Database"): PGlite persisted in the data folder and served on a loopback
// socket so that @prisma/adapter-pg and the schema engine reach it exactly like a PostgreSQL server
// (RECIPES.md, "Prisma 7 without its downloaded engines"). PGlite is one session: the socket server accepts one
// connection at a time, so every pg pool pointed at it must have `max: 1`.
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ERROR_CODES, isMailopsError, MailopsError } from '../errors.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

export interface PgliteServer {
  /** No password: the socket listens on 127.0.0.1 only and PGlite has no authentication. */
  readonly connectionString: string;
  close(): Promise<void>;
}

export interface PgliteServerOptions {
  /** The mailops data folder; the database lives in `<dataDir>/pglite`. */
  dataDir: string;
  /** A fixed port; by default the OS chooses a free one. */
  port?: number;
}

/** The host the socket listens on; never 0.0.0.0, because PGlite accepts any user without a password. */
const HOST = '127.0.0.1';

async function serve(db: PGlite, port: number, onClose: () => void): Promise<PgliteServer> {
  const server = new PGLiteSocketServer({ db, host: HOST, port, maxConnections: 1 });
  try {
    await server.start();
  } catch (error) {
    await db.close().catch(() => {});
    onClose();
    throw error;
  }
  // start() records the port the OS picked when asked for port 0; getServerConn() reports it as host:port.
  const conn = server.getServerConn();
  let closed = false;
  return {
    connectionString: `postgresql://postgres@${conn}/postgres`,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await server.stop();
        await db.close();
      } finally {
        onClose();
      }
    },
  };
}

/** Starts PGlite in `<dataDir>/pglite` behind a loopback socket, after locking the folder against a second process. */
export async function startPgliteServer(options: PgliteServerOptions): Promise<PgliteServer> {
  let dir = join(options.dataDir, 'pglite');
  let lock: DataDirLock | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    const root = realpathSync(options.dataDir);
    dir = join(root, 'pglite');
    lock = acquireDataDirLock(join(root, 'pglite.lock'), dir);
    const db = await PGlite.create(dir);
    return await serve(db, options.port ?? 0, () => lock?.release());
  } catch (error) {
    lock?.release();
    if (isMailopsError(error)) throw error;
    throw new MailopsError(
      ERROR_CODES.PGLITE_START_FAILED,
      `The embedded database in ${dir} could not start: ${(error as Error).message}`,
      {
        hint: options.port
          ? `Check that port ${options.port} on ${HOST} is free and that the data folder is writable.`
          : 'Check that the data folder is writable and not damaged, or set DATABASE_URL.',
        cause: error,
      },
    );
  }
}

/**
 * A throw-away in-memory PGlite behind a socket: the shadow database for `diffMigration`, which replays the
 * committed migrations into an empty database to learn the schema they produce.
 */
export async function startMemoryPgliteServer(): Promise<PgliteServer> {
  try {
    const db = await PGlite.create();
    return await serve(db, 0, () => {});
  } catch (error) {
    throw new MailopsError(
      ERROR_CODES.PGLITE_START_FAILED,
      `A temporary in-memory database could not start: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
