import { describe, expect, it } from 'vitest';
import { classifyProbeMessage } from '../../../src/mail/probe/classify-message.ts';
import type { ProbeOutcome } from '../../../src/mail/probe/types.ts';
import { ALL_PROBES, crlf, fixture, PROBES } from './fixtures.ts';

type Kind<K extends ProbeOutcome['kind']> = Extract<ProbeOutcome, { kind: K }>;

async function classifyAs<K extends ProbeOutcome['kind']>(
  kind: K,
  raw: string | Buffer,
  probes = ALL_PROBES,
): Promise<Kind<K>> {
  const outcome = await classifyProbeMessage(raw, probes);
  expect(outcome.kind).toBe(kind);
  return outcome as Kind<K>;
}

const at = (iso: string) => new Date(iso);

describe('the probe itself', () => {
  it('is delivered, matched by its X-Mailops-Probe header, received when the top Received field says', async () => {
    const outcome = await classifyAs('delivered', fixture('probe-delivered.eml'));
    expect(outcome).toMatchObject({
      probeId: PROBES.postfix.id,
      matchedBy: 'header',
      messageId: '<1736820000123.7f3e9a@mailops.agency.test>',
      receivedAt: at('2025-01-14T02:00:01Z'),
    });
    expect(outcome.hops.map((h) => [h.with, h.encrypted, h.local])).toEqual([
      ['LMTP', false, true],
      ['ESMTPS', true, false],
      ['ESMTPSA', true, true],
    ]);
  });

  it('reads the same with the CRLF line ends IMAP returns', async () => {
    const lf = await classifyProbeMessage(fixture('probe-delivered.eml'), ALL_PROBES);
    expect(await classifyProbeMessage(Buffer.from(crlf(fixture('probe-delivered.eml'))), ALL_PROBES)).toEqual(
      lf,
    );
  });

  it('is still delivered when a gateway dropped the X- header but kept the Message-ID', async () => {
    const raw = fixture('probe-delivered.eml').replace(/^X-Mailops-Probe:.*\n/m, '');
    expect(await classifyAs('delivered', raw)).toMatchObject({ matchedBy: 'message_id' });
  });

  it('is delivered by its Subject alone when the header and the Message-ID were both rewritten', async () => {
    const raw = fixture('probe-delivered.eml')
      .replace(/^X-Mailops-Probe:.*\n/m, '')
      .replace(/^Message-ID:.*$/m, 'Message-ID: <rewritten@gateway.test>');
    expect(await classifyAs('delivered', raw)).toMatchObject({
      matchedBy: 'subject',
      probeId: PROBES.postfix.id,
    });
  });

  it('is not taken for a forward of it, nor for a longer id that contains its id', async () => {
    const stripped = fixture('probe-delivered.eml')
      .replace(/^X-Mailops-Probe:.*\n/m, '')
      .replace(/^Message-ID:.*$/m, 'Message-ID: <rewritten@gateway.test>');
    const forwarded = stripped.replace(/^Subject: /m, 'Subject: Fwd: ');
    const longer = stripped.replace(/^Subject: .*$/m, `Subject: mailops probe ${PROBES.postfix.id}-2`);
    expect(await classifyProbeMessage(forwarded, ALL_PROBES)).toEqual({ kind: 'unrelated' });
    expect(await classifyProbeMessage(longer, ALL_PROBES)).toEqual({ kind: 'unrelated' });
  });

  it('is unrelated when it is a different probe than the ones asked about', async () => {
    expect(await classifyProbeMessage(fixture('probe-delivered.eml'), [PROBES.gmail])).toEqual({
      kind: 'unrelated',
    });
  });
});

