import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createWorldLock } from '../mail-world/world-lock.ts';

// The delivery world's lock (mail-world/world-lock.ts): its daemons own fixed ports on 127.0.5.x. A lock file
// and folder prefix of its own, so it never touches the /mailtest world's.

export { KEEP_MARKER } from '../mail-world/world-lock.ts';

export const worldLock = createWorldLock({
  name: 'delivery test world',
  lockFile: 'mailops-delivery-world.lock',
  statePrefix: 'mailops-delivery-world-',
  pidFiles(stateDir) {
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
  },
});
