import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { sweepAbandonedRuns } from '../../src/mail/abandoned-runs.ts';
import { MINIMAL_YAML, writeConfig } from '../config/fixture.ts';
import { tempDir } from '../support/databases.ts';

// Ctrl-C in a terminal running `mailops mailtest`, in its own process as an operator runs it. The run here
// waits on a resolver that never answers with a 60 s timeout, so only the signal can end it early: the first
// Ctrl-C is mailops' and ends every wait at once (test/cli/interrupt.test.ts shows the second is the
// system's). A terminal killed outright leaves its run behind, for a serving mailops to find.

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

/** `mailops mailtest agensi.gov.my` in English, asking only the silent resolver. */
async function startMailtest() {
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
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d) => (output.stdout += d));
  child.stderr?.on('data', (d) => (output.stderr += d));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  // The checks ask their first question only once mailops listens for the signal.
  await resolver.asked;
  return { child, output, exited, dataDir };
}

async function withDatabase<T>(
  dataDir: string,
  use: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
) {
  const database = await openDatabase({ dataDir, logger: createMemoryLogger() });
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

describe('mailops mailtest and Ctrl-C', () => {
  // The test's own limit is half the 60 s timeout: a run that waited out a question could not pass.
  it('ends every wait at once on the first Ctrl-C: the report so far is printed and the run stored stopped', async () => {
    const { child, output, exited, dataDir } = await startMailtest();
    child.kill('SIGINT');
    // 128 + SIGINT, as a shell reports a command the user interrupted; the process ended by itself.
    expect(await exited).toBe(130);
    expect(output.stderr).toContain(
      'Stopping: checks and probes still waiting end now as "could not test", and the report so far is printed.',
    );
    expect(output.stdout).toContain('agensi.gov.my');
    expect(output.stdout).toContain('mailops was stopped before the DNS answer came');
    expect(output.stdout).not.toMatch(/\bFAIL\b/);
    await withDatabase(dataDir, async (database) => {
      const run = await database.prisma.mailtestRun.findFirstOrThrow({ where: { domain: 'agensi.gov.my' } });
      expect(run).toMatchObject({ status: 'stopped', via: 'cli', leaseUntil: null });
      const findings = run.findings as { verdict: string; params: Record<string, unknown> }[];
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.verdict !== 'untested')).toEqual([]);
      expect(findings.some((f) => f.params.failure === 'stopped')).toBe(true);
    });
  }, 30_000);

  it('leaves the run of a killed terminal for a serving mailops to store as interrupted', async () => {
    const { child, exited, dataDir } = await startMailtest();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // What the killed terminal left: its run, leased while it lived. A serving mailops on the same data
    // finds the lease lapsed and stores the run interrupted.
    await withDatabase(dataDir, async (database) => {
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
    });
  }, 30_000);
});
