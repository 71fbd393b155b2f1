import type { NodemailerError } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { scrubSecret } from '../../../src/mail/probe/probe-deps.ts';
import { submissionFailure } from '../../../src/mail/probe/send.ts';

// nodemailer's errors as SMTPConnection raises them (code, originalCode, response, responseCode, command).
const error = (
  message: string,
  fields: Partial<NodemailerError> & { originalCode?: string },
): NodemailerError => Object.assign(new Error(message), fields);

describe('submissionFailure', () => {
  it.each([
    [
      'a 552 to MAIL FROM with SIZE (RFC 1870)',
      error('Mail command failed: 552 5.3.4 Message size exceeds fixed limit', {
        code: 'EENVELOPE',
        response: '552 5.3.4 Message size exceeds fixed limit',
        responseCode: 552,
        command: 'MAIL FROM',
      }),
      { failure: 'refused', code: 552, response: '552 5.3.4 Message size exceeds fixed limit' },
    ],
    [
      'a 552 after DATA',
      error('Message failed: 552 5.3.4 Message size exceeds fixed limit', {
        code: 'EMESSAGE',
        response: '552 5.3.4 Message size exceeds fixed limit',
        responseCode: 552,
        command: 'DATA',
      }),
      { failure: 'refused', code: 552 },
    ],
    [
      'a 450 greylisting at RCPT',
      error("Can't send mail - all recipients were rejected: 450 4.7.1 try again", {
        code: 'EENVELOPE',
        response: '450 4.7.1 try again',
        responseCode: 450,
      }),
      { failure: 'refused', code: 450 },
    ],
    [
      "the server's EHLO SIZE ruling the message out before MAIL FROM",
      error('Message size larger than allowed 10485760', { code: 'EMESSAGE', command: 'MAIL FROM' }),
      { failure: 'refused', code: null, response: 'SIZE 10485760' },
    ],
    [
      'a 535 to AUTH (RFC 4954 §6)',
      error('Invalid login: 535 5.7.8 Error: authentication failed', {
        code: 'EAUTH',
        response: '535 5.7.8 Error: authentication failed',
        responseCode: 535,
        command: 'AUTH PLAIN',
      }),
      { failure: 'auth', code: 535 },
    ],
    [
      'a greeting that never came',
      error('Greeting never received', { code: 'ETIMEDOUT', command: 'CONN' }),
      { failure: 'timeout', code: null, response: null },
    ],
    [
      'a refused connection',
      error('connect ECONNREFUSED 127.0.5.9:587', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }),
      { failure: 'connection', code: null, response: null },
    ],
    [
      'a certificate for another name',
      error("Hostname/IP does not match certificate's altnames", {
        code: 'ESOCKET',
        originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
      }),
      { failure: 'tls' },
    ],
    [
      'a STARTTLS the server does not offer',
      error('Error upgrading connection with STARTTLS', {
        code: 'ETLS',
        response: '502 5.5.1 Error: command not implemented',
        responseCode: 502,
      }),
      { failure: 'tls', code: 502 },
    ],
  ])('maps %s', (_name, nodemailerError, expected) => {
    expect(submissionFailure(nodemailerError)).toMatchObject({ ok: false, ...expected });
  });

  it('scrubs the password from a reply that echoes it', () => {
    const echoed = error('Invalid login', {
      code: 'EAUTH',
      response: '535 5.7.8 bad credentials for s3cret-pw (czNjcmV0LXB3)',
      responseCode: 535,
    });
    const result = submissionFailure(echoed, (t) => scrubSecret(t, 's3cret-pw'));
    expect(result.response).toBe('535 5.7.8 bad credentials for *** (***)');
  });
});

describe('scrubSecret', () => {
  it('removes the password as written and in its AUTH LOGIN and AUTH PLAIN forms', () => {
    const plain = Buffer.from('\0probe@agency.test\0pw-1').toString('base64');
    const text = `pw-1 ${Buffer.from('pw-1').toString('base64')} AUTH PLAIN ${plain}`;
    expect(scrubSecret(text, 'pw-1', 'probe@agency.test')).toBe('*** *** AUTH PLAIN ***');
  });

  it('leaves the text alone when there is no password', () => {
    expect(scrubSecret('nothing to hide', '')).toBe('nothing to hide');
  });
});
