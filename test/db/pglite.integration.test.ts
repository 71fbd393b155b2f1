import { execFile, spawnSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { startPgliteServer } from '../../src/db/pglite-server.ts';
import { isMailopsError } from '../../src/errors.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { tempDir } from '../support/databases.ts';
import { freePort } from '../support/free-port.ts';

const logger = createMemoryLogger();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = tempDir('pglite');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function open(dir: string): Promise<Database> {
  const db = await openDatabase({ dataDir: dir, logger });
  cleanups.push(() => db.close());
  return db;
}

describe('the embedded PGlite database', () => {
  it('keeps its data across close and reopen of the same data folder', async () => {
    const dir = dataDir();
    const first = await openDatabase({ dataDir: dir, logger });
    expect(first.kind).toBe('pglite');
    await applyMigrations(first, { logger });
    await first.prisma.ticketCounter.create({ data: { kind: 'complaint', year: 2026, last: 41 } });
    await first.close();

    const second = await open(dir);
    expect(await applyMigrations(second, { logger })).toEqual([]);
    const counter = await second.prisma.ticketCounter.findUnique({
      where: { kind_year: { kind: 'complaint', year: 2026 } },
    });
    expect(counter?.last).toBe(41);
  });

  it('keeps its one connection usable after a failed statement', async () => {
    const db = await open(dataDir());
    await applyMigrations(db, { logger });
    const duplicate = db.prisma.auditHead.create({ data: { id: 1, lastSeq: 0n, lastHash: 'x' } });
    await expect(duplicate).rejects.toMatchObject({ code: 'P2002' });
    expect(await db.prisma.auditHead.count()).toBe(1);
  });

  it('refuses a second opener of the same data folder in this process with a clear PGLITE_START_FAILED', async () => {
    const dir = dataDir();
    await open(dir);
    const error = await openDatabase({ dataDir: dir, logger }).catch((e: unknown) => e);
    expect(isMailopsError(error) && error.code).toBe('MO-DB-004');
    expect((error as Error).message).toContain(join(dir, 'pglite'));
    expect((error as Error).message).toMatch(/already in use by another mailops/);
    expect(isMailopsError(error) && error.hint).toMatch(/DATABASE_URL/);
  });

  it('refuses a second mailops process on the same data folder', async () => {
    const dir = dataDir();
    await open(dir);
    const serverModule = fileURLToPath(new URL('../../src/db/pglite-server.ts', import.meta.url));
    const script = `import(${JSON.stringify(serverModule)}).then((m) => m.startPgliteServer({ dataDir: ${JSON.stringify(dir)} }))
      .then(() => process.exit(0), (e) => { console.error(e.code, e.message); process.exit(3); });`;
    const child = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(child).toMatchObject({ code: 3, stderr: expect.stringContaining('MO-DB-004') });
    expect((child as { stderr: string }).stderr).toContain(`process ${process.pid}`);
  });

  it('takes over a lock left behind by a process that no longer runs', async () => {
    const dir = dataDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, 'pglite.lock'), JSON.stringify({ pid: gone, host: hostname(), since: 'then' }));
    const db = await open(dir);
    expect(db.kind).toBe('pglite');
  });

  it('refuses a second opener that spells the same data folder differently', async () => {
    const dir = dataDir();
    await open(dir);
    const alias = join(dataDir(), 'alias');
    symlinkSync(dir, alias);
    const error = await openDatabase({ dataDir: alias, logger }).catch((e) => e);
    expect(isMailopsError(error) && error.code).toBe('MO-DB-004');
  });

  it('takes over a lock naming its own pid that it does not hold (a restarted container)', async () => {
    const dir = dataDir();
    const lock = { pid: process.pid, host: hostname(), since: 'before the restart' };
    writeFileSync(join(dir, 'pglite.lock'), JSON.stringify(lock));
    const db = await open(dir);
    expect(db.kind).toBe('pglite');
  });

  it('listens on a fixed loopback port when given one', async () => {
    const port = await freePort();
    const server = await startPgliteServer({ dataDir: dataDir(), port });
    cleanups.push(() => server.close());
    expect(server.connectionString).toBe(`postgresql://postgres@127.0.0.1:${port}/postgres`);
  });
});
