import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { backdate, canBind, isAlive, readPid, run, startDaemon, stopPid, waitUntil } from './processes.ts';

// Real Postfix 3.7 instances without postmulti or systemd (TESTBED.md): `postfix -c <dir> start|stop`, each with
// its own config folder, queue, data folder and log file (there is no syslog here, so `maillog_file` through the
// postlog service). `inet_interfaces` stays 127.0.0.1 and master.cf binds smtpd to the instance's own loopback
// address on port 25. Nothing ever leaves the machine: local mail is discarded, everything else goes to the
// error transport, and Postfix never asks DNS.

export interface PostfixInstance {
  readonly name: string;
  readonly address: string;
  readonly configDir: string;
  readonly logFile: string;
  /** The master's pid file (`<queue>/pid/master.pid`). */
  readonly pidFile: string;
  stop(): Promise<void>;
}

export interface PostfixSettings {
  /** Short name, used for the folder and `syslog_name`. */
  readonly name: string;
  /** Loopback address smtpd listens on, port 25. */
  readonly address: string;
  /** main.cf settings on top of the common ones. */
  readonly main: Readonly<Record<string, string>>;
}

const MASTER_CF_SERVICES = `pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
`;

/** Writes an instance's config folder (files back-dated) and returns how to start and stop it. */
export function preparePostfix(stateDir: string, settings: PostfixSettings) {
  const base = join(stateDir, `postfix-${settings.name}`);
  const configDir = join(base, 'etc');
  const queueDir = join(base, 'queue');
  const dataDir = join(base, 'data');
  const logFile = join(base, 'postfix.log');
  for (const dir of [configDir, queueDir]) mkdirSync(dir, { recursive: true });

  const main: Record<string, string> = {
    compatibility_level: '3.6',
    queue_directory: queueDir,
    data_directory: dataDir,
    syslog_name: `mailworld-${settings.name}`,
    maillog_file: logFile,
    maillog_file_prefixes: stateDir,
    inet_interfaces: '127.0.0.1',
    inet_protocols: 'ipv4',
    smtp_bind_address: settings.address,
    smtpd_banner: '$myhostname ESMTP',
    biff: 'no',
    append_dot_mydomain: 'no',
    readme_directory: 'no',
    alias_maps: '',
    alias_database: '',
    local_recipient_maps: 'inline:{ postmaster=postmaster, abuse=abuse, dmarc=dmarc, tlsrpt=tlsrpt }',
    local_transport: 'discard:local mail is discarded in the mail test world',
    default_transport: 'error:5.7.1 the mail test world delivers nowhere',
    relay_transport: 'error:5.7.1 the mail test world delivers nowhere',
    smtp_dns_support_level: 'disabled',
    smtpd_peername_lookup: 'no',
    maximal_queue_lifetime: '0',
    bounce_queue_lifetime: '0',
    mailbox_size_limit: '0',
    smtpd_tls_session_cache_database: '',
    ...settings.main,
  };
  const mainCf = join(configDir, 'main.cf');
  const masterCf = join(configDir, 'master.cf');
  writeFileSync(
    mainCf,
    Object.entries(main)
      .map(([key, value]) => `${key} = ${value}\n`)
      .join(''),
  );
  writeFileSync(
    masterCf,
    `${settings.address}:25 inet  n       -       n       -       -       smtpd\n${MASTER_CF_SERVICES}`,
  );
  backdate(mainCf, masterCf);

  const pidFile = join(queueDir, 'pid', 'master.pid');
  const instance: PostfixInstance = {
    name: settings.name,
    address: settings.address,
    configDir,
    logFile,
    pidFile,
    async stop() {
      const pid = readPid(pidFile);
      if (!pid || !isAlive(pid)) return;
      await run('postfix', ['-c', configDir, 'stop'], { timeoutMs: 15_000 });
      if (!(await waitUntil(() => !isAlive(pid), 10_000))) await stopPid(pid, 2_000);
      if (!(await waitUntil(() => canBind(settings.address, 25), 5_000, 50))) {
        throw new Error(`Postfix ${settings.name} stopped but ${settings.address}:25 is still taken`);
      }
    },
  };
  return {
    instance,
    /** `postfix start`, then wait for the 220 banner on port 25. */
    async start(): Promise<PostfixInstance> {
      const out = join(base, 'postfix-start.out');
      const code = await startDaemon('postfix', ['-c', configDir, 'start'], out);
      const ready = code === 0 && (await waitUntil(() => banner(settings.address), 20_000, 50));
      if (!ready) {
        await instance.stop();
        throw new Error(
          `Postfix ${settings.name} did not start on ${settings.address}:25 (postfix start exited ${code}); see ${logFile} and ${out}`,
        );
      }
      return instance;
    },
  };
}

/** Whether a 220 greeting arrives on address:25. */
function banner(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port: 25 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => {
      socket.end('QUIT\r\n');
      done(data.toString('latin1').startsWith('220 '));
    });
  });
}