describe('a Postfix DSN', () => {
  it('for an unknown user is a standard bounce with status 5.1.1, tied by the returned X-Mailops-Probe', async () => {
    expect(await classifyAs('bounce', fixture('postfix-5.1.1.eml'))).toEqual({
      kind: 'bounce',
      probeId: PROBES.postfix.id,
      matchedBy: 'header',
      standard: true,
      confidence: 'high',
      reportingMta: 'mx.agency.test',
      arrivalDate: at('2025-01-14T02:00:00Z'),
      returned: 'message',
      recipients: [
        {
          finalRecipient: 'nobody@external.test',
          originalRecipient: 'nobody@external.test',
          action: 'failed',
          status: '5.1.1',
          statusClass: 'permanent',
          diagnosticType: 'smtp',
          diagnosticCode:
            '550 5.1.1 <nobody@external.test>: Recipient address rejected: User unknown in virtual mailbox table',
          remoteMta: '127.0.0.3',
          lastAttemptDate: null,
          willRetryUntil: null,
          category: 'unknown_mailbox',
        },
      ],
    });
  });

  it('reads the same with CRLF line ends', async () => {
    const lf = await classifyProbeMessage(fixture('postfix-5.1.1.eml'), ALL_PROBES);
    expect(await classifyProbeMessage(crlf(fixture('postfix-5.1.1.eml')), ALL_PROBES)).toEqual(lf);
  });

  it('is a bounce even though Postfix marks it Auto-Submitted: auto-replied', async () => {
    const raw = fixture('postfix-5.1.1.eml');
    expect(raw).toMatch(/^Auto-Submitted: auto-replied$/m);
    await classifyAs('bounce', raw);
  });

  it('for an unreachable MX with lifetime 0 failed with the temporary status 4.4.1 and a non-SMTP diagnostic', async () => {
    const outcome = await classifyAs('bounce', fixture('postfix-4.4.1-failed.eml'));
    expect(outcome.probeId).toBe(PROBES.unreachable.id);
    expect(outcome.recipients).toEqual([
      expect.objectContaining({
        finalRecipient: 'someone@unreachable.test',
        action: 'failed',
        status: '4.4.1',
        statusClass: 'persistent',
        diagnosticType: 'x-postfix',
        diagnosticCode: 'connect to 127.0.0.9[127.0.0.9]:25: Connection refused',
        remoteMta: null,
        category: 'no_answer',
      }),
    ]);
  });

  it('that only warns of a delay returns the headers alone, folded X-Mailops-Probe included', async () => {
    const outcome = await classifyAs('bounce', fixture('postfix-4.4.1-delayed.eml'));
    expect(outcome).toMatchObject({
      probeId: PROBES.unreachable.id,
      matchedBy: 'header',
      returned: 'headers',
    });
    expect(outcome.recipients[0]).toMatchObject({
      action: 'delayed',
      status: '4.4.1',
      willRetryUntil: at('2025-01-19T02:00:00Z'),
    });
  });

  it('lists every recipient, whatever the case, folding and comments of its fields', async () => {
    const outcome = await classifyAs('bounce', fixture('postfix-two-recipients.eml'));
    expect(outcome.reportingMta).toBe('mx.agency.test');
    expect(outcome.arrivalDate).toEqual(at('2025-01-14T02:05:00Z'));
    expect(outcome.recipients.map((r) => [r.finalRecipient, r.action, r.status, r.category])).toEqual([
      ['nobody@external.test', 'failed', '5.1.1', 'unknown_mailbox'],
      ['full@external.test', 'failed', '5.2.2', 'mailbox_full'],
    ]);
    expect(outcome.recipients[1]).toMatchObject({
      originalRecipient: 'Full@External.test',
      diagnosticCode: '552 5.2.2 <full@external.test>: Recipient address rejected: Mailbox full',
      lastAttemptDate: at('2025-01-14T02:05:00Z'),
    });
  });
});

