// The delivery test world (test/support/delivery-world) as `npm run bench:probe` uses it: its two probe
// mailboxes in the shape the probe engine is configured with, and the engine's dependencies pointed at the
// world's NSD and test CA. Loopback only.
//
// The world owns fixed ports on 127.0.5.x, so one runs per machine; its lock refuses a second start while an
// integration test holds it. The bench waits for the lock rather than failing, since a test run finishes in
// minutes and the measurement is only worth anything against the real servers.

import { setTimeout as sleep } from 'node:timers/promises';
import { Secret } from '../../src/config/secret.ts';
import type { MailEndpoint, ProbeMailbox } from '../../src/mail/probe/delivery-types.ts';
import type { ProbeDeps } from '../../src/mail/probe/run-probe.ts';
import { createDnsClient } from '../../src/mail/resolver.ts';
import {
  type DeliveryMailbox,
  type DeliveryWorld,
  startDeliveryWorld,
} from '../../test/support/delivery-world/index.ts';

export interface ProbeWorld {
  readonly world: DeliveryWorld;
  /** probe@outside.test: the sender. */
  readonly outside: ProbeMailbox;
  /** probe@agency.test: the mailbox the bot watches. */
  readonly agency: ProbeMailbox;
  readonly deps: ProbeDeps;
  /** How long the start waited for another process's world to close, in ms. */
  readonly lockWaitMs: number;
}

const HELD = /already running in process (\d+)/;
const RETRY_MS = 2_000;

export async function startProbeWorld(options: {
  readonly timeoutMs: number;
  /** Give up waiting for another process's world after this long. */
  readonly lockWaitMs: number;
}): Promise<ProbeWorld> {
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      const world = await startDeliveryWorld();
      return { world, ...probeSide(world, options.timeoutMs), lockWaitMs: Date.now() - started };
    } catch (error) {
      const held = HELD.exec(error instanceof Error ? error.message : '');
      if (!held || Date.now() - started > options.lockWaitMs) throw error;
      if (!announced) {
        process.stderr.write(`waiting for the delivery test world: process ${held[1]} is using it…\n`);
        announced = true;
      }
      await sleep(RETRY_MS);
    }
  }
}

function probeSide(world: DeliveryWorld, timeoutMs: number) {
  const endpoint = (e: DeliveryMailbox['imap']): MailEndpoint => ({
    host: e.host,
    port: e.port,
    security: 'starttls',
    servername: e.servername,
  });
  const mailbox = (box: DeliveryMailbox): ProbeMailbox => ({
    address: box.user,
    username: box.user,
    password: new Secret(box.password),
    submission: endpoint(box.submission),
    imap: endpoint(box.imap),
  });
  const deps: ProbeDeps = {
    dns: createDnsClient({ servers: [`${world.dns.host}:${world.dns.port}`], timeoutMs }),
    ca: [world.ca.certPem],
    timeoutMs,
    heloName: 'bench.mailops.invalid',
  };
  return {
    outside: mailbox(world.mailboxes.outsideProbe),
    agency: mailbox(world.mailboxes.agencyProbe),
    deps,
  };
}
