import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/config/secret.ts';
import { createMemoryLogger } from '../../src/log.ts';
import type { ProbeMailbox, ProbeReport } from '../../src/mail/probe/delivery-types.ts';
import { connectImap } from '../../src/mail/probe/imap-connect.ts';
import { openMailboxWatcher } from '../../src/mail/probe/mailbox-watch.ts';
import { readQuota } from '../../src/mail/probe/quota.ts';
import { type ProbeDeps, runProbe } from '../../src/mail/probe/run-probe.ts';
import { sendProbe } from '../../src/mail/probe/send.ts';
import type { DeliveryWorld } from '../support/delivery-world/index.ts';
import {
  leftovers,
  probeDeps,
  probeMailbox,
  sendOnly,
  startWorldWhenFree,
} from '../support/delivery-world/probe-side.ts';

// The probe engine (src/mail/probe) against real servers: Postfix, Dovecot with IDLE, QUOTA and Sieve,
// OpenDKIM and NSD on loopback (test/support/delivery-world). Each probe's outcome is what these servers
// really do; the world's own smoke test (delivery-world.integration.test.ts) checks them by hand.

let world: DeliveryWorld;
let deps: ProbeDeps;
let outside: ProbeMailbox;
let agency: ProbeMailbox;

const DEADLINE_MS = 8_000;
/** Short: only the vacation test expects an auto-reply after the delivery. */
const GRACE_MS = 300;

beforeAll(async () => {
  world = await startWorldWhenFree();
  deps = probeDeps(world);
  outside = probeMailbox(world.mailboxes.outsideProbe);
  agency = probeMailbox(world.mailboxes.agencyProbe);
}, 300_000);

afterAll(async () => {
  await world?.close();
});

async function probe(
  from: ProbeMailbox,
  to: ProbeMailbox,
  extra: { deadlineMs?: number; replyGraceMs?: number; deps?: ProbeDeps } = {},
): Promise<ProbeReport> {
  return runProbe(
    {
      kind: from === agency ? 'outbound' : 'inbound',
      from,
      to,
      deadlineMs: extra.deadlineMs ?? DEADLINE_MS,
      replyGraceMs: extra.replyGraceMs ?? GRACE_MS,
    },
    extra.deps ?? deps,
  );
}