describe('other servers’ bounces', () => {
  it('Gmail’s "Delivery Status Notification (Failure)" is standard, its Remote-MTA comment removed', async () => {
    const outcome = await classifyAs('bounce', fixture('gmail-5.1.1.eml'));
    expect(outcome).toMatchObject({
      probeId: PROBES.gmail.id,
      standard: true,
      reportingMta: 'googlemail.com',
      arrivalDate: at('2025-01-14T10:00:01Z'),
    });
    expect(outcome.recipients).toEqual([
      expect.objectContaining({
        finalRecipient: 'nobody@example.com',
        status: '5.1.1',
        remoteMta: 'mx.example.com',
        lastAttemptDate: at('2025-01-14T10:00:02Z'),
        category: 'unknown_mailbox',
      }),
    ]);
  });

  it('Gmail’s is tied by its X-Original-Message-ID when only the Message-ID is known', async () => {
    const raw = fixture('gmail-5.1.1.eml').replace(/^X-Mailops-Probe:.*\n/m, '');
    const probe = { id: 'mop-other00000', messageId: PROBES.gmail.messageId };
    expect(await classifyAs('bounce', raw, [probe])).toMatchObject({
      probeId: probe.id,
      matchedBy: 'message_id',
    });
  });

  it('Exchange Online’s NDR reads 5.1.10 RecipientNotFound as an unknown mailbox, not a null MX', async () => {
    const outcome = await classifyAs('bounce', fixture('exchange-online-5.1.10.eml'));
    expect(outcome).toMatchObject({ probeId: PROBES.exchange.id, standard: true, returned: 'message' });
    expect(outcome.recipients).toEqual([
      expect.objectContaining({
        finalRecipient: 'nobody@example.net',
        status: '5.1.10',
        diagnosticCode:
          '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
        category: 'unknown_mailbox',
      }),
    ]);
  });

  it('Exchange Online’s is tied by In-Reply-To when its returned copy is cut off', async () => {
    const raw = fixture('exchange-online-5.1.10.eml').replace(/Content-Type: message\/rfc822[\s\S]*$/, '');
    const probe = { id: 'mop-other00000', messageId: PROBES.exchange.messageId };
    expect(await classifyAs('bounce', raw, [probe])).toMatchObject({
      matchedBy: 'in_reply_to',
      returned: 'none',
    });
  });

  it('qmail’s plain-text bounce is recognised with low confidence from its own words only', async () => {
    expect(await classifyAs('bounce', fixture('qmail-5.1.1.eml'))).toEqual({
      kind: 'bounce',
      probeId: PROBES.qmail.id,
      matchedBy: 'header',
      standard: false,
      confidence: 'low',
      reportingMta: null,
      arrivalDate: null,
      returned: 'none',
      recipients: [
        {
          finalRecipient: 'nobody@example.net',
          originalRecipient: null,
          action: 'failed',
          status: '5.1.1',
          statusClass: 'permanent',
          diagnosticCode: 'Sorry, no mailbox here by that name. (#5.1.1)',
          diagnosticType: null,
          remoteMta: null,
          lastAttemptDate: null,
          willRetryUntil: null,
          category: 'unknown_mailbox',
        },
      ],
    });
  });

  it('qmail’s bounce for two addresses gives one recipient per address block', async () => {
    const raw = fixture('qmail-5.1.1.eml').replace(
      '\n--- Below this line',
      '<full@example.net>:\nThe user is over quota. (#4.2.2)\n\n--- Below this line',
    );
    const outcome = await classifyAs('bounce', raw);
    expect(outcome.recipients.map((r) => [r.finalRecipient, r.status, r.action, r.category])).toEqual([
      ['nobody@example.net', '5.1.1', 'failed', 'unknown_mailbox'],
      ['full@example.net', '4.2.2', 'failed', 'mailbox_full'],
    ]);
  });

  it('a bounce of a probe nobody asked about is unrelated', async () => {
    expect(await classifyProbeMessage(fixture('qmail-5.1.1.eml'), [PROBES.postfix])).toEqual({
      kind: 'unrelated',
    });
  });
});

