import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startNsd } from '../mail-world/nsd.ts';
import { type DkimKey, type Pem, Pki } from '../mail-world/pki.ts';
import { canBind } from '../mail-world/processes.ts';
import { prepareDovecot } from './dovecot.ts';
import { startOpenDkim } from './opendkim.ts';
import { prepareMailDomain } from './postfix.ts';
import {
  AGENCY_DOMAIN,
  AGENCY_SIZE_LIMIT,
  DELIVERY_HOSTS,
  DELIVERY_PORTS,
  DKIM_SELECTOR,
  MAIL_HOSTS,
  MAILBOX_SPECS,
  OUTSIDE_DOMAIN,
  OUTSIDE_SIZE_LIMIT,
  type Side,
  SMALL_MAILBOX_FILL_BYTES,
  UNREACHABLE_DOMAIN,
  VACATION_SCRIPT,
} from './topology.ts';
import { deliveryZones, zoneText } from './zones.ts';

// Makes the keys and certificates, writes every daemon's configuration and starts them all at once: NSD,
// OpenDKIM, a Dovecot and a Postfix per domain. Each daemon that came up is handed to `track.part` at once, so
// the caller can stop it when another one fails.

export interface Part {
  close(): Promise<void>;
}

export interface DaemonTracker {
  part(part: Part): void;
  /** A log file to show when something fails; `key` (`postfix:<domain>`, `dovecot:<domain>`) to read it by. */
  log(file: string, key?: string): void;
}

export async function startDaemons(
  stateDir: string,
  track: DaemonTracker,
): Promise<{ ca: Pem; dkim: DkimKey; postfixConfigDirs: Readonly<Record<Side, string>> }> {
  await checkPortsFree();
  const pkiDir = join(stateDir, 'pki');
  mkdirSync(pkiDir);
  const pki = new Pki(pkiDir);
  const [ca, dkim] = await Promise.all([pki.ca(), pki.dkim(`dkim-${DKIM_SELECTOR}`, 2048)]);
  const [agencyCert, outsideCert] = await Promise.all([
    pki.server(MAIL_HOSTS.agency, [MAIL_HOSTS.agency, AGENCY_DOMAIN], ca),
    pki.server(MAIL_HOSTS.outside, [MAIL_HOSTS.outside, OUTSIDE_DOMAIN], ca),
  ]);

  const users = (side: Side) =>
    Object.values(MAILBOX_SPECS)
      .filter((m) => m.side === side)
      .map((m) => ({
        user: m.user,
        password: m.password,
        quotaBytes: m.quotaBytes,
        ...(m.user === MAILBOX_SPECS.vacation.user ? { sieve: VACATION_SCRIPT } : {}),
      }));
  const agencyHost = DELIVERY_HOSTS.agency;
  const outsideHost = DELIVERY_HOSTS.outside;
  const agencyDovecot = prepareDovecot(stateDir, {
    name: 'agency',
    address: agencyHost,
    imapPort: DELIVERY_PORTS.imap,
    hostname: MAIL_HOSTS.agency,
    domain: AGENCY_DOMAIN,
    users: users('agency'),
    tls: agencyCert,
    submissionHost: `${agencyHost}:${DELIVERY_PORTS.reinjection}`,
  });
  const outsideDovecot = prepareDovecot(stateDir, {
    name: 'outside',
    address: outsideHost,
    imapPort: DELIVERY_PORTS.imap,
    hostname: MAIL_HOSTS.outside,
    domain: OUTSIDE_DOMAIN,
    users: users('outside'),
    tls: outsideCert,
  });
  const unreachable = `${DELIVERY_HOSTS.unreachable}:${DELIVERY_PORTS.smtp}`;
  const agencyPostfix = prepareMailDomain(stateDir, {
    name: 'agency',
    domain: AGENCY_DOMAIN,
    hostname: MAIL_HOSTS.agency,
    address: agencyHost,
    submissionPort: DELIVERY_PORTS.submission,
    mailboxes: users('agency').map((u) => u.user),
    routes: {
      [OUTSIDE_DOMAIN]: `${outsideHost}:${DELIVERY_PORTS.smtp}`,
      [UNREACHABLE_DOMAIN]: unreachable,
    },
    messageSizeLimit: AGENCY_SIZE_LIMIT,
    tls: { ...agencyCert, caFile: ca.certFile },
    lmtpSocket: agencyDovecot.lmtpSocket,
    authSocket: agencyDovecot.authSocket,
    milter: `inet:${agencyHost}:${DELIVERY_PORTS.dkimMilter}`,
    reinjectionPort: DELIVERY_PORTS.reinjection,
  });
  const outsidePostfix = prepareMailDomain(stateDir, {
    name: 'outside',
    domain: OUTSIDE_DOMAIN,
    hostname: MAIL_HOSTS.outside,
    address: outsideHost,
    submissionPort: DELIVERY_PORTS.submission,
    mailboxes: users('outside').map((u) => u.user),
    routes: { [AGENCY_DOMAIN]: `${agencyHost}:${DELIVERY_PORTS.smtp}`, [UNREACHABLE_DOMAIN]: unreachable },
    messageSizeLimit: OUTSIDE_SIZE_LIMIT,
    tls: { ...outsideCert, caFile: ca.certFile },
    lmtpSocket: outsideDovecot.lmtpSocket,
    authSocket: outsideDovecot.authSocket,
  });
  track.log(agencyPostfix.logFile, `postfix:${AGENCY_DOMAIN}`);
  track.log(outsidePostfix.logFile, `postfix:${OUTSIDE_DOMAIN}`);
  track.log(agencyDovecot.logFile, `dovecot:${AGENCY_DOMAIN}`);
  track.log(outsideDovecot.logFile, `dovecot:${OUTSIDE_DOMAIN}`);
  for (const file of [
    join(stateDir, 'dovecot-agency', 'dovecot.out'),
    join(stateDir, 'dovecot-outside', 'dovecot.out'),
    join(stateDir, 'opendkim', 'opendkim.out'),
    join(stateDir, 'nsd', 'nsd.log'),
    join(stateDir, 'nsd', 'nsd.out'),
  ])
    track.log(file);

  // Everything starts at once (`postfix start` alone runs `postfix check` for a second or more).
  const results = await Promise.allSettled<Part>([
    startNsd(join(stateDir, 'nsd'), {
      host: DELIVERY_HOSTS.dns,
      port: DELIVERY_PORTS.dns,
      identity: 'delivery-world',
      zones: deliveryZones(dkim.publicKeyBase64).map((zone) => ({
        origin: zone.origin,
        text: zoneText(zone),
      })),
    }).then((nsd) => ({ close: () => nsd.stop() })),
    startOpenDkim(stateDir, {
      address: agencyHost,
      port: DELIVERY_PORTS.dkimMilter,
      domain: AGENCY_DOMAIN,
      selector: DKIM_SELECTOR,
      privateKeyPem: dkim.privateKeyPem,
      internalHosts: [agencyHost],
      nameserver: DELIVERY_HOSTS.dns,
      authservId: MAIL_HOSTS.agency,
    }).then((opendkim) => ({ close: () => opendkim.stop() })),
    ...[agencyDovecot, outsideDovecot].map((dovecot) =>
      dovecot.start().then(() => ({ close: () => dovecot.stop() })),
    ),
    agencyPostfix.start().then(() => ({ close: () => agencyPostfix.stop() })),
    outsidePostfix.start().then(() => ({ close: () => outsidePostfix.stop() })),
  ]);
  for (const result of results) if (result.status === 'fulfilled') track.part(result.value);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;

  await agencyDovecot.save(MAILBOX_SPECS.small.user, fillerMessage(SMALL_MAILBOX_FILL_BYTES));

  return {
    ca,
    dkim,
    postfixConfigDirs: {
      agency: agencyPostfix.instance.configDir,
      outside: outsidePostfix.instance.configDir,
    },
  };
}

