// Driver adapters for the WebAssembly schema engine. @prisma/adapter-pg 7.10 has two gaps that show up only
// when this engine drives it (the native engine has its own driver):
// 1. The engine's schema describer (used by diff) reads PostgreSQL "char" columns as ColumnType Character
//    and panics on anything else; the adapter rejects them outright. pg-pool.ts lets them through as text
//    and remembers where they were; here they are typed Character again.
// 2. `executeScript` splits the script on every ';', breaking any migration with a ';' in a comment or a
//    string, and runs the pieces one by one. We send the whole script as one simple-protocol query:
//    PostgreSQL runs it in one implicit transaction, as the native engine's `migrate deploy` does
//    (PostgreSQL docs, "Multiple Statements in a Simple Query").
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import { CHAR_COLUMNS, createPool, type PoolOptions, type RowsWithCharColumns } from './pg-pool.ts';

function typeCharColumns(queryable: SqlQueryable): void {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query: SqlQuery): Promise<SqlResultSet> => {
    const result = await queryRaw(query);
    for (const index of (result.rows as RowsWithCharColumns)[CHAR_COLUMNS] ?? []) {
      result.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return result;
  };
}

/** Adapts one connection to the schema engine (1. and 2. above). */
export function forSchemaEngine(adapter: SqlDriverAdapter): SqlDriverAdapter {
  typeCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel);
    typeCharColumns(transaction);
    return transaction;
  };
  adapter.executeScript = async (script: string) => {
    // No arguments, no statement name: pg uses the simple query protocol, which takes several statements.
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

/**
 * A factory whose every connection is a fresh pool of ONE connection, closed by `dispose`. The engine holds
 * a session-level advisory lock while it migrates, so its queries must stay on one session.
 */
export function ownPoolFactory(options: Omit<PoolOptions, 'max'>): SqlMigrationAwareDriverAdapterFactory {
  const connect = () =>
    new PrismaPg(createPool({ ...options, max: 1 }), { disposeExternalPool: true }).connect();
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect,
    // Only diff needs a shadow database, and it brings its own (migrate.ts).
    connectToShadowDb: () =>
      Promise.reject(new Error('No shadow database here: diffMigration replays migrations into PGlite.')),
  };
}
