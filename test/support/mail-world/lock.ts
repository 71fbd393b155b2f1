import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, processName, readPid, stopPid } from './processes.ts';

// One mail world at a time on this machine: its Postfix instances own port 25 of fixed loopback addresses. The
// lock file names the process that owns the running world and its state folder. A world whose process died
// without close() (a killed test run) is cleaned up by the next start: its daemons are stopped by the pids in
// their pid files (when those pids are still NSD or a Postfix master) and its folder removed.

const LOCK_FILE = join(tmpdir(), 'mailops-mail-world.lock');

/** Prefix of every world's state folder in os.tmpdir(). */
export const STATE_PREFIX = 'mailops-mail-world-';

interface LockContent {
  readonly ownerPid: number;
  readonly stateDir: string;
}

/** The pid files a world's daemons write in its state folder. */
export function pidFiles(stateDir: string): { file: string; command: string }[] {
  // NSD names its processes `nsd: main`, `nsd: xfrd`…; a Postfix master is `master`.
  const files = [{ file: join(stateDir, 'nsd.pid'), command: 'nsd' }];
  if (existsSync(stateDir)) {
    for (const entry of readdirSync(stateDir)) {
      if (entry.startsWith('postfix-')) {
        files.push({ file: join(stateDir, entry, 'queue', 'pid', 'master.pid'), command: 'master' });
      }
    }
  }
  return files;
}

/** Stops the daemons of a world (by pid file, checking the pid is still that daemon) and removes its folder. */
export async function stopLeftovers(stateDir: string): Promise<void> {
  await Promise.all(
    pidFiles(stateDir).map(async ({ file, command }) => {
      const pid = readPid(file);
      if (pid && isAlive(pid) && processName(pid)?.startsWith(command)) await stopPid(pid);
    }),
  );
  if (dirname(stateDir) === tmpdir() && basename(stateDir).startsWith(STATE_PREFIX)) {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Takes the lock for a world in `stateDir`, first cleaning up after a world whose process is gone. */
export async function acquireLock(stateDir: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    let fd: number;
    try {
      fd = openSync(LOCK_FILE, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readLock();
      if (held && isAlive(held.ownerPid)) {
        const who = held.ownerPid === process.pid ? 'this process' : `process ${held.ownerPid}`;
        throw new Error(
          `a mail test world is already running in ${who} (state ${held.stateDir}); close() it before starting another (lock ${LOCK_FILE})`,
        );
      }
      if (!held && Date.now() - mtime(LOCK_FILE) < 2_000) {
        await sleep(50); // another process is writing it right now
        continue;
      }
      if (held) await stopLeftovers(held.stateDir);
      rmSync(LOCK_FILE, { force: true });
      continue;
    }
    const content: LockContent = { ownerPid: process.pid, stateDir };
    writeSync(fd, JSON.stringify(content));
    closeSync(fd);
    await sweepOrphans(stateDir);
    return;
  }
  throw new Error(`could not take the mail test world lock ${LOCK_FILE}`);
}

/** Marks a state folder kept on purpose (`keepState`): the orphan sweep leaves it alone. */
export const KEEP_MARKER = 'KEEP';

/**
 * Folders of worlds that are not running (we hold the lock), left when a process died mid-cleanup: their
 * daemons stopped by pid file, the folders removed, except those kept on purpose.
 */
async function sweepOrphans(current: string) {
  for (const entry of readdirSync(tmpdir())) {
    const dir = join(tmpdir(), entry);
    if (!entry.startsWith(STATE_PREFIX) || dir === current || existsSync(join(dir, KEEP_MARKER))) continue;
    await stopLeftovers(dir);
  }
}

export function releaseLock(stateDir: string): void {
  const held = readLock();
  if (held && held.ownerPid === process.pid && held.stateDir === stateDir) rmSync(LOCK_FILE, { force: true });
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function readLock(): LockContent | undefined {
  try {
    const content = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Partial<LockContent>;
    if (typeof content.ownerPid === 'number' && typeof content.stateDir === 'string') {
      return { ownerPid: content.ownerPid, stateDir: content.stateDir };
    }
  } catch {
    // unreadable or half written: treated as stale
  }
  return undefined;
}
