import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePackages } from '../mail-world/packages.ts';
import { run, tailLogs } from '../mail-world/processes.ts';
import { type Part, startDaemons } from './daemons.ts';
import { KEEP_MARKER, worldLock } from './lock.ts';
import {
  type MailboxDelivery,
  type PostfixLogLine,
  parseDovecotDeliveries,
  parsePostfixLog,
} from './logs.ts';
import {
  AGENCY_DOMAIN,
  AGENCY_SIZE_LIMIT,
  DELIVERY_HOSTS,
  DELIVERY_PORTS,
  DKIM_SELECTOR,
  MAIL_HOSTS,
  MAILBOX_SPECS,
  type MailboxName,
  OUTSIDE_DOMAIN,
  OUTSIDE_SIZE_LIMIT,
  type Side,
  UNKNOWN_RECIPIENT,
  UNREACHABLE_DOMAIN,
} from './topology.ts';

// The real-servers test world for delivery probes (issue 6): on loopback only, from scratch in a fresh folder
// under os.tmpdir(), two mail domains that send to each other: agency.test (Postfix on 127.0.5.1 with OpenDKIM
// signing, Dovecot with QUOTA and a Sieve vacation responder) and outside.test (Postfix and Dovecot on
// 127.0.5.2), and NSD on 127.0.5.3:53 with both zones. The bot is pointed at it by configuration: submission on
// 587 and IMAP on 143 of a domain's address (STARTTLS, certificates from the test CA in `ca`, names in
// MAIL_HOSTS), its resolver at `dns`. See TESTBED.md for why it is built this way.
//
// One delivery world at a time per machine (fixed ports on 127.0.5.x); it can run beside the /mailtest world.
// Start it in beforeAll and close() it in afterAll.

export type { MailboxDelivery, PostfixLogLine } from './logs.ts';
export * from './topology.ts';

/** The Debian packages the world needs (installed with apt-get when missing). */
export const DELIVERY_WORLD_PACKAGES = [
  'postfix',
  'nsd',
  'dovecot-core',
  'dovecot-imapd',
  'dovecot-lmtpd',
  'dovecot-sieve',
  'opendkim',
] as const;

interface Endpoint {
  readonly host: string;
  readonly port: number;
  /** The name the server's certificate is for (TLS servername). */
  readonly servername: string;
}

export interface DeliveryMailbox {
  /** The login, which is also the mailbox's address. */
  readonly user: string;
  readonly password: string;
  readonly domain: string;
  readonly quotaBytes: number;
  /** IMAP with STARTTLS (no implicit TLS port). */
  readonly imap: Endpoint;
  /** SMTP submission with STARTTLS required before AUTH PLAIN/LOGIN. */
  readonly submission: Endpoint;
}

export interface DeliveryWorld {
  readonly domains: { readonly agency: string; readonly outside: string; readonly unreachable: string };
  readonly addresses: typeof DELIVERY_HOSTS;
  readonly ports: typeof DELIVERY_PORTS;
  readonly mailHosts: typeof MAIL_HOSTS;
  /** NSD, authoritative for agency.test, outside.test and 5.0.127.in-addr.arpa, UDP and TCP. */
  readonly dns: { readonly host: string; readonly port: number };
  /** The test CA that signed every server certificate. */
  readonly ca: { readonly certPem: string; readonly certFile: string };
  readonly mailboxes: Readonly<Record<MailboxName, DeliveryMailbox>>;
  /** An agency.test address refused at RCPT (550 5.1.1). */
  readonly unknownRecipient: string;
  /** agency.test's DKIM key (2048-bit RSA), published at `<selector>._domainkey.agency.test`. */
  readonly dkim: {
    readonly domain: string;
    readonly selector: string;
    readonly publicKeyBase64: string;
    readonly privateKeyPem: string;
  };
  /** Postfix `message_size_limit` of each domain, in bytes. */
  readonly sizeLimits: { readonly agency: number; readonly outside: number };
  /** The world's folder under os.tmpdir() (removed by close()). */
  readonly stateDir: string;
  /** Milliseconds spent installing packages (0 when present) and setting up the world. */
  readonly timings: {
    readonly packagesMs: number;
    readonly setupMs: number;
    readonly installed: readonly string[];
  };
  /**
   * The Postfix log of a domain (`agency.test` or `outside.test`), parsed. Its timestamps are whole seconds;
   * `fields.delay` (10 ms steps) is how long the message spent in that Postfix. Still readable after close().
   */
  postfixLog(domain: string): readonly PostfixLogLine[];
  /**
   * Dovecot's `lmtp(user): msgid=<…>: saved mail to INBOX` lines of a domain, with millisecond times (the log
   * has microseconds): when each message reached its mailbox. Still readable after close().
   */
  inboxLog(domain: string): readonly MailboxDelivery[];
  /** The tails of every daemon's log, for the message of a failed test (still there after close()). */
  logs(): string;
  /**
   * Changes a domain's Postfix as an administrator would (`postconf -e`, then `postfix reload`), e.g. the
   * message size limit a complaint's fix is about; the change lasts until close().
   */
  postconf(side: Side, settings: Readonly<Record<string, string>>): Promise<void>;
  /** Stops every daemon by pid, frees every port, removes the folder. Safe to call more than once. */
  close(): Promise<void>;
}

export interface DeliveryWorldOptions {
  /** Keep the state folder (configs, mail, logs) after close(), for debugging. Default false. */
  readonly keepState?: boolean;
}

