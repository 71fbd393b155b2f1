import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEEP_MARKER, worldLock } from './lock.ts';
import { startNsd } from './nsd.ts';
import { ensurePackages } from './packages.ts';
import { type DkimKey, Pki } from './pki.ts';
import { preparePostfix } from './postfix.ts';
import { canBind, tailLogs } from './processes.ts';
import { type Closable, startMtaSts, startSilentDns, startSilentSmtp, udpTcpPort } from './servers.ts';
import {
  BROKEN_ZONE_FILE,
  GOOD_DOMAIN,
  GOOD_MX,
  HOSTS,
  hardenedDomains,
  MTA_STS_POLICIES,
  misconfiguredDomains,
  OPENRELAY_DOMAIN,
  OPENRELAY_MX,
  type PlantedZone,
  plantedZones,
  SERVFAIL_DOMAIN,
  zoneFile,
} from './zones.ts';

// The real-servers test world for `/mailtest` (issue 5): on loopback only, from scratch in a fresh folder under
// os.tmpdir(), an authoritative name server (NSD) with the zones in zones.ts, two real Postfix instances on
// port 25 of their own addresses (one hardened, one misconfigured), an SMTP server that never speaks, a name
// server that never answers, and the MTA-STS policy host over HTTPS, all with certificates from a test CA made
// at setup. The product is pointed at it by configuration: DNS server 127.0.0.1:<dns.port>, SMTP on port 25 of
// the MX addresses, HTTPS on port 443 of 127.0.1.4, and `ca.certPem` as an extra trusted CA.
//
// One world at a time per machine (port 25 is fixed): start it in beforeAll, close() it in afterAll; vitest files
// may do so one after another. See TESTBED.md for why it is built this way.

export { ensurePackages } from './packages.ts';
export type { DkimKey } from './pki.ts';
export * from './zones.ts';

/** The Debian packages the world needs (installed with apt-get when missing). */
export const MAIL_WORLD_PACKAGES = ['nsd', 'postfix'] as const;

export interface MailWorldOptions {
  /** Keep the state folder (configs, zone files, logs) after close(), for debugging. Default false. */
  readonly keepState?: boolean;
}

export interface MailWorld {
  /** NSD, authoritative for every zone in `zones`, UDP and TCP. */
  readonly dns: { readonly host: '127.0.0.1'; readonly port: number };
  /** UDP and TCP port that reads queries and never answers ("the name server never answers"). */
  readonly silentDns: { readonly host: '127.0.0.1'; readonly port: number };
  /** The test CA that signed the Postfix STARTTLS and MTA-STS HTTPS certificates. */
  readonly ca: { readonly certPem: string; readonly certFile: string };
  /** The loopback addresses and what runs there. */
  readonly hosts: typeof HOSTS;
  /** The records NSD serves, as planted (DKIM keys included). */
  readonly zones: readonly PlantedZone[];
  /** The DKIM keys made at setup (private halves for tests that sign). */
  readonly dkim: { readonly good2048: DkimKey; readonly weak1024: DkimKey; readonly weak512: DkimKey };
  /** The MTA-STS host's requests so far, as `GET https://host/path`. */
  readonly mtaStsRequests: readonly string[];
  /** The world's folder under os.tmpdir() (removed by close()). */
  readonly stateDir: string;
  /** Milliseconds spent installing packages (0 when present) and setting up the world. */
  readonly timings: {
    readonly packagesMs: number;
    readonly setupMs: number;
    readonly installed: readonly string[];
  };
  /** Stops every daemon and server, frees port 25 (and 443), removes the folder. Safe to call more than once. */
  close(): Promise<void>;
  /** The tails of the Postfix and NSD logs, for the message of a failed test (still there after close()). */
  logs(): string;
}

