import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runDelivery,
  SIZE_OVER_MARGIN_BYTES,
  SIZE_UNDER_MARGIN_BYTES,
} from '../../src/mail/probe/delivery.ts';
import type { DeliverySettings, MonitoredDomain, ProbeReport } from '../../src/mail/probe/delivery-types.ts';
import { connectImap } from '../../src/mail/probe/imap-connect.ts';
import { type ProbeDeps, runProbe } from '../../src/mail/probe/run-probe.ts';
import type { DeliveryWorld } from '../support/delivery-world/index.ts';
import {
  leftovers,
  probeDeps,
  probeMailbox,
  startWorldWhenFree,
} from '../support/delivery-world/probe-side.ts';

// A whole delivery check of agency.test against the real servers of the delivery world: both directions,
// the two size probes around agency.test's 10 MiB message_size_limit, the quotas and the DKIM selector
// learned from the outbound probe.

let world: DeliveryWorld;
let deps: ProbeDeps;
let target: MonitoredDomain;
const LIMIT = 10 * 1024 * 1024;

beforeAll(async () => {
  world = await startWorldWhenFree();
  deps = probeDeps(world);
  target = {
    domain: world.domains.agency,
    schedule: '0 8 * * *',
    agency: probeMailbox(world.mailboxes.agencyProbe),
    outside: probeMailbox(world.mailboxes.outsideProbe),
  };
}, 300_000);

afterAll(async () => {
  await world?.close();
});

const settings: DeliverySettings = {
  deadlineMs: 15_000,
  replyGraceMs: 300,
  sizeProbes: true,
  sizeLimitBytes: LIMIT,
  minimumMailboxBytes: 100 * 1024 * 1024,
  quotaWarningPercents: [80, 90],
  serviceDomains: [],
  domains: [],
};

