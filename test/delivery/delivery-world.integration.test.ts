import { randomUUID } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { authenticate } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapSession } from '../support/delivery-world/imap-client.ts';
import {
  type DeliveryMailbox,
  type DeliveryWorld,
  startDeliveryWorld,
} from '../support/delivery-world/index.ts';
import { worldLock } from '../support/delivery-world/lock.ts';
import { withInbox as inbox } from '../support/delivery-world/probe-side.ts';
import { type SendResult, sendMessage } from '../support/delivery-world/smtp-send.ts';
import { canBind, isAlive } from '../support/mail-world/processes.ts';

// The real-servers world the delivery probes are tested against (test/support/delivery-world): agency.test and
// outside.test on two real Postfix instances with Dovecot and OpenDKIM, and NSD. This checks the world itself
// with node's own net and tls and a hand-written SMTP and IMAP exchange, so a failing probe test can trust it.

let world: DeliveryWorld;

beforeAll(async () => {
  world = await startDeliveryWorld();
}, 300_000);

afterAll(async () => {
  await world?.close();
});

function message(o: { from: string; to: string; subject: string; id: string; body?: string }): string {
  return [
    `From: <${o.from}>`,
    `To: <${o.to}>`,
    `Subject: ${o.subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${o.id}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.body ?? `Delivery probe ${o.id}.`,
    '',
  ].join('\r\n');
}

function submit(from: DeliveryMailbox, to: string, raw: string): Promise<SendResult> {
  return sendMessage({
    host: from.submission.host,
    port: from.submission.port,
    tls: { servername: from.submission.servername, ca: world.ca.certPem },
    auth: { user: from.user, password: from.password },
    from: from.user,
    to: [to],
    message: raw,
  });
}

const withInbox = <T>(box: DeliveryMailbox, use: (imap: ImapSession) => Promise<T>) => inbox(world, box, use);

/** Waits for a message matching `criteria` whose source contains `needle`: its source. */
async function waitForSource(imap: ImapSession, criteria: string, needle: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await imap.command('NOOP');
    for (const uid of await imap.search(criteria)) {
      const source = await imap.source(uid);
      if (source.includes(needle)) return source;
    }
    if (Date.now() > deadline)
      throw new Error(`no message (${criteria}) containing ${needle}\n${world.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The unfolded value of the first header field `name` in a message source. */
function header(source: string, name: string): string | undefined {
  const head = source.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

describe('Delivery test world', () => {
  it('delivers a message submitted with AUTH PLAIN after STARTTLS from outside.test to the agency INBOX', async () => {
    const id = `${randomUUID()}@${world.domains.outside}`;
    const subject = `probe ${id}`;
    const sent = await submit(
      world.mailboxes.outsideProbe,
      world.mailboxes.agencyProbe.user,
      message({ from: world.mailboxes.outsideProbe.user, to: world.mailboxes.agencyProbe.user, subject, id }),
    );
    expect(sent.step, sent.reply.raw).toBe('sent');
    expect(sent.extensions.get('AUTH')).toContain('PLAIN');

    const source = await withInbox(world.mailboxes.agencyProbe, async (imap) => {
      const uid = await imap.waitFor(`HEADER Message-ID "${id}"`);
      return imap.source(uid);
    });
    expect(header(source, 'Subject')).toBe(subject);
    // Received by agency.test from outside.test's Postfix, over TLS.
    expect(source).toMatch(/from mail\.outside\.test \(unknown \[127\.0\.5\.2\]\)[\s\S]*TLS/);

    const saved = world.inboxLog(world.domains.agency).find((d) => d.messageId === id);
    expect(saved).toMatchObject({ user: world.mailboxes.agencyProbe.user, mailbox: 'INBOX' });
    expect(Date.now() - saved!.at.getTime()).toBeLessThan(60_000);
    const lmtp = world
      .postfixLog(world.domains.agency)
      .find((l) => l.program.endsWith('/lmtp') && l.fields.to === world.mailboxes.agencyProbe.user);
    expect(lmtp?.fields.status).toBe('sent');
  });

  it('DKIM-signs mail from agency.test with selector probe2026, and SPF, DKIM and DMARC pass against its DNS', async () => {
    const id = `${randomUUID()}@${world.domains.agency}`;
    const sent = await submit(
      world.mailboxes.agencyProbe,
      world.mailboxes.outsideProbe.user,
      message({
        from: world.mailboxes.agencyProbe.user,
        to: world.mailboxes.outsideProbe.user,
        subject: 'signed',
        id,
      }),
    );
    expect(sent.step, sent.reply.raw).toBe('sent');

    const source = await withInbox(world.mailboxes.outsideProbe, async (imap) =>
      imap.source(await imap.waitFor(`HEADER Message-ID "${id}"`)),
    );
    const signature = header(source, 'DKIM-Signature') ?? '';
    expect(signature).toMatch(/\bs=probe2026;/);
    expect(signature).toMatch(/\bd=agency\.test;/);

    const dns = new Resolver({ timeout: 2_000, tries: 1 });
    dns.setServers([`${world.dns.host}:${world.dns.port}`]);
    const result = await authenticate(source, {
      ip: world.addresses.agency,
      helo: world.mailHosts.agency,
      sender: world.mailboxes.agencyProbe.user,
      mta: world.mailHosts.outside,
      resolver: (name: string, type: string) => dns.resolve(name, type) as Promise<string[][] | string[]>,
      disableArc: true,
      disableBimi: true,
    });
    expect(result.dkim.results[0]?.status.result).toBe('pass');
    expect((result.spf || undefined)?.status.result).toBe('pass');
    expect((result.dmarc || undefined)?.status.result).toBe('pass');
  });

  it('bounces mail to nobody@agency.test with a delivery-status report in the outside.test mailbox', async () => {
    const id = `${randomUUID()}@${world.domains.outside}`;
    const sent = await submit(
      world.mailboxes.outsideProbe,
      world.unknownRecipient,
      message({
        from: world.mailboxes.outsideProbe.user,
        to: world.unknownRecipient,
        subject: 'to nobody',
        id,
      }),
    );
    // outside.test accepts it; agency.test refuses it at RCPT and outside.test reports that back.
    expect(sent.step, sent.reply.raw).toBe('sent');

    const dsn = await withInbox(world.mailboxes.outsideProbe, (imap) =>
      waitForSource(imap, 'FROM MAILER-DAEMON', id),
    );
    expect(header(dsn, 'Content-Type')).toMatch(/multipart\/report;.*report-type=delivery-status/);
    expect(dsn).toMatch(/Action: failed/);
    expect(dsn).toMatch(/Status: 5\.1\.1/);
    expect(dsn).toMatch(/Diagnostic-Code: smtp; 550 5\.1\.1/);
  });

  it('bounces mail to an unreachable domain at once with Status 4.4.1', async () => {
    const id = `${randomUUID()}@${world.domains.agency}`;
    const to = `someone@${world.domains.unreachable}`;
    const sent = await submit(
      world.mailboxes.agencyProbe,
      to,
      message({ from: world.mailboxes.agencyProbe.user, to, subject: 'unreachable', id }),
    );
    expect(sent.step, sent.reply.raw).toBe('sent');

    const dsn = await withInbox(world.mailboxes.agencyProbe, (imap) =>
      waitForSource(imap, 'FROM MAILER-DAEMON', id),
    );
    expect(header(dsn, 'Content-Type')).toMatch(/report-type=delivery-status/);
    expect(dsn).toMatch(/Status: 4\.4\.1/);
  });

  it('answers mail to vacation@agency.test with an auto-reply from Sieve', async () => {
    const id = `${randomUUID()}@${world.domains.outside}`;
    const to = world.mailboxes.vacation.user;
    const sent = await submit(
      world.mailboxes.outsideProbe,
      to,
      message({ from: world.mailboxes.outsideProbe.user, to, subject: 'are you there?', id }),
    );
    expect(sent.step, sent.reply.raw).toBe('sent');

    const reply = await withInbox(world.mailboxes.outsideProbe, (imap) =>
      waitForSource(imap, 'HEADER Auto-Submitted "auto-replied"', id),
    );
    expect(header(reply, 'Auto-Submitted')).toMatch(/^auto-replied/);
    expect(header(reply, 'In-Reply-To')).toBe(`<${id}>`);
    expect(header(reply, 'From')).toContain(to);
    expect(header(reply, 'DKIM-Signature')).toMatch(/\bs=probe2026;/);
  });

  it('reports the mailbox quota with IMAP GETQUOTAROOT', async () => {
    const quota = async (box: DeliveryMailbox) =>
      withInbox(box, async (imap) => {
        const capability = await imap.command('CAPABILITY');
        expect(capability.untagged.join(' ')).toMatch(/ IDLE .* QUOTA/);
        const response = await imap.command('GETQUOTAROOT INBOX');
        expect(response.status).toBe('OK');
        const line = response.untagged.find((u) => u.startsWith('* QUOTA ')) ?? '';
        const [, used, limit] = /\(STORAGE (\d+) (\d+)\)/.exec(line) ?? [];
        return { used: Number(used), limit: Number(limit) };
      });
    const small = await quota(world.mailboxes.small);
    expect(small.limit).toBe(1024);
    // Partly filled at setup (about 600 KiB of 1 MiB).
    expect(small.used).toBeGreaterThan(500);
    expect(small.used).toBeLessThan(800);
    expect((await quota(world.mailboxes.agencyProbe)).limit).toBe(100 * 1024);
  });

  it('refuses an 11 MB message with 552 and delivers one just under 10 MB', async () => {
    const to = world.mailboxes.agencyProbe.user;
    const direct = (raw: string, declareSize = false) =>
      sendMessage({
        host: world.addresses.agency,
        port: world.ports.smtp,
        tls: { servername: world.mailHosts.agency, ca: world.ca.certPem },
        from: world.mailboxes.outsideProbe.user,
        to: [to],
        message: raw,
        declareSize,
      });
    const sized = (bytes: number, id: string) => {
      const line = `${'x'.repeat(76)}\r\n`;
      const head = message({ from: world.mailboxes.outsideProbe.user, to, subject: 'size', id, body: '' });
      return head + line.repeat(Math.floor((bytes - head.length) / line.length));
    };

    const big = sized(11 * 1024 * 1024, `${randomUUID()}@${world.domains.outside}`);
    const refused = await direct(big);
    expect(refused.extensions.get('SIZE')).toBe('10485760');
    expect(refused.step).toBe('data');
    expect(refused.reply.raw).toMatch(/^552 5\.3\.4 /);
    const declared = await direct(big, true);
    expect(declared.step).toBe('mail');
    expect(declared.reply.raw).toMatch(/^552 5\.3\.4 /);

    const id = `${randomUUID()}@${world.domains.outside}`;
    const accepted = await direct(sized(10_000_000, id));
    expect(accepted.step, accepted.reply.raw).toBe('sent');
    await withInbox(world.mailboxes.agencyProbe, (imap) => imap.waitFor(`HEADER Message-ID "${id}"`));
  });

  it('close() stops every daemon, frees every port and removes its folder', async () => {
    const pids = worldLock.livePids(world.stateDir);
    expect(pids.length).toBe(6);
    await world.close();
    await world.close();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(existsSync(world.stateDir)).toBe(false);
    const { agency, outside, dns } = world.addresses;
    const { smtp, submission, imap, reinjection, dkimMilter } = world.ports;
    for (const [host, port] of [
      [agency, smtp],
      [agency, submission],
      [agency, reinjection],
      [agency, imap],
      [agency, dkimMilter],
      [outside, smtp],
      [outside, submission],
      [outside, imap],
      [dns, world.dns.port],
    ] as const) {
      expect(await canBind(host, port), `${host}:${port}`).toBe(true);
    }
    expect(world.postfixLog(world.domains.agency).length).toBeGreaterThan(0);
  });
});
