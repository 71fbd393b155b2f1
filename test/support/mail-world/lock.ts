import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createWorldLock } from './world-lock.ts';

// The /mailtest world's lock (world-lock.ts): its Postfix instances own port 25 of 127.0.1.x.

export { KEEP_MARKER } from './world-lock.ts';

export const worldLock = createWorldLock({
  name: 'mail test world',
  lockFile: 'mailops-mail-world.lock',
  statePrefix: 'mailops-mail-world-',
  pidFiles(stateDir) {
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
  },
});
