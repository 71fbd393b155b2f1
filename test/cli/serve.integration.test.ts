import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/databases.ts';
import { freePort } from '../support/free-port.ts';

// `mailops serve` as `npm start` runs it, in its own process: the embedded database (PGlite) in a fresh data
// folder, /healthz once ready, a clean exit on SIGTERM, and a clear refusal for a second process on the same
// data folder.

const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A process whose output is kept, and whose exit says its code, or its signal and what it printed. */
function launch(
  command: readonly [string, ...string[]],
  env: Record<string, string>,
  options: { cwd?: string; detached?: boolean } = {},
) {
  const [file, ...args] = command;
  const child = spawn(file, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  // An exit by signal (a crash, or a SIGTERM the process did not handle) is reported with its signal and
  // what the process printed, so a failure says why rather than "null".
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? `${signal}\n${output}`)),
  );
  return { child, exited, output: () => output };
}

const serve = (env: Record<string, string>) =>
  launch([process.execPath, main, 'serve'], { MAILOPS_LOG_LEVEL: 'warn', ...env });

/** The output once it holds `text`: /healthz answers while the playground is still being set up. */
async function printed(server: { output(): string }, text: string): Promise<string> {
  for (let waited = 0; !server.output().includes(text); waited += 50) {
    if (waited > 10_000) throw new Error(`mailops never printed "${text}":\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return server.output();
}

async function waitHealthy(port: number, exited: Promise<unknown>): Promise<Response> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error('mailops exited before it was ready');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return res;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('mailops serve on the embedded database (PGlite)', () => {
  it('serves /healthz, refuses a second process on the same data folder, and exits cleanly on SIGTERM', async () => {
    const dataDir = tempDir('serve');
    folders.push(dataDir);
    const port = await freePort();
    const first = serve({ MAILOPS_DATA_DIR: dataDir, PORT: String(port) });
    const res = await waitHealthy(port, first.exited);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    await printed(first, `sedang berjalan di http://127.0.0.1:${port} (pangkalan data: pglite)`);
    // No chat credentials: the playground is the chat, and its page is served.
    await printed(first, `taman permainan tempatan di http://127.0.0.1:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/`)).headers.get('content-type')).toContain('text/html');

    const second = serve({ MAILOPS_DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/data folder|another mailops/i);
    expect(second.output()).not.toMatch(/\n\s+at /);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  }, 60_000);

  it('refuses a port another program holds, saying what to set, and leaves the data folder free', async () => {
    const dataDir = tempDir('serve');
    folders.push(dataDir);
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const server = serve({ MAILOPS_DATA_DIR: dataDir, PORT: String(port), MAILOPS_DEFAULT_LOCALE: 'en' });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(`Cannot listen on 127.0.0.1:${port} (EADDRINUSE). [MO-HTTP-001]`);
      expect(server.output()).toContain('set PORT to a free port');
      expect(server.output()).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
    }
    // The embedded database was let go: the next start on the same folder is served.
    const next = await freePort();
    const again = serve({ MAILOPS_DATA_DIR: dataDir, PORT: String(next) });
    await waitHealthy(next, again.exited);
    await printed(again, `sedang berjalan di http://127.0.0.1:${next}`);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 60_000);

  it('stops in order on a SIGTERM that comes while it starts, and the next start on the folder serves', async () => {
    const dataDir = tempDir('serve');
    folders.push(dataDir);
    const starting = serve({ MAILOPS_DATA_DIR: dataDir, PORT: String(await freePort()) });
    // The demo-configuration warning is printed before the embedded database opens and the schema migrates
    // on this fresh folder (seconds): the signal lands in the middle of the start. Like every line of the run, it
    // is in the operator's language (Malay unless MAILOPS_DEFAULT_LOCALE says English).
    await printed(starting, 'MAILOPS_CONFIG tidak ditetapkan');
    starting.child.kill('SIGTERM');
    expect(await starting.exited).toBe(0);
    const port = await freePort();
    const next = serve({ MAILOPS_DATA_DIR: dataDir, PORT: String(port) });
    expect(await (await waitHealthy(port, next.exited)).json()).toMatchObject({ status: 'ok' });
    await printed(next, `sedang berjalan di http://127.0.0.1:${port}`);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }, 60_000);

  it.each([
    ['npm alone', (pid: number) => process.kill(pid, 'SIGTERM')],
    ['the whole process group', (pid: number) => process.kill(-pid, 'SIGTERM')],
  ])(
    'stops in order when `npm start` is told to stop, signalling %s',
    async (_who, signal) => {
      // A supervisor that signals only the process it started (docker stop, a process manager) signals npm;
      // npm passes the signal to its script's shell, and a shell that is not exec'd into node would die alone,
      // leaving mailops running with nobody to stop it. One that signals the whole group (Ctrl-C, systemd)
      // reaches mailops twice, directly and through npm: the second must not cut the orderly stop short.
      const dataDir = tempDir('serve');
      folders.push(dataDir);
      const port = await freePort();
      const npm = launch(
        ['npm', 'start'],
        { HOME: dataDir, MAILOPS_DATA_DIR: dataDir, PORT: String(port) },
        { cwd: new URL('../..', import.meta.url).pathname, detached: true },
      );
      await waitHealthy(port, npm.exited);
      await printed(npm, `sedang berjalan di http://127.0.0.1:${port}`);
      signal(npm.child.pid!);
      expect(await npm.exited).toBe(0);
      expect(npm.output()).toContain('"msg":"shutting down"');
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    },
    60_000,
  );

  it('says where it listens in English with MAILOPS_DEFAULT_LOCALE=en', async () => {
    const dataDir = tempDir('serve');
    folders.push(dataDir);
    const port = await freePort();
    const server = serve({ MAILOPS_DATA_DIR: dataDir, PORT: String(port), MAILOPS_DEFAULT_LOCALE: 'en' });
    await waitHealthy(port, server.exited);
    await printed(server, `is listening on http://127.0.0.1:${port} (database: pglite)`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);
});

describe('mailops serve in production without chat credentials', () => {
  it('refuses to start rather than serve the playground, naming what to set', async () => {
    const dataDir = tempDir('serve');
    folders.push(dataDir);
    const server = serve({
      MAILOPS_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      NODE_ENV: 'production',
      MAILOPS_CONFIG: new URL('../../config/mailops.sample.yaml', import.meta.url).pathname,
      MAILOPS_DEFAULT_LOCALE: 'en',
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/playground is refused in production/);
    expect(server.output()).toMatch(/SLACK_BOT_TOKEN/);
    expect(server.output()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
