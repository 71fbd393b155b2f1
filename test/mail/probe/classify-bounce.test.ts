import { describe, expect, it } from 'vitest';
import { classifyProbeMessage } from '../../../src/mail/probe/classify-message.ts';
import { ALL_PROBES, at, classifyAs, crlf, fixture, PROBES } from './fixtures.ts';

// Bounces of a probe (RFC 3464 delivery status notifications, and the servers that send something else):
// status, diagnostic, reporting MTA and each failed recipient, tied to the probe that came back.

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

  it('Exim’s plain-text delay warning is a delay, not a failure (RFC 3464 §2.3.3 Action: delayed)', async () => {
    const outcome = await classifyAs('bounce', fixture('exim-delayed.eml'));
    expect(outcome).toMatchObject({ probeId: PROBES.postfix.id, standard: false });
    expect(outcome.recipients).toEqual([
      expect.objectContaining({
        finalRecipient: 'rosli@jabatan.example',
        action: 'delayed',
        status: '4.2.2',
        category: 'mailbox_full',
      }),
    ]);
  });

  it('a bounce of a probe nobody asked about is unrelated', async () => {
    expect(await classifyProbeMessage(fixture('qmail-5.1.1.eml'), [PROBES.postfix])).toEqual({
      kind: 'unrelated',
    });
  });
});