describe('runDelivery', () => {
  it('probes both ways, delivers the size probe just under the limit, and sees the one just over bounced with 5.3.4', async () => {
    const told: ProbeReport[] = [];
    const run = await runDelivery({ target, settings, deps, onProbe: (r) => told.push(r) });

    expect(run.probes.map((p) => p.kind)).toEqual(['inbound', 'outbound', 'size_under', 'size_over']);
    expect(told.map((p) => p.kind).sort()).toEqual(['inbound', 'outbound', 'size_over', 'size_under']);
    const [inbound, outbound, under, over] = run.probes as [
      ProbeReport,
      ProbeReport,
      ProbeReport,
      ProbeReport,
    ];
    expect(inbound.result, JSON.stringify(inbound)).toBe('delivered');
    expect(outbound.result, JSON.stringify(outbound)).toBe('delivered');

    expect(under.result, JSON.stringify(under)).toBe('delivered');
    expect(Math.abs(under.sizeBytes - (LIMIT - SIZE_UNDER_MARGIN_BYTES))).toBeLessThanOrEqual(78);
    // outside.test accepts 50 MiB, so it takes the probe; its Postfix then reads agency.test's EHLO
    // `SIZE 10485760` (RFC 1870) and gives up without sending: the sender gets a 5.3.4 bounce that names the
    // size as measured there (the probe plus outside.test's Received field), not a refusal at submission.
    expect(Math.abs(over.sizeBytes - (LIMIT + SIZE_OVER_MARGIN_BYTES))).toBeLessThanOrEqual(78);
    expect(over.submission.ok).toBe(true);
    expect(over.result, JSON.stringify(over)).toBe('bounce');
    expect(over.reply?.kind === 'bounce' && over.reply.recipients[0]).toMatchObject({
      finalRecipient: target.agency.address,
      action: 'failed',
      status: '5.3.4',
      diagnosticCode: expect.stringMatching(/^message size 107\d{5} exceeds size limit 10485760 of server /),
      category: 'message_too_big',
    });

    expect(run.learned).toEqual([{ domain: world.domains.agency, selector: world.dkim.selector }]);
    expect(run.probes.every((p) => p.cleanedUp)).toBe(true);
    for (const p of run.probes) {
      expect(await leftovers(world, world.mailboxes.agencyProbe, p.probeId)).toEqual([]);
      expect(await leftovers(world, world.mailboxes.outsideProbe, p.probeId)).toEqual([]);
    }
    // Read after the clean-up: the 10 MB copy is gone again.
    expect(run.quotas).toEqual([
      expect.objectContaining({ ok: true, mailbox: target.agency.address, limitBytes: 100 * 1024 * 1024 }),
      expect.objectContaining({ ok: true, mailbox: target.outside.address, limitBytes: 100 * 1024 * 1024 }),
    ]);
    for (const quota of run.quotas) expect(quota.ok && quota.usedBytes).toBeLessThan(1024 * 1024);
  }, 90_000);

  it('reports an over-size probe refused by its own submission server as refused, without sending it', async () => {
    const report = await runProbe(
      {
        kind: 'size_over',
        from: target.agency,
        to: target.outside,
        deadlineMs: 5_000,
        replyGraceMs: 0,
        sizeBytes: LIMIT + SIZE_OVER_MARGIN_BYTES,
      },
      deps,
    );
    // agency.test's submission says `SIZE 10485760` in EHLO; the client does not send what it rules out.
    expect(report).toMatchObject({
      result: 'refused',
      submission: { ok: false, failure: 'refused', code: null, response: 'SIZE 10485760' },
      cleanedUp: true,
    });
  });

  it('removes what earlier probes left in the mailboxes once no probe can wait for it, and nothing else', async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const probeMessageId = '<1764300000000.0123456789ab@mailops.outside.test>';
    const message = (headers: Record<string, string>, body: string) =>
      `${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n${body}\r\n`;
    const planted = [
      // A vacation responder that answered an hour after its probe stopped watching.
      {
        keep: false,
        date: hoursAgo(2),
        raw: message(
          {
            From: 'vacation@agency.test',
            To: target.outside.address,
            Subject: 'Auto: mailops probe mop-aaaaaaaaaa',
            'In-Reply-To': probeMessageId,
            'Auto-Submitted': 'auto-replied',
            'Message-ID': '<late-reply@agency.test>',
          },
          'Saya bercuti.',
        ),
      },
      // A probe copy whose run died before it cleaned up.
      {
        keep: false,
        date: hoursAgo(26),
        raw: message(
          {
            From: target.agency.address,
            To: target.outside.address,
            Subject: 'mailops probe mop-bbbbbbbbbb',
            'X-Mailops-Probe': 'mop-bbbbbbbbbb',
            'Message-ID': '<1764200000000.0123456789ab@mailops.agency.test>',
          },
          'This is a delivery test message from mailops.',
        ),
      },
      // A bounce that came days late (RFC 3464), the probe's header in the returned headers.
      {
        keep: false,
        date: hoursAgo(3),
        raw: message(
          {
            From: 'MAILER-DAEMON@outside.test (Mail Delivery System)',
            To: target.outside.address,
            Subject: 'Undelivered Mail Returned to Sender',
            'Message-ID': '<late-bounce@outside.test>',
            'MIME-Version': '1.0',
            'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"',
          },
          [
            '--b',
            'Content-Type: text/plain',
            '',
            'Your message could not be delivered.',
            '--b',
            'Content-Type: message/delivery-status',
            '',
            'Reporting-MTA: dns; mx.outside.test',
            '',
            'Final-Recipient: rfc822; nobody@agency.test',
            'Action: failed',
            'Status: 4.4.7',
            '--b',
            'Content-Type: text/rfc822-headers',
            '',
            'Subject: mailops probe mop-cccccccccc',
            'X-Mailops-Probe: mop-cccccccccc',
            '--b--',
          ].join('\r\n'),
        ),
      },
      // A person's mail, and a person forwarding an old probe: not the bot's to remove.
      {
        keep: true,
        date: hoursAgo(2),
        raw: message(
          { From: 'aminah@outside.test', To: target.outside.address, Subject: 'Mesyuarat esok' },
          'Jumpa jam 10.',
        ),
      },
      {
        keep: true,
        date: hoursAgo(2),
        raw: message(
          {
            From: 'aminah@outside.test',
            To: target.outside.address,
            Subject: 'Fwd: mailops probe mop-dddddddddd',
          },
          'Lihat ini.',
        ),
      },
      // Another probe's copy, still young: that probe may be waiting for it right now.
      {
        keep: true,
        date: new Date(Date.now() - 60_000),
        raw: message(
          {
            From: target.agency.address,
            To: target.outside.address,
            Subject: 'mailops probe mop-eeeeeeeeee',
            'X-Mailops-Probe': 'mop-eeeeeeeeee',
          },
          'This is a delivery test message from mailops.',
        ),
      },
    ];
    const session = await connectImap(target.outside, deps);
    if (!session.ok) throw new Error(session.detail);
    const imap = session.client;
    const subjects = async () => {
      await imap.mailboxOpen('INBOX');
      const all = await imap.fetchAll('1:*', { envelope: true });
      return all.map((m) => m.envelope?.subject ?? '').sort();
    };
    try {
      await imap.mailboxOpen('INBOX');
      // More of a staff list's mail than one sweep reads, all older than the leftovers: they are still found.
      for (let i = 0; i < 210; i++) {
        // Addressed also to a list whose name holds "mailops", as a probe mailbox's own address may.
        const notice = message(
          {
            From: 'senarai@agency.test',
            To: target.outside.address,
            Cc: 'ujian.mailops@agency.test',
            Subject: `Notis ${i}`,
          },
          'Makluman.',
        );
        await imap.append('INBOX', Buffer.from(notice), [], hoursAgo(48));
      }
      for (const p of planted) await imap.append('INBOX', Buffer.from(p.raw), [], p.date);
      const before = await subjects();

      const run = await runDelivery({ target, settings, deps, kinds: ['inbound'] });
      expect(run.probes[0]?.result).toBe('delivered');

      const after = await subjects();
      const removed = planted.filter((p) => !p.keep).map((p) => /Subject: (.*)/.exec(p.raw)?.[1]);
      const kept = planted.filter((p) => p.keep).map((p) => /Subject: (.*)/.exec(p.raw)?.[1]);
      for (const subject of removed) expect(before).toContain(subject);
      for (const subject of removed) expect(after).not.toContain(subject);
      for (const subject of kept) expect(after).toContain(subject);
    } finally {
      await imap.messageDelete('1:*').catch(() => undefined);
      await imap.logout();
    }
  }, 60_000);
});
