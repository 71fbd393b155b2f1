import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { isAlive, mustRun, readPid, startDaemon, stopPid, waitUntil } from '../mail-world/processes.ts';

// OpenDKIM as a milter on a loopback port (TESTBED.md), signing for one domain with one key. It signs what
// Postfix hands it from a daemon named in `MTA` (the submission and reinjection services set
// `milter_macro_daemon_name = ORIGINATING`) or from a client in `InternalHosts`; everything else it verifies.
// The key belongs to the `opendkim` user with mode 600.

export interface OpenDkimSettings {
  readonly address: string;
  readonly port: number;
  readonly domain: string;
  readonly selector: string;
  readonly privateKeyPem: string;
  /** Clients whose mail is signed whatever the daemon name. */
  readonly internalHosts: readonly string[];
  /** The name server OpenDKIM asks when it verifies (port 53 only: the setting takes addresses). */
  readonly nameserver: string;
  readonly authservId: string;
}

export interface OpenDkim {
  readonly pidFile: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export async function startOpenDkim(stateDir: string, s: OpenDkimSettings): Promise<OpenDkim> {
  const dir = join(stateDir, 'opendkim');
  mkdirSync(dir, { recursive: true });
  const { uid, gid } = await userIds('opendkim');
  chownSync(dir, uid, gid);
  const keyFile = join(dir, `${s.selector}.private`);
  writeFileSync(keyFile, s.privateKeyPem, { mode: 0o600 });
  chownSync(keyFile, uid, gid);
  const pidFile = join(dir, 'opendkim.pid');
  const logFile = join(dir, 'opendkim.out');
  const configFile = join(dir, 'opendkim.conf');
  writeFileSync(
    configFile,
    [
      `Socket inet:${s.port}@${s.address}`,
      `PidFile ${pidFile}`,
      'UserID opendkim:opendkim',
      'Background yes',
      'AutoRestart no',
      // No syslog on this machine: OpenDKIM's own log lines go nowhere, so results are read from the mail.
      'Syslog no',
      'Mode sv',
      `Domain ${s.domain}`,
      `Selector ${s.selector}`,
      `KeyFile ${keyFile}`,
      // OpenDKIM checks every directory from / down to the key; os.tmpdir() is world-writable (mode 1777), so
      // the key would count as insecure however private its own folder and mode are.
      'RequireSafeKeys no',
      'Canonicalization relaxed/relaxed',
      'SignatureAlgorithm rsa-sha256',
      'OversignHeaders From',
      `InternalHosts ${s.internalHosts.join(', ')}`,
      'MTA ORIGINATING',
      `Nameservers ${s.nameserver}`,
      `AuthservID ${s.authservId}`,
      'UMask 007',
      '',
    ].join('\n'),
  );
  const code = await startDaemon('opendkim', ['-x', configFile], logFile);
  const opendkim: OpenDkim = {
    pidFile,
    logFile,
    async stop() {
      const pid = readPid(pidFile);
      // On SIGTERM libmilter finishes only after its 5 s listener timeout; OpenDKIM keeps no state, so it
      // gets a moment to close and is then killed.
      if (pid && isAlive(pid)) await stopPid(pid, 300);
    },
  };
  const ready = code === 0 && (await waitUntil(() => accepts(s.address, s.port), 10_000, 25));
  if (!ready) {
    await opendkim.stop();
    throw new Error(
      `OpenDKIM did not listen on ${s.address}:${s.port} (opendkim exited ${code}); see ${logFile}`,
    );
  }
  return opendkim;
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    mustRun('id', ['-u', name], `looking up the ${name} user`),
    mustRun('id', ['-g', name], `looking up the ${name} group`),
  ]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Whether a TCP connection to address:port is accepted (the milter speaks only after the MTA does). */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
  });
}