async function checkPortsFree() {
  const wanted: [string, number][] = [
    [DELIVERY_HOSTS.agency, DELIVERY_PORTS.smtp],
    [DELIVERY_HOSTS.agency, DELIVERY_PORTS.submission],
    [DELIVERY_HOSTS.agency, DELIVERY_PORTS.reinjection],
    [DELIVERY_HOSTS.agency, DELIVERY_PORTS.imap],
    [DELIVERY_HOSTS.agency, DELIVERY_PORTS.dkimMilter],
    [DELIVERY_HOSTS.outside, DELIVERY_PORTS.smtp],
    [DELIVERY_HOSTS.outside, DELIVERY_PORTS.submission],
    [DELIVERY_HOSTS.outside, DELIVERY_PORTS.imap],
    [DELIVERY_HOSTS.dns, DELIVERY_PORTS.dns],
  ];
  const busy: string[] = [];
  for (const [host, port] of wanted) if (!(await canBind(host, port))) busy.push(`${host}:${port}`);
  if (busy.length > 0) {
    throw new Error(
      `the delivery test world needs ${busy.join(', ')}, which another program is listening on`,
    );
  }
}

/** A plain-text message of about `bytes` bytes (76-character lines), to use up part of a quota. */
function fillerMessage(bytes: number): string {
  const line = `${'quota filler '.repeat(6).slice(0, 76)}\n`;
  const header = `From: <filler@${AGENCY_DOMAIN}>\nTo: <${MAILBOX_SPECS.small.user}>\nSubject: quota filler\nDate: ${new Date().toUTCString()}\nMessage-ID: <quota-filler@${AGENCY_DOMAIN}>\n\n`;
  return header + line.repeat(Math.ceil((bytes - header.length) / line.length));
}