/** Sets up a fresh mail world; throws (with the logs) when a part does not come up, after stopping the rest. */
export async function startMailWorld(options: MailWorldOptions = {}): Promise<MailWorld> {
  const packagesStarted = Date.now();
  const installed = await ensurePackages(MAIL_WORLD_PACKAGES);
  const started = Date.now();
  const packagesMs = installed.length > 0 ? started - packagesStarted : 0;

  const stateDir = mkdtempSync(join(tmpdir(), worldLock.statePrefix));
  chmodSync(stateDir, 0o755); // Postfix daemons run as `postfix` and must reach their queue inside it
  if (options.keepState)
    writeFileSync(join(stateDir, KEEP_MARKER), 'kept by startMailWorld({ keepState: true })\n');
  const parts: Closable[] = [];
  const logFiles: string[] = [];
  let lastLogs = '';
  const logs = () => (existsSync(stateDir) ? tailLogs(logFiles) : lastLogs);

  let closing: Promise<void> | undefined;
  const onExit = () => {
    worldLock.killSync(stateDir);
    if (!options.keepState) {
      try {
        rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // the next start sweeps it
      }
    }
    worldLock.release(stateDir);
  };
  const close = () => {
    closing ??= (async () => {
      const stopped = await Promise.allSettled(parts.map((part) => part.close()));
      lastLogs = tailLogs(logFiles);
      if (!options.keepState) rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
      worldLock.release(stateDir);
      process.off('exit', onExit);
      const errors = stopped.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      if (errors.length > 0) throw new AggregateError(errors, 'the mail test world did not stop cleanly');
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
    const busy: string[] = [];
    for (const [host, port] of [
      [HOSTS.hardened, 25],
      [HOSTS.misconfigured, 25],
      [HOSTS.silent, 25],
      [HOSTS.mtaSts, 443],
    ] as const) {
      if (!(await canBind(host, port))) busy.push(`${host}:${port}`);
    }
    if (busy.length > 0) {
      throw new Error(`the mail test world needs ${busy.join(', ')}, which another program is listening on`);
    }

    const pki = new Pki(stateDir);
    const [ca, good2048, weak1024, weak512] = await Promise.all([
      pki.ca(),
      pki.dkim('dkim-good-2048', 2048),
      pki.dkim('dkim-weak-1024', 1024),
      pki.dkim('dkim-weak-512', 512),
    ]);
    const [mxCert, stsCert] = await Promise.all([
      pki.server('mx1.good.test', [GOOD_MX], ca),
      pki.server('mta-sts', Object.keys(MTA_STS_POLICIES), ca),
    ]);
    const zones = plantedZones({
      good2048: good2048.publicKeyBase64,
      weak1024: weak1024.publicKeyBase64,
      weak512: weak512.publicKeyBase64,
    });

    const hardened = preparePostfix(stateDir, {
      name: 'hardened',
      address: HOSTS.hardened,
      main: {
        myhostname: GOOD_MX,
        mydomain: GOOD_DOMAIN,
        myorigin: GOOD_DOMAIN,
        mydestination: [GOOD_MX, ...hardenedDomains(zones)].join(', '),
        // The tests connect from 127.0.0.1, which must be outside.
        mynetworks: `${HOSTS.hardened}/32`,
        smtpd_relay_restrictions: 'permit_mynetworks, reject_unauth_destination',
        message_size_limit: '10485760',
        disable_vrfy_command: 'yes',
        smtpd_helo_required: 'yes',
        smtpd_tls_security_level: 'may',
        smtpd_tls_chain_files: `${mxCert.keyFile}, ${mxCert.certFile}`,
        smtpd_tls_protocols: '>=TLSv1.2',
        smtpd_tls_mandatory_protocols: '>=TLSv1.2',
        smtpd_tls_loglevel: '1',
      },
    });
    const misconfigured = preparePostfix(stateDir, {
      name: 'misconfigured',
      address: HOSTS.misconfigured,
      main: {
        myhostname: OPENRELAY_MX,
        mydomain: OPENRELAY_DOMAIN,
        myorigin: OPENRELAY_DOMAIN,
        mydestination: [OPENRELAY_MX, ...misconfiguredDomains(zones)].join(', '),
        // The open relay: every client counts as "ours" (Postfix refuses a bare `permit` relay rule).
        mynetworks: '0.0.0.0/0',
        // Relayed mail is accepted and thrown away (smtpd would reject at RCPT a recipient that resolves to
        // the error transport, which would hide the open relay).
        default_transport: 'discard:relayed mail is discarded in the mail test world',
        relay_transport: 'discard:relayed mail is discarded in the mail test world',
        smtpd_relay_restrictions: 'permit_mynetworks, reject_unauth_destination',
        message_size_limit: '52428800',
        disable_vrfy_command: 'no',
        smtpd_tls_security_level: 'none',
      },
    });
    logFiles.push(
      hardened.instance.logFile,
      misconfigured.instance.logFile,
      join(stateDir, 'nsd.log'),
      join(stateDir, 'nsd.out'),
    );

    const dnsPort = await udpTcpPort();
    // Everything starts at once (`postfix start` alone takes a few hundred ms).
    const silentDnsStart = startSilentDns();
    const mtaStsStart = startMtaSts(HOSTS.mtaSts, stsCert);
    const results = await Promise.allSettled<Closable>([
      startNsd(stateDir, {
        host: '127.0.0.1',
        port: dnsPort,
        identity: 'mail-world',
        zones: zones.map((zone) => ({ origin: zone.origin, text: zoneFile(zone) })),
        broken: { origin: SERVFAIL_DOMAIN, text: BROKEN_ZONE_FILE },
      }).then((nsd) => ({ close: () => nsd.stop() })),
      hardened.start().then((postfix) => ({ close: () => postfix.stop() })),
      misconfigured.start().then((postfix) => ({ close: () => postfix.stop() })),
      silentDnsStart,
      startSilentSmtp(HOSTS.silent),
      mtaStsStart,
    ]);
    for (const result of results) if (result.status === 'fulfilled') parts.push(result.value);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const silentDns = await silentDnsStart;
    const mtaSts = await mtaStsStart;

    return {
      dns: { host: '127.0.0.1', port: dnsPort },
      silentDns: { host: '127.0.0.1', port: silentDns.port },
      ca: { certPem: ca.certPem, certFile: ca.certFile },
      hosts: HOSTS,
      zones,
      dkim: { good2048, weak1024, weak512 },
      mtaStsRequests: mtaSts.requests,
      stateDir,
      timings: { packagesMs, setupMs: Date.now() - started, installed },
      close,
      logs,
    };
  } catch (error) {
    const text = tailLogs(logFiles);
    await close().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`the mail test world did not start: ${message}${text ? `\n${text}` : ''}`, {
      cause: error,
    });
  }
}
