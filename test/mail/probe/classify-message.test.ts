import { describe, expect, it } from 'vitest';
import { pendingNotice } from '../../../src/mail/probe/bounce-recipient.ts';
import { classifyProbeMessage } from '../../../src/mail/probe/classify-message.ts';
import { ALL_PROBES, at, classifyAs, crlf, fixture, PROBES } from './fixtures.ts';

// What a message in a probe mailbox is to the probe that sent it: the probe itself, an automatic reply
// (RFC 3834), something else, and damaged input. Bounces (RFC 3464) are in classify-bounce.test.ts.

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

  it('Auto-Submitted with parameters (RFC 3834 §5) is read by its keyword alone', async () => {
    const raw = fixture('sieve-vacation.eml').replace(
      /^Auto-Submitted:.*$/m,
      'Auto-Submitted: auto-replied; owner-email="user@external.test"',
    );
    expect(await classifyAs('auto_reply', raw)).toMatchObject({ autoSubmitted: 'auto-replied' });
  });

  it('Auto-Submitted: no with a parameter is still a person (RFC 3834 §5.1)', async () => {
    const raw = fixture('sieve-vacation.eml')
      .replace(/^Auto-Submitted:.*$/m, 'Auto-Submitted: no;reason=manual')
      .replace(/^Precedence:.*\n/m, '')
      .replace(/^Return-Path:.*\n/m, 'Return-Path: <user@external.test>\n')
      .replace(/^Subject: Auto: /m, 'Subject: Re: ');
    await classifyAs('reply', raw);
  });
});

describe('automatic replies sent from the null sender (RFC 3834 §3.3)', () => {
  it('a vacation reply giving its dates as d.m.yy (4.1.25) is an auto-reply, not a bounce with status 4.1.25', async () => {
    expect(await classifyAs('auto_reply', fixture('vacation-dmy-dates.eml'))).toMatchObject({
      probeId: PROBES.postfix.id,
      matchedBy: 'in_reply_to',
      from: 'aminah@jabatan.example',
      autoSubmitted: 'auto-replied',
      confidence: 'high',
    });
  });

  it('a vacation reply that says mail is "not delivered" to others stays an auto-reply: it declares itself one', async () => {
    const raw = fixture('vacation-dmy-dates.eml').replace(
      'I am on maternity leave',
      'Your e-mail will not be delivered to anyone else while I am away. I am on maternity leave',
    );
    await classifyAs('auto_reply', raw);
  });

  it('a null-sender notice that does not declare itself a reply is still read as a bounce from its text', async () => {
    const raw = fixture('qmail-5.1.1.eml').replace(
      /^From: .*$/m,
      'From: Gateway Notifications <notify@mail.example.net>',
    );
    expect(await classifyAs('bounce', raw)).toMatchObject({ probeId: PROBES.qmail.id, standard: false });
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

  it('reads a delay report a gateway wrapped in multipart/mixed with a banner, from any sender', async () => {
    const raw = fixture('postfix-4.4.1-delayed.eml');
    const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
    const type = /^Content-Type:[^\n]*(?:\n[ \t][^\n]*)*/m.exec(head)![0];
    const outer = head
      .replace(type, 'Content-Type: multipart/mixed; boundary="OUTER"')
      .replace(/^From: .*$/m, 'From: gateway@agency.test');
    const wrapped = `${outer}\n\n--OUTER\nContent-Type: text/plain\n\n[LUARAN] Banner gateway.\n\n--OUTER\n${type}\n\n${rest.join('\n\n')}\n--OUTER--\n`;
    const outcome = await classifyAs('bounce', wrapped, [PROBES.unreachable]);
    expect(pendingNotice(outcome, 'someone@unreachable.test')).toBe(true);
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