describe('automatic replies', () => {
  it('Dovecot Sieve vacation is an auto-reply (RFC 3834 Auto-Submitted) tied by In-Reply-To', async () => {
    expect(await classifyAs('auto_reply', fixture('sieve-vacation.eml'))).toEqual({
      kind: 'auto_reply',
      probeId: PROBES.postfix.id,
      matchedBy: 'in_reply_to',
      from: 'user@external.test',
      subject: `Auto: mailops probe ${PROBES.postfix.id}`,
      autoSubmitted: 'auto-replied',
      signals: ['auto_submitted', 'precedence', 'null_return_path', 'subject_prefix'],
      confidence: 'high',
    });
  });

  it('Sieve vacation is tied by its Subject when the probe’s Message-ID is not known', async () => {
    const outcome = await classifyAs('auto_reply', fixture('sieve-vacation.eml'), [
      { id: PROBES.postfix.id },
    ]);
    expect(outcome.matchedBy).toBe('subject');
  });

  it('Outlook’s out-of-office, with a lower-case auto-submitted: auto-generated, is an auto-reply', async () => {
    const outcome = await classifyAs('auto_reply', fixture('outlook-out-of-office.eml'));
    expect(outcome).toMatchObject({
      probeId: PROBES.outlook.id,
      matchedBy: 'in_reply_to',
      from: 'aminah@agency.example',
      autoSubmitted: 'auto-generated',
      confidence: 'high',
    });
    expect(outcome.signals).toEqual(
      expect.arrayContaining(['auto_submitted', 'ms_inbox_rules_loop', 'ms_auto_response_suppress']),
    );
  });

  it('with only non-standard hints (X-Autoreply) is an auto-reply with low confidence', async () => {
    const raw = fixture('sieve-vacation.eml')
      .replace(/^Auto-Submitted:.*\n/m, '')
      .replace(/^Precedence:.*\n/m, 'X-Autoreply: yes\n')
      .replace(/^Return-Path:.*\n/m, 'Return-Path: <user@external.test>\n')
      .replace(/^Subject: Auto: /m, 'Subject: Re: ');
    expect(await classifyAs('auto_reply', raw)).toMatchObject({
      autoSubmitted: null,
      signals: ['x_autoreply'],
      confidence: 'low',
    });
  });

  it('X-Auto-Response-Suppress alone does not make a reply automatic', async () => {
    const raw = fixture('outlook-out-of-office.eml')
      .replace(/^auto-submitted:.*\n/m, '')
      .replace(/^X-MS-Exchange-Inbox-Rules-Loop:.*\n/m, '')
      .replace(/^Subject: Automatic reply: /m, 'Subject: RE: ');
    expect(await classifyAs('reply', raw)).toMatchObject({
      matchedBy: 'in_reply_to',
      from: 'aminah@agency.example',
    });
  });

  it('Auto-Submitted: no (a person, RFC 3834 §5.1) outweighs a Precedence hint', async () => {
    const raw = fixture('sieve-vacation.eml')
      .replace(/^Auto-Submitted:.*$/m, 'Auto-Submitted: no')
      .replace(/^Return-Path:.*\n/m, 'Return-Path: <user@external.test>\n')
      .replace(/^Subject: Auto: /m, 'Subject: Re: ');
    await classifyAs('reply', raw);
  });
});

describe('other messages', () => {
  it('a person’s message that quotes an SMTP error is unrelated', async () => {
    expect(await classifyProbeMessage(fixture('unrelated.eml'), ALL_PROBES)).toEqual({ kind: 'unrelated' });
  });

  it('a read receipt (multipart/report of another type) is left unclassified', async () => {
    const raw = fixture('postfix-5.1.1.eml')
      .replace('report-type=delivery-status', 'report-type=disposition-notification')
      .replace('Content-Type: message/delivery-status', 'Content-Type: message/disposition-notification');
    expect(await classifyProbeMessage(raw, ALL_PROBES)).toEqual({ kind: 'unrelated' });
  });

  it('picks, among several probes, the one the message answers', async () => {
    const outcome = await classifyAs('bounce', fixture('postfix-two-recipients.eml'), [
      PROBES.gmail,
      PROBES.twoRecipients,
      PROBES.postfix,
    ]);
    expect(outcome.probeId).toBe(PROBES.twoRecipients.id);
  });
});

