import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { sweepAbandonedRuns } from '../../src/mail/abandoned-runs.ts';
import { MINIMAL_YAML, writeConfig } from '../config/fixture.ts';
import { tempDir } from '../support/databases.ts';

// Ctrl-C in a terminal running `mailops mailtest`, in its own process as an operator runs it: the first
// signal is mailops' (it says what it is waiting for and stops the probes), the second is the system's.
// The run here waits on a resolver that never answers, so only the signals can end it early; the second
// leaves its run behind as a killed process does, for a serving mailops to find.

const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const s of sockets.splice(0)) s.close();
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A UDP resolver that reads every question and answers none; resolves once the first question arrives. */
async function silentResolver(): Promise<{ port: number; asked: Promise<void> }> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  const asked = new Promise<void>((resolve) => socket.once('message', () => resolve()));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, asked };
}

describe('mailops mailtest and Ctrl-C', () => {
  it('says what it waits for on the first Ctrl-C and quits at once on the second', async () => {
    const resolver = await silentResolver();
    const dataDir = tempDir('mailtest-interrupt');
    folders.push(dataDir);
    const config = writeConfig(`${MINIMAL_YAML}
mailtest:
  dns_servers: ['127.0.0.1:${resolver.port}']
  timeout_seconds: 60
`);
    const child = spawn(process.execPath, [main, 'mailtest', 'agensi.gov.my'], {
      env: {
        PATH: process.env.PATH ?? '',
        MAILOPS_CONFIG: config,
        MAILOPS_DATA_DIR: dataDir,
        MAILOPS_DEFAULT_LOCALE: 'en',
        MAILOPS_LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    // The checks ask their first question only once mailops listens for the signal.
    await resolver.asked;
    child.kill('SIGINT');
    for (let waited = 0; !stderr.includes('Stopping:'); waited += 50) {
      if (waited > 10_000) throw new Error(`mailops never said it was stopping:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(stderr).toContain('checks in flight finish within 60 s. Press Ctrl-C again to quit at once.');
    expect(child.exitCode).toBeNull();
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');

    // What the killed terminal left: its run, leased while it lived. A serving mailops on the same data
    // finds the lease lapsed and stores the run interrupted.
    const database = await openDatabase({ dataDir, logger: createMemoryLogger() });
    try {
      const left = await database.prisma.mailtestRun.findFirstOrThrow({ where: { domain: 'agensi.gov.my' } });
      expect(left).toMatchObject({ status: 'running', via: 'cli' });
      expect(left.leaseUntil).not.toBeNull();
      const later = new Date(left.leaseUntil!.getTime() + 1000);
      const sweep = { db: database.prisma, platforms: new Map(), logger: createMemoryLogger() };
      expect(await sweepAbandonedRuns({ ...sweep, clock: { now: () => left.startedAt } })).toBe(0);
      expect(await sweepAbandonedRuns({ ...sweep, clock: { now: () => later } })).toBe(1);
      expect(await database.prisma.mailtestRun.findUniqueOrThrow({ where: { id: left.id } })).toMatchObject({
        status: 'interrupted',
        leaseUntil: null,
      });
    } finally {
      await database.close();
    }
  }, 60_000);
});
