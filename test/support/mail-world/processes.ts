import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// Small process helpers for the mail world's daemons: run a command, start a daemon that forks itself into the
// background (stdin from /dev/null, output to a log file, TESTBED.md), and stop daemons by the pid in their pid
// file, never by name.

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end; never throws for a non-zero exit (the caller reads `code`). */
export function run(
  command: string,
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
) {
  return new Promise<RunResult>((resolve) => {
    execFile(
      command,
      args,
      { timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024, env: options.env ?? process.env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: error && !stderr ? error.message : String(stderr) });
      },
    );
  });
}

/** Runs a command and throws with its output when it fails. */
export async function mustRun(
  command: string,
  args: readonly string[],
  what: string,
  env?: NodeJS.ProcessEnv,
): Promise<RunResult> {
  const result = await run(command, args, env ? { env } : {});
  if (result.code !== 0) {
    throw new Error(
      `${what}: \`${command} ${args.join(' ')}\` exited ${result.code}\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}

/**
 * Runs a command that starts a daemon (which forks into the background) with stdin from /dev/null and its
 * output appended to `logFile`, so no pipe is held open by the daemon. Resolves with the command's exit code.
 */
export function startDaemon(command: string, args: readonly string[], logFile: string): Promise<number> {
  const out = openSync(logFile, 'a');
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', out, out], detached: true });
    child.once('error', (error) => {
      closeSync(out);
      reject(error);
    });
    child.once('exit', (code) => {
      closeSync(out);
      resolve(code ?? 1);
    });
  });
}

/** The pid in a pid file (Postfix pads it with spaces), or undefined when there is none. */
export function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (dead, not yet reaped by its parent) still answers signal 0.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The command name of a running process (`/proc/<pid>/comm`), to check a pid file still means our daemon. */
export function processName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 25) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await sleep(stepMs);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopPid(pid: number, graceMs = 5_000): Promise<void> {
  if (!isAlive(pid)) return;
  signal(pid, 'SIGTERM');
  if (await waitUntil(() => !isAlive(pid), graceMs)) return;
  signal(pid, 'SIGKILL');
  await waitUntil(() => !isAlive(pid), 2_000);
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** Whether a TCP listener can bind host:port right now (we are root, so port 25 too). */
export function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Sets a generated file's times 10 s into the past: Postfix re-reads config and map files written in the
 * current second for about 2 s per process (TESTBED.md).
 */
export function backdate(...files: string[]) {
  const past = new Date(Date.now() - 10_000);
  for (const file of files) utimesSync(file, past, past);
}

/** The last lines of each log file that exists, headed like `tail`, for the message of a failed test. */
export function tailLogs(files: readonly string[], lines = 40): string {
  return files
    .filter((file) => existsSync(file))
    .map((file) => {
      const text = readFileSync(file, 'utf8').trimEnd();
      if (!text) return '';
      return `==> ${file} <==\n${text.split('\n').slice(-lines).join('\n')}`;
    })
    .filter(Boolean)
    .join('\n');
}
