// Database fixtures for integration tests (STYLE.md 16): a fresh, migrated database on each tier, PGlite in a
// temporary data folder and PostgreSQL as a uniquely named database on the test server. The PostgreSQL tier
// fails loudly when the server is down (CI must not lose a tier quietly, see .ci/check-tiers.mjs) unless
// MAILOPS_TEST_POSTGRES=off says to skip it.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, type DatabaseKind, openDatabase } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/db/migrations-dir.ts';
import { redactUrl } from '../../src/errors.ts';
import { createMemoryLogger, type Logger } from '../../src/log.ts';

export const POSTGRES_TEST_URL =
  process.env.MAILOPS_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** False when MAILOPS_TEST_POSTGRES=off: PostgreSQL suites are then skipped instead of failing. */
export const postgresTierEnabled = process.env.MAILOPS_TEST_POSTGRES !== 'off';

export interface TestDatabase extends Database {
  /** The data folder (PGlite) or the connection string with its unique database name (PostgreSQL). */
  readonly location: string;
  /** Where the database logged (a memory logger unless one was given). */
  readonly logger: Logger;
  /** Closes the database and deletes it (its data folder, or DROP DATABASE … WITH (FORCE)). */
  cleanup(): Promise<void>;
}

export interface FixtureOptions {
  /** Apply the committed migrations before returning (default true). */
  migrate?: boolean;
  logger?: Logger;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mailops-${prefix}-`));
}

// PGlite's first start in an empty folder runs initdb, which takes seconds; copying a folder a closed PGlite
// left behind and starting on it takes a tenth of that. So each kind of fresh database (bare, or with the
// committed migrations) is made once into a template, shared by every test process through the temporary
// folder, and each test gets a copy. The template's name carries a hash of the migrations and PGlite's version,
// so a new migration or an upgrade makes a new one; it appears by an atomic rename, so a process never copies
// half a template, and of two processes that made one at once the second's is thrown away.
const TEMPLATES = join(tmpdir(), 'mailops-pglite-templates');
const templates = new Map<boolean, Promise<string>>();

function templateKey(migrated: boolean): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url)));
  if (migrated)
    for (const name of readdirSync(DEFAULT_MIGRATIONS_DIR, { recursive: true, encoding: 'utf8' }).sort()) {
      const path = join(DEFAULT_MIGRATIONS_DIR, name);
      if (statSync(path).isFile()) hash.update(name).update(readFileSync(path));
    }
  return `${migrated ? 'migrated' : 'bare'}-${hash.digest('hex').slice(0, 16)}`;
}

async function makeTemplate(migrated: boolean): Promise<string> {
  const path = join(TEMPLATES, templateKey(migrated));
  if (existsSync(path)) return path;
  mkdirSync(TEMPLATES, { recursive: true });
  const building = mkdtempSync(join(TEMPLATES, 'building-'));
  const logger = createMemoryLogger();
  const db = await openDatabase({ dataDir: building, logger });
  try {
    if (migrated) await applyMigrations(db, { logger });
  } finally {
    await db.close();
  }
  try {
    renameSync(building, path);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(path)) throw error;
  }
  return path;
}

function templateFor(migrated: boolean): Promise<string> {
  let made = templates.get(migrated);
  if (!made) {
    made = makeTemplate(migrated);
    made.catch(() => templates.delete(migrated));
    templates.set(migrated, made);
  }
  return made;
}

export async function createPgliteDatabase(options: FixtureOptions = {}): Promise<TestDatabase> {
  const logger = options.logger ?? createMemoryLogger();
  const dataDir = tempDir('pglite');
  let db: Database | undefined;
  try {
    cpSync(await templateFor(options.migrate !== false), dataDir, { recursive: true });
    db = await openDatabase({ dataDir, logger });
  } catch (error) {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const opened = db;
  return Object.assign(opened, {
    location: dataDir,
    logger,
    async cleanup() {
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(
      `The PostgreSQL test tier cannot reach ${redactUrl(POSTGRES_TEST_URL)} (${(error as Error).message}). ` +
        'Start PostgreSQL (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`), point ' +
        'MAILOPS_TEST_DATABASE_URL at a server, or set MAILOPS_TEST_POSTGRES=off to skip the PostgreSQL tests.',
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(options: FixtureOptions = {}): Promise<TestDatabase> {
  const logger = options.logger ?? createMemoryLogger();
  const name = `mailops_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  const drop = () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const dataDir = tempDir('pg');
  let db: Database | undefined;
  try {
    db = await openDatabase({ databaseUrl: url.toString(), dataDir, logger });
    if (options.migrate !== false) await applyMigrations(db, { logger });
  } catch (error) {
    await db?.close();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const opened = db;
  return Object.assign(opened, {
    location: url.toString(),
    logger,
    async cleanup() {
      await opened.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export interface DatabaseSuite {
  readonly kind: DatabaseKind;
  /** Creates a fresh database of this suite's kind (for tests that need one of their own). */
  create(options?: FixtureOptions): Promise<TestDatabase>;
}

/**
 * Declares the suite twice, as "<name> (PGlite)" and "<name> (PostgreSQL)": the tier names CI counts. The
 * PostgreSQL copy is skipped when MAILOPS_TEST_POSTGRES=off. Typical use: create a database in beforeAll
 * with `suite.create()` and clean it up in afterAll.
 */
export function describeEachDatabase(name: string, fn: (suite: DatabaseSuite) => void): void {
  describe(`${name} (PGlite)`, () => fn({ kind: 'pglite', create: createPgliteDatabase }));
  const describePostgres = postgresTierEnabled ? describe : describe.skip;
  describePostgres(`${name} (PostgreSQL)`, () => fn({ kind: 'postgres', create: createPostgresDatabase }));
}

/** Registers beforeAll/afterAll hooks that create one database for the enclosing suite; returns its getter. */
export function useTestDatabase(create: () => Promise<TestDatabase>): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(async () => {
    await db?.cleanup();
  });
  return () => {
    if (!db) throw new Error('The test database is not open yet: use it inside a test or a hook.');
    return db;
  };
}