describe('runProbe', () => {
  it('sees an inbound probe arrive in the agency inbox by IDLE, with its hops over TLS, and deletes it', async () => {
    const report = await probe(outside, agency);

    expect(report.result, JSON.stringify(report)).toBe('delivered');
    expect(report).toMatchObject({ kind: 'inbound', direction: 'inbound', cleanedUp: true, reply: null });
    expect(report.submission.ok).toBe(true);
    expect(report.timeToInboxMs).toBeGreaterThanOrEqual(0);
    expect(report.timeToInboxMs).toBeLessThan(5_000);
    expect(report.seenAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The server's own time has whole seconds: within a few of the bot's.
    expect(Math.abs(report.serverReceivedAt!.getTime() - report.seenAt!.getTime())).toBeLessThan(5_000);
    const mx = report.hops.find(
      (h) => h.by === world.mailHosts.agency && h.fromAddress === world.addresses.outside,
    );
    expect(mx).toMatchObject({ from: world.mailHosts.outside, encrypted: true, local: false });
    expect(mx?.tlsVersion).toMatch(/^TLSv1\.[23]$/);
    expect(report.auth?.spf).toEqual({ result: 'pass', domain: world.domains.outside });
    expect(report.auth?.dkim).toEqual([]);
    expect(await leftovers(world, world.mailboxes.agencyProbe, report.probeId)).toEqual([]);
  });

  it('delivers an outbound probe DKIM-signed by agency.test with selector probe2026, aligned, SPF and DMARC passing', async () => {
    const report = await probe(agency, outside);

    expect(report.result, JSON.stringify(report)).toBe('delivered');
    expect(report.direction).toBe('outbound');
    expect(report.auth).toEqual({
      spf: { result: 'pass', domain: world.domains.agency },
      dkim: [
        {
          result: 'pass',
          domain: world.domains.agency,
          selector: 'probe2026',
          aligned: true,
          keyType: 'rsa',
          keyBits: 2048,
        },
      ],
      dmarc: { result: 'pass', policy: 'reject', domain: world.domains.agency },
    });
    expect(report.hops.some((h) => h.fromAddress === world.addresses.agency && h.encrypted)).toBe(true);
    expect(report.cleanedUp).toBe(true);
    expect(await leftovers(world, world.mailboxes.outsideProbe, report.probeId)).toEqual([]);
  });

  it('reports the vacation auto-reply (RFC 3834) after the delivery, and alone when the inbox is not read', async () => {
    const vacation = probeMailbox(world.mailboxes.vacation);
    const watched = await probe(outside, vacation, { replyGraceMs: 3_000 });
    expect(watched.result, JSON.stringify(watched)).toBe('delivered');
    expect(watched.reply).toMatchObject({ kind: 'auto_reply', confidence: 'high', from: vacation.address });
    expect(watched.reply).toMatchObject({ autoSubmitted: expect.stringMatching(/^auto-replied/) });

    // Sieve answers each sender once per period (RFC 5230 §4.2; `:seconds 1`, whole seconds): another
    // sender, so this one is answered without waiting for the period to pass.
    const unread = await probe(agency, sendOnly(vacation.address, vacation));
    expect(unread.result, JSON.stringify(unread)).toBe('auto_reply');
    expect(unread.reply?.kind).toBe('auto_reply');
    expect(unread.cleanedUp).toBe(true);
    expect(await leftovers(world, world.mailboxes.agencyProbe, unread.probeId)).toEqual([]);
  });

  it('classifies the 5.1.1 bounce for an unknown agency recipient and deletes it from the sender inbox', async () => {
    const report = await probe(outside, sendOnly(world.unknownRecipient, agency));

    expect(report.result, JSON.stringify(report)).toBe('bounce');
    const bounce = report.reply;
    expect(bounce?.kind).toBe('bounce');
    if (bounce?.kind !== 'bounce') return;
    expect(bounce).toMatchObject({
      standard: true,
      confidence: 'high',
      reportingMta: world.mailHosts.outside,
    });
    expect(bounce.recipients).toEqual([
      expect.objectContaining({
        finalRecipient: world.unknownRecipient,
        action: 'failed',
        status: '5.1.1',
        statusClass: 'permanent',
        diagnosticCode: expect.stringMatching(/^550 5\.1\.1 /),
        category: 'unknown_mailbox',
      }),
    ]);
    expect(report.cleanedUp).toBe(true);
    expect(await leftovers(world, world.mailboxes.outsideProbe, report.probeId)).toEqual([]);
  });

  it('reports the 4.4.1 bounce at once when nothing listens on the MX of unreachable.test', async () => {
    const report = await probe(agency, sendOnly(`someone@${world.domains.unreachable}`, outside));

    expect(report.result, JSON.stringify(report)).toBe('bounce');
    expect(report.reply?.kind === 'bounce' && report.reply.recipients[0]?.status).toBe('4.4.1');
  });

  /**
   * A tarpit on the address Postfix routes unreachable.test to: it waits for a greeting that never comes
   * (smtp_helo_timeout, 300 s), so nothing comes back within the probe's deadline.
   */
  async function withTarpit(use: (sockets: ReadonlySet<Socket>) => Promise<void>): Promise<void> {
    const sockets = new Set<Socket>();
    const tarpit: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) =>
      tarpit.listen(world.ports.smtp, world.addresses.unreachable, resolve),
    );
    try {
      await use(sockets);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tarpit.close(resolve));
    }
  }

  it('is could not test at the deadline when nothing came back from a recipient it cannot watch', async () => {
    await withTarpit(async (sockets) => {
      const started = Date.now();
      const report = await probe(agency, sendOnly(`someone@${world.domains.unreachable}`, outside), {
        deadlineMs: 1_500,
      });
      // The MX of unreachable.test accepts the connection and stays silent; with no IMAP on the recipient,
      // silence cannot tell a stuck probe from a delivered one.
      expect(report, JSON.stringify(report)).toMatchObject({
        result: 'untested',
        untestedReason: 'imap_unwatched',
      });
      expect(report.submission.ok).toBe(true);
      expect(Date.now() - started).toBeLessThan(1_500 + 3_000);
      expect(sockets.size).toBe(1);
    });
  });

  it('ends a waiting probe at once when mailops stops: could not test, never no answer', async () => {
    await withTarpit(async () => {
      const stop = new AbortController();
      const probing = runProbe(
        {
          kind: 'outbound',
          from: agency,
          to: sendOnly(`someone@${world.domains.unreachable}`, outside),
          deadlineMs: 120_000,
          replyGraceMs: GRACE_MS,
          signal: stop.signal,
        },
        deps,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const stoppedAt = Date.now();
      stop.abort();
      const report = await probing;
      expect(report, JSON.stringify(report)).toMatchObject({
        result: 'untested',
        untestedReason: 'stopped',
        submission: { ok: true },
        cleanedUp: true,
      });
      // Not the two minutes of its deadline: a stop does not wait for mail.
      expect(Date.now() - stoppedAt).toBeLessThan(3_000);

      const before = await runProbe(
        {
          kind: 'inbound',
          from: outside,
          to: agency,
          deadlineMs: 5_000,
          replyGraceMs: 0,
          signal: stop.signal,
        },
        deps,
      );
      expect(before).toMatchObject({
        result: 'untested',
        untestedReason: 'stopped',
        submission: { ok: false, failure: 'not_sent' },
      });
    });
  });

  it('reads the quota of small@ (1 MiB, partly used) and probe@ (100 MiB) with GETQUOTAROOT', async () => {
    const small = await readQuota(probeMailbox(world.mailboxes.small), deps);
    expect(small).toMatchObject({ ok: true, mailbox: world.mailboxes.small.user, limitBytes: 1024 * 1024 });
    expect(small.ok && small.usedBytes).toBeGreaterThan(500 * 1024);
    expect(small.ok && small.usedBytes).toBeLessThan(800 * 1024);
    expect(await readQuota(agency, deps)).toMatchObject({ ok: true, limitBytes: 100 * 1024 * 1024 });
  });

  it('keeps what IDLE announced before waitFor() was called, and removes only what it is told to', async () => {
    const opened = await openMailboxWatcher(agency, deps);
    if (!opened.ok) throw new Error(opened.detail);
    const watcher = opened.watcher;
    try {
      const id = 'mop-watchtest01';
      const sent = await sendProbe(outside, agency.address, { probeId: id, subject: 'watch' }, deps);
      expect(sent.ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const asked = Date.now();
      const found = await watcher.waitFor({ id }, 5_000, (_raw, o) => o.kind === 'delivered');
      expect(found?.outcome).toMatchObject({ kind: 'delivered', probeId: id, matchedBy: 'header' });
      // Pushed by the server while idle, before anything asked for it.
      expect(found!.seenAt.getTime()).toBeLessThan(asked);
      expect(await watcher.waitFor({ id }, 200, (_raw, o) => o.kind === 'bounce')).toBeNull();
      expect(await watcher.quota()).toMatchObject({ ok: true, limitBytes: 100 * 1024 * 1024 });
      expect(await watcher.remove([found!.uid])).toBe(true);
      expect(await watcher.related({ id })).toEqual([]);
      expect(await leftovers(world, world.mailboxes.agencyProbe, id)).toEqual([]);
    } finally {
      await watcher.close();
    }
  });

  it('takes a last look at the deadline, so a copy the server has not announced yet still counts', async () => {
    const opened = await openMailboxWatcher(agency, deps);
    if (!opened.ok) throw new Error(opened.detail);
    const watcher = opened.watcher;
    const writer = await connectImap(agency, deps);
    if (!writer.ok) throw new Error(writer.detail);
    try {
      const id = 'mop-lastlook01';
      const raw = [
        `From: ${outside.address}`,
        `To: ${agency.address}`,
        `Subject: mailops probe ${id}`,
        `X-Mailops-Probe: ${id}`,
        `Message-ID: <${Date.now()}.0123456789ab@mailops.outside.test>`,
        '',
        'This is a delivery test message from mailops.',
        '',
      ].join('\r\n');
      const waiting = watcher.waitFor({ id }, 1_000, (_raw, o) => o.kind === 'delivered');
      // Saved 250 ms before the deadline: Dovecot tells an idling client 500 ms after a save, too late.
      await new Promise((resolve) => setTimeout(resolve, 750));
      await writer.client.append('INBOX', Buffer.from(raw));
      const found = await waiting;
      expect(found?.outcome).toMatchObject({ kind: 'delivered', probeId: id });
      expect(await watcher.remove([found!.uid])).toBe(true);
    } finally {
      await writer.client.logout();
      await watcher.close();
    }
  });

  it('is untested when the certificates cannot be verified, and never falls back to clear text', async () => {
    const untrusting = { ...deps, ca: [] };
    const report = await probe(outside, agency, { deps: untrusting });
    expect(report).toMatchObject({ result: 'untested', untestedReason: 'imap_tls' });
    const sent = await sendProbe(
      outside,
      agency.address,
      { probeId: 'mop-untrusted0', subject: 'x' },
      untrusting,
    );
    expect(sent).toMatchObject({ ok: false, failure: 'tls' });
    expect(await readQuota(agency, untrusting)).toEqual({
      ok: false,
      mailbox: agency.address,
      reason: 'error',
    });
  });

  it('is untested on a wrong password, and the password appears in no report, result or log line', async () => {
    const password = 'Wr0ng-pa55word-for-the-test';
    const logger = createMemoryLogger();
    const wrong = { ...outside, password: new Secret(password) };
    // Dovecot delays every failed login from one address longer than the one before (2 s, 4 s, 8 s…).
    const logged = { ...deps, logger, timeoutMs: 20_000 };

    const report = await probe(wrong, agency, { deps: logged });
    expect(report).toMatchObject({ result: 'untested', untestedReason: 'imap_login' });
    expect(report.submission).toEqual({ ok: false, failure: 'not_sent', code: null, response: null });

    const sent = await sendProbe(wrong, agency.address, { probeId: 'mop-wrongpass0', subject: 'x' }, logged);
    expect(sent).toMatchObject({ ok: false, failure: 'auth', code: 535 });

    const everything = JSON.stringify([report, sent, logger.lines]);
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const form of [password, Buffer.from(password).toString('base64')]) {
      expect(everything).not.toContain(form);
    }
  }, 60_000);

  // Last in the file: the held probe stays in agency.test's queue until the world is torn down.
  it('reports no answer at the deadline when agency.test holds the probe back from a watched inbox', async () => {
    // Queued as a busy or greylisting server would, not bounced at once (the world's queue lifetime is 0).
    const held = { defer_transports: 'lmtp', maximal_queue_lifetime: '1d', bounce_queue_lifetime: '1d' };
    await world.postconf('agency', held);
    try {
      const report = await probe(outside, agency, { deadlineMs: 1_500 });
      expect(report.result, JSON.stringify(report)).toBe('no_answer');
      expect(report.submission.ok).toBe(true);
    } finally {
      await world.postconf('agency', {
        defer_transports: '',
        maximal_queue_lifetime: '0',
        bounce_queue_lifetime: '0',
      });
    }
  });
});