describe('hostile and damaged input never throws', () => {
  it('binary garbage is unrelated', async () => {
    let seed = 7;
    const bytes = Buffer.from(
      Uint8Array.from({ length: 64 * 1024 }, () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed & 0xff;
      }),
    );
    expect(await classifyProbeMessage(bytes, ALL_PROBES)).toEqual({ kind: 'unrelated' });
  });

  it('empty input and an empty probe list are unrelated', async () => {
    expect(await classifyProbeMessage('', ALL_PROBES)).toEqual({ kind: 'unrelated' });
    expect(await classifyProbeMessage(Buffer.alloc(0), ALL_PROBES)).toEqual({ kind: 'unrelated' });
    expect(await classifyProbeMessage(fixture('postfix-5.1.1.eml'), [])).toEqual({ kind: 'unrelated' });
  });

  it('a header over mailparser’s 1 MiB limit is still read for the probe’s header', async () => {
    const huge = `X-Padding: ${'a'.repeat(2 * 1024 * 1024)}\n`;
    const raw = fixture('probe-delivered.eml').replace(/^Return-Path:/m, `${huge}Return-Path:`);
    expect(await classifyAs('delivered', raw)).toMatchObject({
      matchedBy: 'header',
      probeId: PROBES.postfix.id,
    });
  });

  it('a DSN without its delivery-status part is a low-confidence bounce read from its text', async () => {
    const raw = fixture('postfix-5.1.1.eml').replace(
      /--4YXbq40rJqz9sWK[^\n]*\nContent-Description: Delivery report[\s\S]*?(?=--4YXbq40rJqz9sWK)/,
      '',
    );
    const outcome = await classifyAs('bounce', raw);
    expect(outcome).toMatchObject({
      standard: false,
      confidence: 'low',
      reportingMta: null,
      matchedBy: 'header',
    });
    expect(outcome.recipients).toEqual([
      expect.objectContaining({
        finalRecipient: 'nobody@external.test',
        status: '5.1.1',
        diagnosticType: 'smtp',
        category: 'unknown_mailbox',
      }),
    ]);
  });

  it('a DSN whose delivery-status part is garbage keeps what its text says', async () => {
    const raw = fixture('postfix-4.4.1-failed.eml').replace(
      /Reporting-MTA: dns; mx\.agency\.test[\s\S]*?Connection\n {4}refused\n/,
      '\x00\x01\x02 ::: ;;; \n\n\n(((unclosed comment\n',
    );
    const outcome = await classifyAs('bounce', raw);
    expect(outcome.standard).toBe(false);
    expect(outcome.recipients).toEqual([
      expect.objectContaining({
        finalRecipient: 'someone@unreachable.test',
        action: 'failed',
        status: null,
        diagnosticCode: 'connect to 127.0.0.9[127.0.0.9]:25: Connection refused',
        category: 'no_answer',
      }),
    ]);
  });

  it('a DSN cut off in the middle of its returned message still relates by what arrived', async () => {
    const full = fixture('postfix-5.1.1.eml');
    const raw = full.slice(0, full.indexOf('MIME-Version: 1.0\nContent-Type: text/plain'));
    expect(await classifyAs('bounce', raw)).toMatchObject({ probeId: PROBES.postfix.id, standard: true });
  });

  it('a DSN that names no probe at all is unrelated', async () => {
    const raw = fixture('postfix-5.1.1.eml')
      .replace(/mop-5kq2w8rz3h/g, 'something-else')
      .replace(/1736820000123/g, '1');
    expect(await classifyProbeMessage(raw, ALL_PROBES)).toEqual({ kind: 'unrelated' });
  });
});
