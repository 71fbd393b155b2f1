import type { DatabaseKind } from './database.ts';
import type { Db } from './types.ts';

// PGlite runs PostgreSQL as one process in single-user mode, where no autovacuum worker ever starts (the
// setting reads "on"; nothing acts on it) and no statistics are gathered. Measured on this PGlite: a table
// whose 5,000 rows were deleted kept all of its 2.9 MB, and grew by as much again with each further round
// of inserts and deletes, until VACUUM gave the pages back. So on the embedded database, every delivered
// message, renewed lease and record the clean-up deleted would stay on disk for as long as mailops runs,
// and the planner would never learn how large the tables have grown. The daily clean-up therefore ends
// there with VACUUM (ANALYZE) of each table, one at a time: PGlite answers one statement at a time, so a
// table's vacuum is a short pause where the whole database's would be one long one. PostgreSQL's own
// autovacuum does this on a server (src/db/database.ts names which database is in use).

export interface Reclaimed {
  /** Tables vacuumed; fewer than all when a stop ended it between two. */
  readonly tables: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/** Whether the database needs mailops to vacuum it (it has no autovacuum of its own). */
export const needsVacuum = (kind: DatabaseKind) => kind === 'pglite';

/** The database's size on disk (pg_database_size): on the embedded one, most of its data folder. */
export const databaseSize = async (db: Db) => {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT pg_database_size(current_database()) AS n`;
  return Number(row?.n ?? 0);
};

/**
 * VACUUM (ANALYZE) of every table of mailops' schema, smallest first, so that a stop (`signal`) between two
 * tables leaves the most of them done. Only the pages at a table's end go back to the file system; the rest
 * are reused by the rows written next, which is what keeps the data folder from growing for ever.
 */
export async function reclaimSpace(db: Db, signal?: AbortSignal): Promise<Reclaimed> {
  const bytesBefore = await databaseSize(db);
  // Names from the catalogue, quoted by the server: VACUUM takes no bind parameters.
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(c.relname) AS name FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
    ORDER BY pg_total_relation_size(c.oid), c.relname`;
  let done = 0;
  for (const { name } of tables) {
    if (signal?.aborted) break;
    await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${name}`);
    done += 1;
  }
  return { tables: done, bytesBefore, bytesAfter: await databaseSize(db) };
}
