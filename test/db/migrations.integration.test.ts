import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/migrate.ts';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/db/migrations-dir.ts';
import { startMemoryPgliteServer } from '../../src/db/pglite-server.ts';
import { isMailopsError } from '../../src/errors.ts';
import {
  createPostgresDatabase,
  describeEachDatabase,
  postgresTierEnabled,
  type TestDatabase,
  tempDir,
} from '../support/databases.ts';

const committed = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function migrationsCopyWith(name: string, sql: string): string {
  const dir = tempDir('migrations');
  copies.push(dir);
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'migration.sql'), sql);
  return dir;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

describeEachDatabase('applyMigrations', (suite) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.cleanup();
    db = undefined;
  });

  it('applies every committed migration and records it as prisma migrate deploy does', async () => {
    db = await suite.create({ migrate: false });
    expect(await applyMigrations(db)).toEqual(committed);

    const rows = await db.prisma.$queryRaw<MigrationRow[]>`
      SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
      FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(committed);
    for (const row of rows) {
      const sql = readFileSync(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('seeds the audit chain head with the genesis hash', async () => {
    db = await suite.create();
    const head = await db.prisma.auditHead.findUnique({ where: { id: 1 } });
    expect(head).toEqual({ id: 1, lastSeq: 0n, lastHash: '0'.repeat(64) });
  });

  it('applies nothing when the database is up to date', async () => {
    db = await suite.create();
    expect(await applyMigrations(db)).toEqual([]);
    const [{ count }] = await db.prisma.$queryRaw<
      [{ count: bigint }]
    >`SELECT count(*) FROM _prisma_migrations`;
    expect(count).toBe(BigInt(committed.length));
  });

  it("runs a migration as one script, so ';' inside comments and strings is harmless", async () => {
    db = await suite.create();
    const migrationsDir = migrationsCopyWith(
      '29990101000000_semicolons',
      "-- a comment; with a semicolon\nCREATE TABLE probe (note TEXT);\nINSERT INTO probe VALUES ('a;b');\n",
    );
    expect(await applyMigrations(db, { migrationsDir })).toEqual(['29990101000000_semicolons']);
    expect(await db.prisma.$queryRaw`SELECT note FROM probe`).toEqual([{ note: 'a;b' }]);
  });

  it('fails with DB_MIGRATION_FAILED and leaves none of a broken migration behind', async () => {
    db = await suite.create();
    const migrationsDir = migrationsCopyWith(
      '29990101000000_broken',
      'CREATE TABLE half_done (id INT);\nINSERT INTO no_such_table VALUES (1);\n',
    );
    const error = await applyMigrations(db, { migrationsDir }).catch((e: unknown) => e);
    expect(isMailopsError(error) && error.code).toBe('MO-DB-002');
    expect((error as Error).message).toMatch(/29990101000000_broken/);
    expect((error as Error).message).toMatch(/no_such_table/);
    const [{ exists }] = await db.prisma.$queryRaw<[{ exists: boolean }]>`
      SELECT to_regclass('half_done') IS NOT NULL AS exists`;
    expect(exists).toBe(false);
  });
});

describe('applyMigrations given a connection string', () => {
  it('migrates the database behind an in-memory PGlite server', async () => {
    const server = await startMemoryPgliteServer();
    try {
      expect(await applyMigrations({ connectionString: server.connectionString })).toEqual(committed);
      expect(await applyMigrations({ connectionString: server.connectionString })).toEqual([]);
    } finally {
      await server.close();
    }
  });

  (postgresTierEnabled ? it : it.skip)('migrates a PostgreSQL database', async () => {
    const db = await createPostgresDatabase({ migrate: false });
    try {
      expect(await applyMigrations({ connectionString: db.location })).toEqual(committed);
      expect(await applyMigrations({ connectionString: db.location })).toEqual([]);
    } finally {
      await db.cleanup();
    }
  });
});
