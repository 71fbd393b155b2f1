import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forSchemaEngine, ownPoolFactory } from '../../src/db/engine-adapter.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pg-pool.ts';
import { type PgliteServer, startMemoryPgliteServer } from '../../src/db/pglite-server.ts';
import { withSchemaEngine } from '../../src/db/schema-engine.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { describeEachDatabase, type TestDatabase, useTestDatabase } from '../support/databases.ts';

const logger = createMemoryLogger();

describe('the WebAssembly schema engine on PGlite', () => {
  let server: PgliteServer;
  beforeAll(async () => {
    server = await startMemoryPgliteServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('reports a panic as an error and starts a fresh instance for the next run', async () => {
    const factory = ownPoolFactory({
      connectionString: server.connectionString,
      connectionTimeoutMillis: 0,
      idleTimeoutMillis: 0,
      connectRetries: 5,
    });
    const crash = withSchemaEngine(factory, undefined, logger, async (engine) => engine.debugPanic());
    await expect(crash).rejects.toThrow(/schema engine crashed/);

    expect(await applyMigrations({ connectionString: server.connectionString }, { logger })).not.toHaveLength(
      0,
    );
  });
});

describeEachDatabase('pg pool and engine adapter', (suite) => {
  const db: () => TestDatabase = useTestDatabase(() => suite.create({ migrate: false }));

  it('types "char" catalog columns as Character for the schema engine', async () => {
    const adapter = forSchemaEngine(await db().adapterFactory.connect());
    try {
      const sql = `SELECT 'n'::"char" AS kind, 'text' AS label`;
      const result = await adapter.queryRaw({ sql, args: [], argTypes: [] });
      expect(result.columnTypes).toEqual([ColumnTypeEnum.Character, ColumnTypeEnum.Text]);
      expect(result.rows).toEqual([['n', 'text']]);
    } finally {
      await adapter.dispose();
    }
  });

  it('keeps a pooled connection after an SQL error instead of reconnecting', async () => {
    // PGlite's one connection belongs to the open Database, so that tier uses a server of its own.
    const memory = suite.kind === 'pglite' ? await startMemoryPgliteServer() : undefined;
    const connectionString = memory?.connectionString ?? db().location;
    const pool = createPool({
      connectionString,
      max: 1,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 0,
    });
    let connects = 0;
    pool.on('connect', () => connects++);
    try {
      await expect(pool.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01' });
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(connects).toBe(1);
    } finally {
      await pool.end();
      await memory?.close();
    }
  });
});
