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

// One test world of a kind at a time on this machine: its daemons own fixed loopback ports. The lock file names
// the process that owns the running world and its state folder. A world whose process died without close()
// (a killed test run) is cleaned up by the next start: its daemons are stopped by the pids in their pid files
// (when those pids are still that daemon) and its folder removed. The /mailtest world and the delivery world
// each have a lock of their own (their lock.ts), so they can run side by side.

export interface WorldLockSpec {
  /** "mail test world", "delivery test world": named in refusals. */
  readonly name: string;
  /** The lock file's name in os.tmpdir(). */
  readonly lockFile: string;
  /** Prefix of every such world's state folder in os.tmpdir(). */
  readonly statePrefix: string;
  /** The pid files a world's daemons write in its state folder, with the command name each pid must have. */
  readonly pidFiles: (stateDir: string) => { file: string; command: string }[];
}

interface LockContent {
  readonly ownerPid: number;
  readonly stateDir: string;
}

/** Marks a state folder kept on purpose (`keepState`): the orphan sweep leaves it alone. */
export const KEEP_MARKER = 'KEEP';

export function createWorldLock(spec: WorldLockSpec) {
  const lockFile = join(tmpdir(), spec.lockFile);

  /** The pids of a world's daemons that are still running (and still that daemon). */
  function livePids(stateDir: string): number[] {
    const pids: number[] = [];
    for (const { file, command } of spec.pidFiles(stateDir)) {
      const pid = readPid(file);
      if (pid && isAlive(pid) && processName(pid)?.startsWith(command)) pids.push(pid);
    }
    return pids;
  }

  /** Stops the daemons of a world and removes its folder. */
  async function stopLeftovers(stateDir: string): Promise<void> {
    await Promise.all(livePids(stateDir).map((pid) => stopPid(pid)));
    if (dirname(stateDir) === tmpdir() && basename(stateDir).startsWith(spec.statePrefix)) {
      rmSync(stateDir, { recursive: true, force: true });
    }
  }

  /**
   * Folders of worlds that are not running (we hold the lock), left when a process died mid-cleanup: their
   * daemons stopped by pid file, the folders removed, except those kept on purpose.
   */
  async function sweepOrphans(current: string) {
    for (const entry of readdirSync(tmpdir())) {
      const dir = join(tmpdir(), entry);
      if (!entry.startsWith(spec.statePrefix) || dir === current || existsSync(join(dir, KEEP_MARKER)))
        continue;
      await stopLeftovers(dir);
    }
  }

  function readLock(): LockContent | undefined {
    try {
      const content = JSON.parse(readFileSync(lockFile, 'utf8')) as Partial<LockContent>;
      if (typeof content.ownerPid === 'number' && typeof content.stateDir === 'string') {
        return { ownerPid: content.ownerPid, stateDir: content.stateDir };
      }
    } catch {
      // unreadable or half written: treated as stale
    }
    return undefined;
  }

  return {
    statePrefix: spec.statePrefix,
    livePids,
    /**
     * On process exit without close(): SIGTERM the daemons by their pid files and wait (synchronously, at most
     * 3 s) for them to go, so none outlives the test run and none writes into the folder while it is removed.
     */
    killSync(stateDir: string): void {
      const pids = livePids(stateDir).filter((pid) => {
        try {
          process.kill(pid, 'SIGTERM');
          return true;
        } catch {
          return false; // already gone
        }
      });
      const nap = new Int32Array(new SharedArrayBuffer(4));
      const end = Date.now() + 3_000;
      while (pids.some(isAlive) && Date.now() < end) Atomics.wait(nap, 0, 0, 20);
    },
    /** Takes the lock for a world in `stateDir`, first cleaning up after a world whose process is gone. */
    async acquire(stateDir: string): Promise<void> {
      for (let attempt = 0; attempt < 50; attempt++) {
        let fd: number;
        try {
          fd = openSync(lockFile, 'wx', 0o644);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          const held = readLock();
          if (held && isAlive(held.ownerPid)) {
            const who = held.ownerPid === process.pid ? 'this process' : `process ${held.ownerPid}`;
            throw new Error(
              `a ${spec.name} is already running in ${who} (state ${held.stateDir}); close() it before starting another (lock ${lockFile})`,
            );
          }
          if (!held && Date.now() - mtime(lockFile) < 2_000) {
            await sleep(50); // another process is writing it right now
            continue;
          }
          if (held) await stopLeftovers(held.stateDir);
          rmSync(lockFile, { force: true });
          continue;
        }
        const content: LockContent = { ownerPid: process.pid, stateDir };
        writeSync(fd, JSON.stringify(content));
        closeSync(fd);
        await sweepOrphans(stateDir);
        return;
      }
      throw new Error(`could not take the ${spec.name} lock ${lockFile}`);
    },
    release(stateDir: string): void {
      const held = readLock();
      if (held && held.ownerPid === process.pid && held.stateDir === stateDir)
        rmSync(lockFile, { force: true });
    },
  };
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
