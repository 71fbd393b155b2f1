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
