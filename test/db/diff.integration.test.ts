import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffMigration } from '../../src/db/migrate.ts';
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH } from '../../src/db/migrations-dir.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { tempDir } from '../support/databases.ts';

// diffMigration replays migrations into an in-memory PGlite (its shadow database), so these run without a
// database server.
const EXTRA_MODEL = `
model ProbeNote {
  id   Int    @id @default(autoincrement())
  body String

  @@map("probe_notes")
}
`;

const logger = createMemoryLogger();
const temps: string[] = [];
function freshDir(): string {
  const dir = tempDir('diff');
  temps.push(dir);
  return dir;
}
function migrationsCopy(): string {
  const copy = join(freshDir(), 'migrations');
  cpSync(DEFAULT_MIGRATIONS_DIR, copy, { recursive: true });
  return copy;
}
function schemaWith(extra: string): string {
  const path = join(freshDir(), 'schema.prisma');
  writeFileSync(path, readFileSync(DEFAULT_SCHEMA_PATH, 'utf8') + extra);
  return path;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('diffMigration on PGlite as the shadow database', () => {
  it('reports that the committed migrations already match the schema', async () => {
    const before = readdirSync(DEFAULT_MIGRATIONS_DIR);
    const outcome = await diffMigration({ name: 'nothing', logger });
    expect(outcome).toEqual({ status: 'unchanged', message: expect.stringMatching(/already match/) });
    expect(readdirSync(DEFAULT_MIGRATIONS_DIR)).toEqual(before);
  });

  it('writes a timestamped migration with the change, after which the schema matches again', async () => {
    const migrationsDir = migrationsCopy();
    const schemaPath = schemaWith(EXTRA_MODEL);
    const now = new Date('2999-01-02T03:04:05Z');

    const outcome = await diffMigration({ name: 'Add probe notes', schemaPath, migrationsDir, logger, now });

    expect(outcome).toMatchObject({ status: 'created', name: '29990102030405_add_probe_notes' });
    const sql = readFileSync(join(migrationsDir, '29990102030405_add_probe_notes', 'migration.sql'), 'utf8');
    expect(sql).toMatch(/CREATE TABLE "probe_notes"/);
    expect(sql).not.toMatch(/CREATE TABLE "tickets"/);
    expect(readFileSync(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toMatch(
      /provider = "postgresql"/,
    );
    expect(await diffMigration({ name: 'again', schemaPath, migrationsDir, logger })).toMatchObject({
      status: 'unchanged',
    });
  });

  it('starts the history from an empty database and writes migration_lock.toml', async () => {
    const migrationsDir = join(freshDir(), 'migrations');

    const outcome = await diffMigration({ name: 'init', migrationsDir, logger });

    expect(outcome).toMatchObject({ status: 'created', name: expect.stringMatching(/^\d{14}_init$/) });
    expect(outcome.status === 'created' && outcome.sql).toMatch(/CREATE TABLE "tickets"/);
    expect(readFileSync(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toMatch(
      /provider = "postgresql"/,
    );
  });

  it('refuses a name with nothing usable in it', async () => {
    await expect(diffMigration({ name: '---', logger })).rejects.toMatchObject({ code: 'MO-CLI-001' });
  });

  it('fails with DB_MIGRATION_FAILED naming the line of an invalid schema', async () => {
    const schemaPath = schemaWith('\nmodel Broken {\n  id Int @id\n  other Missing\n}\n');
    await expect(
      diffMigration({ name: 'broken', schemaPath, migrationsDir: migrationsCopy(), logger }),
    ).rejects.toMatchObject({ code: 'MO-DB-002', message: expect.stringMatching(/Missing/) });
  });
});
