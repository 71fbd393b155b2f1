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
import { isAlive, processName, readPid, stopPid } from '../mail-world/processes.ts';

// One delivery world at a time on this machine (its daemons own fixed ports on 127.0.5.x), with its own lock
// file and folder prefix so it never touches the /mailtest world's. A world whose process died without close()
// is cleaned up by the next start: its daemons stopped by the pids in their pid files (when those pids are
// still that daemon), its folder removed.

const LOCK_FILE = join(tmpdir(), 'mailops-delivery-world.lock');

/** Prefix of every delivery world's state folder in os.tmpdir(). */
export const STATE_PREFIX = 'mailops-delivery-world-';

interface LockContent {
  readonly ownerPid: number;
  readonly stateDir: string;
}

/** The pid files a world's daemons write in its state folder, with the command name each pid must have. */
function pidFiles(stateDir: string): { file: string; command: string }[] {
  const files = [
    // NSD names its processes `nsd: main`, `nsd: xfrd`…
    { file: join(stateDir, 'nsd', 'nsd.pid'), command: 'nsd' },
    { file: join(stateDir, 'opendkim', 'opendkim.pid'), command: 'opendkim' },
  ];
  if (existsSync(stateDir)) {
    for (const entry of readdirSync(stateDir)) {
      if (entry.startsWith('postfix-')) {
        files.push({ file: join(stateDir, entry, 'queue', 'pid', 'master.pid'), command: 'master' });
      } else if (entry.startsWith('dovecot-')) {
        files.push({ file: join(stateDir, entry, 'run', 'master.pid'), command: 'dovecot' });
      }
    }
  }
  return files;
}

/** The pids of a world's daemons that are still running. */
export function livePids(stateDir: string): number[] {
  const pids: number[] = [];
  for (const { file, command } of pidFiles(stateDir)) {
    const pid = readPid(file);
    if (pid && isAlive(pid) && processName(pid)?.startsWith(command)) pids.push(pid);
  }
  return pids;
}

async function stopLeftovers(stateDir: string): Promise<void> {
  await Promise.all(livePids(stateDir).map((pid) => stopPid(pid)));
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
          `a delivery test world is already running in ${who} (state ${held.stateDir}); close() it before starting another (lock ${LOCK_FILE})`,
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
  throw new Error(`could not take the delivery test world lock ${LOCK_FILE}`);
}

/** Marks a state folder kept on purpose (`keepState`): the orphan sweep leaves it alone. */
export const KEEP_MARKER = 'KEEP';

/** Folders of worlds that are not running (we hold the lock), left when a process died mid-cleanup. */
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
