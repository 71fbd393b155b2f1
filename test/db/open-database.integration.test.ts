import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { isMailopsError, type MailopsError } from '../../src/errors.ts';
import { createMemoryLogger } from '../../src/log.ts';
import {
  describeEachDatabase,
  POSTGRES_TEST_URL,
  postgresTierEnabled,
  tempDir,
} from '../support/databases.ts';

const dataDir = tempDir('open');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function openFailure(databaseUrl: string): Promise<MailopsError> {
  const logger = createMemoryLogger();
  const error = await openDatabase({ databaseUrl, dataDir, logger, connectTimeoutMs: 3_000 }).catch((e) => e);
  if (!isMailopsError(error)) throw new Error(`expected a MailopsError, got ${String(error)}`);
  expect(logger.lines.join('\n')).not.toContain('s3cret-pw');
  return error;
}

describe('openDatabase given a DATABASE_URL', () => {
  it('reports DB_UNREACHABLE with the redacted URL and what to check when nothing listens', async () => {
    const port = await closedPort();
    const error = await openFailure(`postgresql://mailops:s3cret-pw@127.0.0.1:${port}/mailops`);

    expect(error.code).toBe('MO-DB-001');
    expect(error.message).toContain(`postgresql://mailops:***@127.0.0.1:${port}/mailops`);
    expect(error.message).toMatch(/connection refused/);
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.hint).toMatch(/PostgreSQL is running/);
    expect(error.cause).toBeUndefined();
  });

  it('hides a password given in the query string as well', async () => {
    const port = await closedPort();
    const error = await openFailure(
      `postgresql://mailops@127.0.0.1:${port}/mailops?password=s3cret-pw&sslpassword=s3cret-pw&sslmode=disable`,
    );
    expect(error.message).toContain(
      `postgresql://mailops@127.0.0.1:${port}/mailops?password=***&sslpassword=***&sslmode=disable`,
    );
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('reports DB_UNREACHABLE when the server never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const error = await openFailure(`postgresql://mailops:s3cret-pw@127.0.0.1:${port}/mailops`);
      expect(error.code).toBe('MO-DB-001');
      expect(error.message).not.toContain('s3cret-pw');
    } finally {
      silent.close();
    }
  });

  (postgresTierEnabled ? it : it.skip)(
    'reports a missing database on a running PostgreSQL server',
    async () => {
      const url = new URL(POSTGRES_TEST_URL);
      url.password = 's3cret-pw';
      url.pathname = '/mailops_no_such_database';
      const error = await openFailure(url.toString());

      expect(error.code).toBe('MO-DB-001');
      expect(error.message).toMatch(/database does not exist/);
      expect(error.message).not.toContain('s3cret-pw');
    },
  );
});

describeEachDatabase('openDatabase', (suite) => {
  it('opens, answers through Prisma and closes idempotently', async () => {
    const db = await suite.create({ migrate: false });
    try {
      expect(db.kind).toBe(suite.kind);
      expect(await db.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await db.cleanup();
    }
    await db.close();
  });
});
