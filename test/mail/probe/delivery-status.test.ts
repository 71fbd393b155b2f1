import { describe, expect, it } from 'vitest';
import { parseDeliveryStatus } from '../../../src/mail/probe/delivery-status.ts';

describe('parseDeliveryStatus (RFC 3464 §2.1–2.3)', () => {
  it('reads the per-message group and one group per recipient, separated by blank lines', () => {
    const report = parseDeliveryStatus(
      [
        'Reporting-MTA: dns; mx.agency.test',
        'Arrival-Date: Tue, 14 Jan 2025 10:00:00 +0800 (+08)',
        '',
        'Final-Recipient: rfc822; a@external.test',
        'Action: failed',
        'Status: 5.1.1',
        '',
        'Final-Recipient: rfc822; b@external.test',
        'Action: delayed',
        'Status: 4.4.1',
        '',
      ].join('\r\n'),
    );
    expect(report.reportingMta).toBe('mx.agency.test');
    expect(report.arrivalDate).toEqual(new Date('2025-01-14T02:00:00Z'));
    expect(report.recipients.map((r) => [r.finalRecipient, r.action, r.status, r.statusClass])).toEqual([
      ['a@external.test', 'failed', '5.1.1', 'permanent'],
      ['b@external.test', 'delayed', '4.4.1', 'persistent'],
    ]);
  });

  it('unfolds fields, ignores the case of names and strips comments from structured values', () => {
    const [recipient] = parseDeliveryStatus(
      [
        'reporting-mta: dns; mx.agency.test',
        '',
        'FINAL-RECIPIENT: RFC822;',
        '  <Someone@External.test> (the one that failed)',
        'aCtIoN: FAILED (gave up)',
        'Status: 5.2.2 (mailbox full)',
        'Remote-MTA: dns; mx.external.test. (192.0.2.1)',
        'Diagnostic-Code: smtp; 552-5.2.2 Mailbox full (quota',
        '\t100 MB)',
      ].join('\n'),
    ).recipients;
    expect(recipient).toMatchObject({
      finalRecipient: 'Someone@External.test',
      action: 'failed',
      status: '5.2.2',
      remoteMta: 'mx.external.test',
      diagnosticType: 'smtp',
      diagnosticCode: '552-5.2.2 Mailbox full (quota 100 MB)',
      category: 'mailbox_full',
    });
  });

  it('tolerates several blank lines between groups and a report with no per-message group', () => {
    const report = parseDeliveryStatus('\n\nFinal-Recipient: rfc822;x@y.test\nStatus: 5.0.0\n\n\n\n');
    expect(report.reportingMta).toBeNull();
    expect(report.recipients).toHaveLength(1);
    expect(report.recipients[0]).toMatchObject({ finalRecipient: 'x@y.test', status: '5.0.0', action: null });
  });

  it('gives null for values outside the RFC vocabulary rather than guessing', () => {
    const [recipient] = parseDeliveryStatus(
      'Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; x@y.test\nAction: bounced\nStatus: 550\nLast-Attempt-Date: yesterday',
    ).recipients;
    expect(recipient).toMatchObject({ action: null, status: null, statusClass: null, lastAttemptDate: null });
  });

  it('keeps a diagnostic without a type and an address of another type as written', () => {
    const [recipient] = parseDeliveryStatus(
      'Reporting-MTA: dns; a\n\nFinal-Recipient: x400; /C=MY/ADMD= /PRMD=agency/\nStatus: 5.1.1\nDiagnostic-Code: no such user',
    ).recipients;
    expect(recipient).toMatchObject({
      finalRecipient: '/C=MY/ADMD= /PRMD=agency/',
      diagnosticType: null,
      diagnosticCode: 'no such user',
    });
  });

  it('decodes an RFC 6533 utf-8 address, whose \\x{HEX} escapes carry what the charset cannot', () => {
    const [recipient] = parseDeliveryStatus(
      [
        'Reporting-MTA: dns; mx.agensi.gov.my',
        '',
        'Original-Recipient: utf-8; pengarah@b\\x{FC}cher.my',
        'Final-Recipient: utf-8; <\\x{5F20}\\x{4E09}@b\\x{FC}cher.my>',
        'Action: failed',
        'Status: 5.1.1',
      ].join('\n'),
    ).recipients;
    expect(recipient).toMatchObject({
      originalRecipient: 'pengarah@bücher.my',
      finalRecipient: '张三@bücher.my',
    });
  });

  it('keeps escapes outside Unicode, and a backslash in an rfc822 address, as written', () => {
    const [recipient] = parseDeliveryStatus(
      'Final-Recipient: utf-8; a\\x{110000}b\\x{D800}@x.test\nOriginal-Recipient: rfc822; a\\x{41}@x.test\nStatus: 5.1.1',
    ).recipients;
    expect(recipient).toMatchObject({
      finalRecipient: 'a\\x{110000}b\\x{D800}@x.test',
      originalRecipient: 'a\\x{41}@x.test',
    });
  });

  it('reads nothing from garbage and does not throw', () => {
    expect(parseDeliveryStatus('\u0000\u0001 ::: ;;;\n((((\n\n:::')).toEqual({
      reportingMta: null,
      arrivalDate: null,
      originalMessageId: null,
      recipients: [],
    });
  });
});
