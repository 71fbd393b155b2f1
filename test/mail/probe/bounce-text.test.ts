import { describe, expect, it } from 'vitest';
import { probe } from '../../../src/i18n/catalog/probe.ts';
import { classifyBounceText } from '../../../src/mail/probe/bounce-text.ts';
import { PASTED_BOUNCES as CASES } from './pasted-bounces.ts';

describe('classifyBounceText on pasted bounces', () => {
  for (const { name, text, expected } of CASES) {
    it(`reads ${name}`, () => {
      expect(classifyBounceText(text)).toMatchObject(expected);
    });
  }

  it('reads CRLF pastes the same as LF ones', () => {
    for (const { text } of CASES)
      expect(classifyBounceText(text.replace(/\n/g, '\r\n'))).toEqual(classifyBounceText(text));
  });

  it('gives every case a meaning that has a text in both languages', () => {
    for (const { name, text } of CASES) {
      const { meaningKey } = classifyBounceText(text);
      expect(meaningKey, name).not.toBeNull();
      expect(probe.ms, name).toHaveProperty([meaningKey!]);
      expect(probe.en, name).toHaveProperty([meaningKey!]);
    }
  });
});

describe('classifyBounceText says only what the text states', () => {
  it('returns nulls for a complaint with no bounce in it', () => {
    expect(classifyBounceText('Tolong bantu, e-mel saya kepada bos tidak sampai sejak semalam.')).toEqual({
      statusCodes: [],
      status: null,
      statusClass: null,
      smtpCode: null,
      address: null,
      diagnostic: null,
      category: null,
      meaningKey: null,
    });
  });

  it('does not take IP addresses, dates or version numbers for status codes', () => {
    const reading = classifyBounceText(
      'Postfix 2.11.3 on host 5.1.1.20 rejected it at 4.4.2025 10:00, client 192.0.2.5.',
    );
    expect(reading.statusCodes).toEqual([]);
    expect(reading.status).toBeNull();
  });

  it('does not take the d.m.yy dates of a pasted out-of-office reply for status codes', () => {
    const reading = classifyBounceText(`Automatic reply: Permohonan cuti
Saya bercuti dari 5.1.25 hingga 9.1.25. Untuk urusan segera sila hubungi helpdesk@agensi.gov.my.`);
    expect(reading).toMatchObject({ statusCodes: [], status: null, statusClass: null, smtpCode: null });
  });

  it('reads a code without a reply only where the text marks it as one', () => {
    const marked = [
      ['Status code: 5.1.1 (mailbox unavailable)', '5.1.1'],
      ['Error 5.7.1: message refused', '5.7.1'],
      ['Kod ralat 5.2.2 - peti mel penuh', '5.2.2'],
      ['<mx.agensi.gov.my #5.1.1>', '5.1.1'],
      ['Diagnostic-Code: smtp; 5.1.0 - Unknown address error', '5.1.0'],
      ['status=bounced (dsn=5.4.4, host not found)', '5.4.4'],
    ] as const;
    for (const [text, status] of marked) expect(classifyBounceText(text).status, text).toBe(status);
    expect(classifyBounceText('Mesyuarat ditangguhkan ke 5.1.25, bilik 4.2.1').statusCodes).toEqual([]);
  });

  it('takes the worst recipient of a pasted DSN whichever group comes first, with its own address and reply', () => {
    const group = (to: string, action: string, status: string, reply: string) =>
      `Final-Recipient: rfc822; ${to}\nAction: ${action}\nStatus: ${status}\nDiagnostic-Code: smtp; ${reply}`;
    const failed = group('siti@jabatan.example', 'failed', '5.2.2', '552 5.2.2 Mailbox full');
    const delayed = group('ali@jabatan.example', 'delayed', '4.4.1', '421 4.4.1 Connection timed out');
    for (const groups of [
      [delayed, failed],
      [failed, delayed],
    ])
      expect(
        classifyBounceText(`Reporting-MTA: dns; mx.agensi.gov.my\n\n${groups.join('\n\n')}`),
      ).toMatchObject({
        status: '5.2.2',
        statusClass: 'permanent',
        address: 'siti@jabatan.example',
        diagnostic: '552 5.2.2 Mailbox full',
        category: 'mailbox_full',
      });
  });

  it('prefers the Status field of a pasted DSN, and lists every code it saw', () => {
    const reading = classifyBounceText(
      'Status: 5.2.2\nDiagnostic-Code: smtp; 452 4.2.2 The email account that you tried to reach is over quota',
    );
    expect(reading).toMatchObject({ status: '5.2.2', statusCodes: ['5.2.2', '4.2.2'], smtpCode: 452 });
  });

  it('prefers a specific code to a generic X.0.0 one', () => {
    expect(classifyBounceText('550 5.0.0 see below\n550 5.1.2 bad destination system').status).toBe('5.1.2');
  });

  it('has a class but no category for a bare temporary reply code', () => {
    expect(classifyBounceText('said: 451 Please try again later')).toMatchObject({
      smtpCode: 451,
      statusClass: 'persistent',
      category: null,
      meaningKey: 'probe.status_class.persistent',
    });
  });

  it('does not read a failure of SPF or DKIM into headers of the quoted original', () => {
    const reading = classifyBounceText(`550 5.7.1 Message refused
Authentication-Results: mx.example; spf=fail smtp.mailfrom=agency.example; dkim=fail
DKIM-Signature: v=1; a=rsa-sha256; d=agency.example; s=mail; b=abc`);
    expect(reading.category).toBe('policy_refused');
  });

  it('falls back to the class text for a code without one of its own', () => {
    expect(classifyBounceText('550 5.6.9 content refused')).toMatchObject({
      status: '5.6.9',
      category: null,
      meaningKey: 'probe.status_class.permanent',
    });
  });

  it('reads hostile pastes built to make a search backtrack in linear time', () => {
    const long = 'a'.repeat(200_000);
    const started = performance.now();
    for (const text of [
      `following recipients\n${long}`,
      `Your message to ${long}`,
      `${long}@${'b'.repeat(200_000)}`,
      `${'550 '.repeat(50_000)}`,
      `${'<a@b.c>: '.repeat(20_000)}`,
      `dmarc ${'x'.repeat(200_000)}`,
    ])
      classifyBounceText(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('never throws on garbage or huge input', () => {
    expect(classifyBounceText('\u0000\uffff'.repeat(1000)).status).toBeNull();
    expect(classifyBounceText(`${'x'.repeat(2_000_000)} 550 5.1.1`).status).toBeNull();
    expect(classifyBounceText(undefined as unknown as string).status).toBeNull();
  });
});
