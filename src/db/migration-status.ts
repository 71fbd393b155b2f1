import type { PrismaClient } from '../generated/prisma/client.ts';
import { DEFAULT_MIGRATIONS_DIR, readMigrationList } from './migrations-dir.ts';

// Whether the database has every committed migration, read from `_prisma_migrations` as `prisma migrate
// deploy` writes it (migrate.ts). For the commands that only read (`mailops tickets`, `audit verify`, …): they
// must not change the schema behind a running `mailops serve`, but a database never migrated, or one an
// upgrade left behind, should be named as such rather than fail on a missing table.

export type MigrationStatus =
  | { readonly state: 'current' }
  /** No `_prisma_migrations` table: nothing was ever applied. */
  | { readonly state: 'never' }
  /** Committed migrations the database has not finished applying, in order. */
  | { readonly state: 'behind'; readonly pending: readonly string[] };

export async function migrationStatus(
  prisma: PrismaClient,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
): Promise<MigrationStatus> {
  // to_regclass follows the connection's search_path, where the schema engine created the table.
  const [table] = await prisma.$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;
  if (!table?.present) return { state: 'never' };
  // A migration that failed, or was rolled back, has not taken effect.
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    SELECT migration_name AS name FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.name));
  const committed = readMigrationList(migrationsDir).migrationDirectories.map((d) => d.path);
  const pending = committed.filter((name) => !applied.has(name));
  return pending.length === 0 ? { state: 'current' } : { state: 'behind', pending };
}
