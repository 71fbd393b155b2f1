import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { cli, EN } from './run-cli.ts';

// The read-only commands on a database `mailops db migrate` has not brought up to date: they say so and how to
// fix it, instead of failing on a missing table with an empty "unexpected failure"; they change nothing.

const READERS = [
  ['tickets'],
  ['ticket', 'CR-2026-000001'],
  ['audit', 'verify'],
  ['outbox'],
  ['mailtest', '--history', 'agensi.gov.my'],
  ['checklist', 'history'],
];

describeEachDatabase('the CLI on a database not migrated', (suite) => {
  const db = useTestDatabase(() => suite.create({ migrate: false }));
  const env = (): Record<string, string> =>
    suite.kind === 'postgres' ? { DATABASE_URL: db().location } : { MAILOPS_DATA_DIR: db().location };
  const handleOf = async () =>
    suite.kind === 'pglite' ? openDatabase({ dataDir: db().location, logger: createMemoryLogger() }) : db();

  it('names a database never migrated and the command that migrates it, exit 1', async () => {
    // PGlite serves one process: the fixture's connection must be closed before the CLI opens the folder.
    if (suite.kind === 'pglite') await db().close();
    for (const args of READERS) {
      const en = await cli(args, { ...env(), ...EN });
      expect(en, args.join(' ')).toMatchObject({ code: 1, out: '' });
      expect(en.err).toBe(
        'mailops: the database has never been migrated: the mailops tables do not exist yet [MO-DB-005]\n' +
          '  → run `mailops db migrate` (mailops serve also migrates it when it starts)',
      );
    }
    const ms = await cli(['tickets'], env());
    expect(ms.err).toContain('pangkalan data belum pernah dimigrasikan');
    expect(ms.err).toContain('jalankan `mailops db migrate`');
  });

  it('names the migrations a database left behind by an upgrade is missing, exit 1', async () => {
    expect(await cli(['db', 'migrate'], { ...env(), ...EN })).toMatchObject({ code: 0 });
    const handle = await handleOf();
    const [last] = await handle.prisma.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await handle.prisma.$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${last!.name}`;
    if (suite.kind === 'pglite') await handle.close();

    for (const args of READERS) {
      const en = await cli(args, { ...env(), ...EN });
      expect(en, args.join(' ')).toMatchObject({ code: 1, out: '' });
      expect(en.err).toContain(
        `mailops: the database is behind: 1 migration(s) not applied (${last!.name}) [MO-DB-005]`,
      );
    }
    expect((await cli(['audit', 'verify'], env())).err).toContain(
      `pangkalan data ketinggalan: 1 migrasi belum dijalankan (${last!.name})`,
    );
  });
});
