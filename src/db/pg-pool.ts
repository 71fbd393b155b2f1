// The pg pools behind every driver adapter. Two departures from a plain pg.Pool, both found against PGlite
// behind @electric-sql/pglite-socket (one connection at a time, RECIPES.md):
// - pg-pool's `pool.query` destroys the connection after ANY error, an SQL error included (a unique
//   violation, say). The reconnect then races the socket server's cleanup of the old connection and is
//   refused ("Connection terminated unexpectedly"). After an ERROR-severity response the session is still
//   sound (PostgreSQL protocol, "Error and Notice Message Fields"), so we keep it; FATAL and socket errors
//   still discard it. A refused connect is retried briefly for the same race.
// - The client reports PostgreSQL's one-byte "char" columns (OID 18, e.g. pg_constraint.contype) as text:
//   @prisma/adapter-pg 7.10 rejects OID 18, which breaks the schema engine's describer (engine-adapter.ts
//   retypes them; their positions ride along on the rows array, which the adapter passes through).
import pg from 'pg';

const CHAR_OID = 18;
const TEXT_OID = 25;
export const CHAR_COLUMNS = Symbol('mailops.charColumns');

export type RowsWithCharColumns = unknown[] & { [CHAR_COLUMNS]?: number[] };

function charAsText<T>(result: T): T {
  // A multi-statement simple query resolves to an array of results.
  for (const one of (Array.isArray(result) ? result : [result]) as pg.QueryResult[]) {
    const columns: number[] = [];
    one?.fields?.forEach((field, index) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      columns.push(index);
    });
    if (columns.length > 0 && one.rows) Object.defineProperty(one.rows, CHAR_COLUMNS, { value: columns });
  }
  return result;
}

class CatalogFriendlyClient extends pg.Client {}
const clientQuery = pg.Client.prototype.query;
// Prisma runs the queries of one interactive transaction concurrently on its one client; pg queues them
// but deprecates doing so (removed in pg 9). Chaining promise-style queries per client keeps the same
// order without relying on that queue.
const tails = new WeakMap<pg.Client, Promise<unknown>>();
Object.defineProperty(CatalogFriendlyClient.prototype, 'query', {
  value: function query(this: pg.Client, ...args: unknown[]): unknown {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, result: unknown) => callback(error, error ? result : charAsText(result));
      return Reflect.apply(clientQuery, this, args);
    }
    if (typeof (args[0] as { submit?: unknown } | undefined)?.submit === 'function') {
      return Reflect.apply(clientQuery, this, args);
    }
    const run = () => Promise.resolve(Reflect.apply(clientQuery, this, args) as unknown);
    const previous = tails.get(this);
    const result = previous ? previous.then(run, run) : run();
    tails.set(
      this,
      result.then(
        () => undefined,
        () => undefined,
      ),
    );
    return result.then(charAsText);
  },
});

function sessionSurvives(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.severity === 'ERROR';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class SessionKeepingPool extends pg.Pool {
  connectRetries = 0;
}
const poolConnect = pg.Pool.prototype.connect as (this: pg.Pool) => Promise<pg.PoolClient>;

async function connectWithRetry(pool: SessionKeepingPool): Promise<pg.PoolClient> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await poolConnect.call(pool);
    } catch (error) {
      const refused = (error as Error).message === 'Connection terminated unexpectedly';
      if (!refused || attempt >= pool.connectRetries) throw error;
      await sleep(10 * 2 ** attempt);
    }
  }
}

async function queryKeepingSession(pool: SessionKeepingPool, args: unknown[]): Promise<unknown> {
  const client = await connectWithRetry(pool);
  // A socket error while the client is checked out is reported to the query; without a listener the
  // client's 'error' event would crash the process.
  const ignore = () => {};
  client.on('error', ignore);
  try {
    const result: unknown = await Reflect.apply(client.query, client, args);
    client.release();
    return result;
  } catch (error) {
    client.release(sessionSurvives(error) ? undefined : (error as Error));
    throw error;
  } finally {
    client.off('error', ignore);
  }
}

Object.defineProperties(SessionKeepingPool.prototype, {
  connect: {
    value: function connect(this: SessionKeepingPool, callback?: (...args: unknown[]) => void) {
      const connecting = connectWithRetry(this);
      if (!callback) return connecting;
      connecting.then(
        (client) => callback(undefined, client, (error?: Error) => client.release(error)),
        (error: unknown) => callback(error),
      );
    },
  },
  query: {
    value: function query(this: SessionKeepingPool, ...args: unknown[]) {
      const callback =
        typeof args.at(-1) === 'function' ? (args.pop() as (...a: unknown[]) => void) : undefined;
      const running = queryKeepingSession(this, args);
      if (!callback) return running;
      running.then(
        (result) => callback(undefined, result),
        (error: unknown) => callback(error),
      );
    },
  },
});

export interface PoolOptions {
  connectionString: string;
  max: number;
  /** How long to wait for a TCP connection and for a free pooled connection; 0 waits forever. */
  connectionTimeoutMillis: number;
  /** How long an idle connection stays open; 0 keeps it (PGlite's single session). */
  idleTimeoutMillis: number;
  /** Retries of a refused connect (PGlite's one-connection server still closing the previous one). */
  connectRetries?: number;
}

export function createPool(options: PoolOptions): pg.Pool {
  const { connectRetries = 0, ...config } = options;
  const pool = new SessionKeepingPool({ ...config, Client: CatalogFriendlyClient });
  pool.connectRetries = connectRetries;
  return pool;
}
