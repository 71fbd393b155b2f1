import { spawn } from 'node:child_process';
import { chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { canBind, isAlive, readPid, startDaemon, stopPid, waitUntil } from '../mail-world/processes.ts';

// One standalone Dovecot 2.3 per mail domain (TESTBED.md): `dovecot -c <file>` with base_dir, state_dir and the
// log in our folder, a fixed hostname, passwd-file users stored as the stock `mail` user (uid 8), IMAP with
// STARTTLS on <address>:143, LMTP and the Postfix SASL socket as unix sockets Postfix reaches by absolute path,
// the QUOTA plugin (count backend) with a per-user limit, and optionally Sieve with the vacation extension.

/** The stock `mail` user and group of Debian (first_valid_uid lowered to allow it). */
const MAIL_UID = 8;
const MAIL_GID = 8;

export interface DovecotUser {
  readonly user: string;
  readonly password: string;
  readonly quotaBytes: number;
  /** A Sieve script made active for this user. */
  readonly sieve?: string;
}

export interface DovecotSettings {
  /** Short name, used for the folder and `instance_name`. */
  readonly name: string;
  readonly address: string;
  readonly imapPort: number;
  readonly hostname: string;
  readonly domain: string;
  readonly users: readonly DovecotUser[];
  readonly tls: { readonly certFile: string; readonly keyFile: string };
  /** `host:port` where Sieve sends vacation replies over SMTP. */
  readonly submissionHost?: string;
}

export interface Dovecot {
  readonly configFile: string;
  /** Postfix `virtual_transport = lmtp:unix:<lmtpSocket>`. */
  readonly lmtpSocket: string;
  /** Postfix `smtpd_sasl_path` (with `smtpd_sasl_type = dovecot`). */
  readonly authSocket: string;
  readonly pidFile: string;
  readonly logFile: string;
  start(): Promise<void>;
  /** Stores a message in a user's INBOX as delivery would (`doveadm save`), counted by the quota. */
  save(user: string, message: string): Promise<void>;
  stop(): Promise<void>;
}

export function prepareDovecot(stateDir: string, settings: DovecotSettings): Dovecot {
  const dir = join(stateDir, `dovecot-${settings.name}`);
  const baseDir = join(dir, 'run');
  const homes = join(dir, 'home');
  const configFile = join(dir, 'dovecot.conf');
  const usersFile = join(dir, 'users');
  const logFile = join(dir, 'dovecot.log');
  const pidFile = join(baseDir, 'master.pid');
  for (const d of [baseDir, join(dir, 'state'), homes]) mkdirSync(d, { recursive: true });
  chownSync(homes, MAIL_UID, MAIL_GID);

  const lines = settings.users.map(
    (u) =>
      `${u.user}:{PLAIN}${u.password}::::::userdb_quota_rule=*:storage=${Math.round(u.quotaBytes / 1024)}k`,
  );
  // Read by the auth process as `dovecot`; the passwords are the tests' own (topology.ts).
  writeFileSync(usersFile, `${lines.join('\n')}\n`, { mode: 0o644 });
  for (const u of settings.users) {
    const [local, domain] = u.user.split('@') as [string, string];
    const home = join(homes, domain, local);
    mkdirSync(home, { recursive: true });
    chownSync(join(homes, domain), MAIL_UID, MAIL_GID);
    chownSync(home, MAIL_UID, MAIL_GID);
    if (u.sieve) {
      // The managesieve layout: scripts in ~/sieve, the active one linked from ~/.dovecot.sieve.
      const scripts = join(home, 'sieve');
      mkdirSync(scripts);
      writeFileSync(join(scripts, 'vacation.sieve'), u.sieve);
      symlinkSync('sieve/vacation.sieve', join(home, '.dovecot.sieve'));
      for (const f of [scripts, join(scripts, 'vacation.sieve')]) chownSync(f, MAIL_UID, MAIL_GID);
    }
  }
  const sieve = settings.users.some((u) => u.sieve);
  writeFileSync(configFile, config(settings, { baseDir, dir, homes, usersFile, logFile, sieve }));

  const dovecot: Dovecot = {
    configFile,
    lmtpSocket: join(baseDir, 'lmtp'),
    authSocket: join(baseDir, 'auth-postfix'),
    pidFile,
    logFile,
    async start() {
      const code = await startDaemon('dovecot', ['-c', configFile], join(dir, 'dovecot.out'));
      const ready =
        code === 0 && (await waitUntil(() => imapGreeting(settings.address, settings.imapPort), 15_000, 25));
      if (!ready) {
        await dovecot.stop();
        throw new Error(
          `Dovecot ${settings.name} did not answer on ${settings.address}:${settings.imapPort} (dovecot exited ${code}); see ${logFile} and ${join(dir, 'dovecot.out')}`,
        );
      }
    },
    async save(user, message) {
      await runWithInput('doveadm', ['-c', configFile, 'save', '-u', user, '-m', 'INBOX'], message);
    },
    async stop() {
      const pid = readPid(pidFile);
      if (!pid || !isAlive(pid)) return;
      // SIGTERM makes the master stop its children and close the listeners before it exits (about 1 s).
      await stopPid(pid, 5_000);
      if (!(await waitUntil(() => canBind(settings.address, settings.imapPort), 5_000, 50))) {
        throw new Error(
          `Dovecot ${settings.name} stopped but ${settings.address}:${settings.imapPort} is still taken`,
        );
      }
    },
  };
  return dovecot;
}

function config(
  s: DovecotSettings,
  p: { baseDir: string; dir: string; homes: string; usersFile: string; logFile: string; sieve: boolean },
): string {
  return `# Written by test/support/delivery-world/dovecot.ts
instance_name = delivery-world-${s.name}
base_dir = ${p.baseDir}
state_dir = ${join(p.dir, 'state')}
log_path = ${p.logFile}
log_timestamp = "%Y-%m-%d %H:%M:%S.%{usecs} "
hostname = ${s.hostname}
postmaster_address = postmaster@${s.domain}
protocols = imap lmtp
listen = ${s.address}
first_valid_uid = ${MAIL_UID}
last_valid_uid = ${MAIL_UID}
first_valid_gid = ${MAIL_GID}
mail_location = maildir:~/Maildir
recipient_delimiter = +
auth_mechanisms = plain login
auth_username_format = %Lu
disable_plaintext_auth = yes
ssl = yes
ssl_cert = <${s.tls.certFile}
ssl_key = <${s.tls.keyFile}
ssl_dh = </usr/share/dovecot/dh.pem
ssl_min_protocol = TLSv1.2
mail_plugins = $mail_plugins quota
lmtp_rcpt_check_quota = yes
${s.submissionHost ? `submission_host = ${s.submissionHost}` : ''}

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu ${p.usersFile}
}
userdb {
  driver = passwd-file
  args = username_format=%Lu ${p.usersFile}
  default_fields = uid=${MAIL_UID} gid=${MAIL_GID} home=${p.homes}/%Ld/%Ln
}

namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}

service imap-login {
  inet_listener imap {
    address = ${s.address}
    port = ${s.imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}

protocol imap {
  mail_plugins = $mail_plugins imap_quota
}
protocol lmtp {
  mail_plugins = $mail_plugins${p.sieve ? ' sieve' : ''}
}

plugin {
  quota = count:User quota
  quota_vsizes = yes
  quota_rule = *:storage=100M
  quota_grace = 0
${
  p.sieve
    ? `  sieve = file:~/sieve;active=~/.dovecot.sieve
  sieve_extensions = +vacation-seconds
  sieve_vacation_min_period = 0
`
    : ''
}}
`;
}

/** Runs a command with `input` on stdin; throws with its stderr when it fails. */
function runWithInput(command: string, args: readonly string[], input: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`\`${command} ${args.join(' ')}\` exited ${code}: ${stderr}`)),
    );
    child.stdin.end(input);
  });
}

/** Whether Dovecot's IMAP greeting (`* OK`) arrives on address:port. */
function imapGreeting(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => {
      socket.write('a LOGOUT\r\n');
      done(data.toString('latin1').startsWith('* OK'));
    });
  });
}
