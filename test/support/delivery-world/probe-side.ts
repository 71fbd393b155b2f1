import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { Secret } from '../../../src/config/secret.ts';
import type { Logger } from '../../../src/log.ts';
import type { MailEndpoint, ProbeMailbox } from '../../../src/mail/probe/delivery-types.ts';
import type { ProbeDeps } from '../../../src/mail/probe/probe-deps.ts';
import { createDnsClient } from '../../../src/mail/resolver.ts';
import { ImapSession } from './imap-client.ts';
import { type DeliveryMailbox, type DeliveryWorld, startDeliveryWorld } from './index.ts';

// The delivery world as the probe engine is configured with it: its mailboxes as ProbeMailbox (STARTTLS on
// 587 and 143, certificates for the mail host names), and ProbeDeps with the resolver on the world's NSD and
// its CA. startWorldWhenFree() waits for another process's world (a bench, a colleague's test run) to close
// instead of failing at once: the world's lock allows one per machine.

const HELD = /already running in process (\d+)/;

export async function startWorldWhenFree(waitMs = 240_000): Promise<DeliveryWorld> {
  const started = Date.now();
  for (;;) {
    try {
      return await startDeliveryWorld();
    } catch (error) {
      if (!HELD.test(error instanceof Error ? error.message : '') || Date.now() - started > waitMs)
        throw error;
      await sleep(2_000);
    }
  }
}

const endpoint = (e: DeliveryMailbox['imap']): MailEndpoint => ({
  host: e.host,
  port: e.port,
  security: 'starttls',
  servername: e.servername,
});

export function probeMailbox(box: DeliveryMailbox, change: Partial<ProbeMailbox> = {}): ProbeMailbox {
  return {
    address: box.user,
    username: box.user,
    password: new Secret(box.password),
    submission: endpoint(box.submission),
    imap: endpoint(box.imap),
    ...change,
  };
}

/** An address of the world that nobody reads: probes to it are watched from the sender's side only. */
export function sendOnly(address: string, like: ProbeMailbox): ProbeMailbox {
  return { ...like, address, username: address, imap: null };
}

export function probeDeps(world: DeliveryWorld, logger?: Logger): ProbeDeps {
  return {
    dns: createDnsClient({ servers: [`${world.dns.host}:${world.dns.port}`], timeoutMs: 2_000 }),
    ca: [world.ca.certPem],
    timeoutMs: 5_000,
    heloName: 'probe-client.mailops.test',
    ...(logger ? { logger } : {}),
  };
}

/** A session on a mailbox's INBOX, selected, for reading what the servers did; logged out afterwards. */
export async function withInbox<T>(
  world: DeliveryWorld,
  box: DeliveryMailbox,
  use: (imap: ImapSession) => Promise<T>,
): Promise<T> {
  const imap = await ImapSession.open({
    host: box.imap.host,
    port: box.imap.port,
    servername: box.imap.servername,
    ca: world.ca.certPem,
    user: box.user,
    password: box.password,
  });
  try {
    const selected = await imap.command('SELECT INBOX');
    expect(selected.status).toBe('OK');
    return await use(imap);
  } finally {
    await imap.logout();
  }
}

/** UIDs of the messages in a mailbox's INBOX that mention the probe id anywhere (a bounce quotes it). */
export function leftovers(world: DeliveryWorld, box: DeliveryMailbox, probeId: string): Promise<number[]> {
  return withInbox(world, box, (imap) => imap.search(`TEXT "${probeId}"`));
}

/**
 * A mailops configuration file monitoring agency.test through the world's probe mailboxes, as an operator
 * writes it: the passwords come from AGENCY_PROBE_PW and OUTSIDE_PROBE_PW (`probePasswords`).
 */
export function deliveryConfigYaml(world: DeliveryWorld, options: { deadlineSeconds: number }): string {
  const box = (name: 'agencyProbe' | 'outsideProbe', variable: string) => {
    const m = world.mailboxes[name];
    const endpoint = (e: typeof m.imap) =>
      `{ host: ${e.host}, port: ${e.port}, servername: ${e.servername} }`;
    return `{ address: ${m.user}, password_env: ${variable}, submission: ${endpoint(m.submission)}, imap: ${endpoint(m.imap)} }`;
  };
  return `people:
  - { id: hafiz, name: Hafiz, email: hafiz@soc.example, roles: [soc, approver, requester] }
endorsement: { required: false }
mailtest:
  dns_servers: ['${world.dns.host}:${world.dns.port}']
  timeout_seconds: 3
  allow_targets: [127.0.0.0/8]
  dnsbl_zones: []
  extra_ca_file: ${world.ca.certFile}
delivery:
  deadline_seconds: ${options.deadlineSeconds}
  reply_grace_seconds: 1
  size_probes: false
  domains:
    - domain: ${world.domains.agency}
      agency: ${box('agencyProbe', 'AGENCY_PROBE_PW')}
      outside: ${box('outsideProbe', 'OUTSIDE_PROBE_PW')}
`;
}

/** The environment `deliveryConfigYaml` reads its probe passwords from. */
export const probePasswords = (world: DeliveryWorld) => ({
  AGENCY_PROBE_PW: world.mailboxes.agencyProbe.password,
  OUTSIDE_PROBE_PW: world.mailboxes.outsideProbe.password,
});

/** The SOP 4.2 complaint a requester files when agency.test cannot receive from outside.test. */
export const agencyCannotReceive = (world: DeliveryWorld, bounceText: string) => ({
  type: 'submit_complaint' as const,
  complaint: {
    domain: world.domains.agency,
    direction: 'cannot_receive',
    exampleSender: world.mailboxes.outsideProbe.user,
    exampleRecipient: world.mailboxes.agencyProbe.user,
    startedAt: '2025-06-16T07:30:00+08:00',
    bounceText,
  },
});