/** Sets up a fresh delivery world; throws (with the logs) when a part does not come up, after stopping the rest. */
export async function startDeliveryWorld(options: DeliveryWorldOptions = {}): Promise<DeliveryWorld> {
  const packagesStarted = Date.now();
  const installed = await ensurePackages(DELIVERY_WORLD_PACKAGES);
  const started = Date.now();
  const packagesMs = installed.length > 0 ? started - packagesStarted : 0;

  const stateDir = mkdtempSync(join(tmpdir(), worldLock.statePrefix));
  // Postfix runs as `postfix`, Dovecot's processes as `mail` and `dovecot`: they must traverse it.
  chmodSync(stateDir, 0o755);
  if (options.keepState)
    writeFileSync(join(stateDir, KEEP_MARKER), 'kept by startDeliveryWorld({ keepState: true })\n');
  const parts: Part[] = [];
  const logFiles: string[] = [];
  // Log files by `postfix:<domain>` and `dovecot:<domain>`, and their text as it was at close().
  const domainLogs: Record<string, string> = {};
  let lastLogs = '';
  let lastDomainLogs: Record<string, string> = {};
  const logs = () => (existsSync(stateDir) ? tailLogs(logFiles) : lastLogs);
  const domainLog = (key: string) => {
    const file = domainLogs[key];
    if (!file) throw new Error(`the delivery world has no ${key.replace(':', ' for ')}`);
    return existsSync(file) ? readFileSync(file, 'utf8') : (lastDomainLogs[key] ?? '');
  };

  let closing: Promise<void> | undefined;
  const onExit = () => {
    worldLock.killSync(stateDir);
    if (!options.keepState) rmQuietly(stateDir);
    worldLock.release(stateDir);
  };
  const close = () => {
    closing ??= (async () => {
      const stopped = await Promise.allSettled(parts.map((part) => part.close()));
      lastLogs = tailLogs(logFiles);
      lastDomainLogs = Object.fromEntries(
        Object.entries(domainLogs).map(([key, f]) => [key, existsSync(f) ? readFileSync(f, 'utf8') : '']),
      );
      if (!options.keepState) rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
      worldLock.release(stateDir);
      process.off('exit', onExit);
      const errors = stopped.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      if (errors.length > 0) throw new AggregateError(errors, 'the delivery test world did not stop cleanly');
    })();
    return closing;
  };

  try {
    await worldLock.acquire(stateDir);
  } catch (error) {
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
  process.on('exit', onExit);

  try {
    const { ca, dkim, postfixConfigDirs } = await startDaemons(stateDir, {
      part: (part) => parts.push(part),
      log: (file, key) => {
        logFiles.push(file);
        if (key) domainLogs[key] = file;
      },
    });

    const endpoint = (side: Side, port: number): Endpoint => ({
      host: DELIVERY_HOSTS[side],
      port,
      servername: MAIL_HOSTS[side],
    });
    const mailboxes = Object.fromEntries(
      Object.entries(MAILBOX_SPECS).map(([name, m]) => [
        name,
        {
          user: m.user,
          password: m.password,
          domain: m.side === 'agency' ? AGENCY_DOMAIN : OUTSIDE_DOMAIN,
          quotaBytes: m.quotaBytes,
          imap: endpoint(m.side, DELIVERY_PORTS.imap),
          submission: endpoint(m.side, DELIVERY_PORTS.submission),
        },
      ]),
    ) as Record<MailboxName, DeliveryMailbox>;

    return {
      domains: { agency: AGENCY_DOMAIN, outside: OUTSIDE_DOMAIN, unreachable: UNREACHABLE_DOMAIN },
      addresses: DELIVERY_HOSTS,
      ports: DELIVERY_PORTS,
      mailHosts: MAIL_HOSTS,
      dns: { host: DELIVERY_HOSTS.dns, port: DELIVERY_PORTS.dns },
      ca: { certPem: ca.certPem, certFile: ca.certFile },
      mailboxes,
      unknownRecipient: UNKNOWN_RECIPIENT,
      dkim: {
        domain: AGENCY_DOMAIN,
        selector: DKIM_SELECTOR,
        publicKeyBase64: dkim.publicKeyBase64,
        privateKeyPem: dkim.privateKeyPem,
      },
      sizeLimits: { agency: AGENCY_SIZE_LIMIT, outside: OUTSIDE_SIZE_LIMIT },
      stateDir,
      timings: { packagesMs, setupMs: Date.now() - started, installed },
      postfixLog: (domain) => parsePostfixLog(domainLog(`postfix:${domain}`)),
      inboxLog: (domain) => parseDovecotDeliveries(domainLog(`dovecot:${domain}`)),
      logs,
      async postconf(side, settings) {
        const dir = postfixConfigDirs[side];
        const edits = Object.entries(settings).map(([k, v]) => `${k}=${v}`);
        for (const [command, args] of [
          ['postconf', ['-c', dir, '-e', ...edits]],
          ['postfix', ['-c', dir, 'reload']],
        ] as const) {
          const result = await run(command, args, { timeoutMs: 15_000 });
          if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
        }
      },
      close,
    };
  } catch (error) {
    const text = tailLogs(logFiles);
    await close().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`the delivery test world did not start: ${message}${text ? `\n${text}` : ''}`, {
      cause: error,
    });
  }
}

function rmQuietly(dir: string) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // the next start sweeps it
  }
}
