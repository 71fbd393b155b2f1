// PGlite is a single-writer database in one process's memory: two processes opening the same data folder would
// each replay and overwrite the other's pages. PGlite itself takes no lock, so we take one before starting it.
// The lock is a file created with O_EXCL ('wx') holding the owner's pid and host; a lock whose pid no longer
// runs on this host is stale (the owner crashed) and is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { ERROR_CODES, MailopsError } from '../errors.ts';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (parsed && typeof parsed === 'object' && 'pid' in parsed && typeof parsed.pid === 'number') {
      return parsed as LockOwner;
    }
  } catch {
    // Unreadable or half-written: treated like a stale lock below.
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Locks this process holds, by path: our own pid in a lock file we do not hold is a previous incarnation. */
const heldHere = new Set<string>();

/**
 * True when the lock's owner may still be alive; a lock from another host cannot be checked, so it counts.
 * A container restarts with the same pid (often 1), so a lock naming our pid is ours only if we took it.
 */
function isHeld(path: string, owner: LockOwner | undefined): owner is LockOwner {
  if (!owner) return false;
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return heldHere.has(path);
  return isRunning(owner.pid);
}

function tryCreate(path: string, owner: LockOwner): boolean {
  try {
    const fd = openSync(path, 'wx');
    try {
      writeSync(fd, JSON.stringify(owner));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the data folder's lock or throws PGLITE_START_FAILED naming the process that holds it. `path` must be
 * canonical (realpath), so that two spellings of one folder meet the same lock. `description` names the
 * folder for the operator.
 */
export function acquireDataDirLock(path: string, description: string): DataDirLock {
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path, me)) {
      heldHere.add(path);
      return {
        path,
        release() {
          if (!heldHere.delete(path)) return;
          // Only remove our own lock: a stale-lock takeover by someone else must not be undone.
          const owner = readOwner(path);
          if (owner?.pid === me.pid && owner.since === me.since) rmSync(path, { force: true });
        },
      };
    }
    const owner = readOwner(path);
    if (isHeld(path, owner)) {
      const who = owner.pid === process.pid ? 'this process' : `process ${owner.pid} on ${owner.host}`;
      throw new MailopsError(
        ERROR_CODES.PGLITE_START_FAILED,
        `The embedded database in ${description} is already in use by another mailops (${who}, since ${owner.since}).`,
        {
          hint:
            'Stop the other mailops, or give this one its own data folder, or set DATABASE_URL to share a ' +
            'PostgreSQL server between several mailops processes.',
        },
      );
    }
    rmSync(path, { force: true });
  }
  throw new MailopsError(
    ERROR_CODES.PGLITE_START_FAILED,
    `Could not lock the embedded database in ${description}: another process keeps re-creating ${path}.`,
    { hint: 'Make sure only one mailops uses this data folder, or set DATABASE_URL.' },
  );
}
