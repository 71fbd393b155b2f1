import type { ImapFlowError } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { imapFailure } from '../../../src/mail/probe/imap-connect.ts';

const error = (fields: Partial<ImapFlowError>): ImapFlowError =>
  Object.assign(new Error(fields.message ?? 'failed'), fields);

describe('imapFailure', () => {
  it.each([
    ['a rejected LOGIN', { authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' }, 'login'],
    [
      'an AUTHENTICATIONFAILED response code (RFC 5530)',
      { serverResponseCode: 'AUTHENTICATIONFAILED' },
      'login',
    ],
    ['no greeting', { code: 'GREETING_TIMEOUT' }, 'timeout'],
    ['no connection in time', { code: 'CONNECT_TIMEOUT' }, 'timeout'],
    ['a failed STARTTLS', { tlsFailed: true }, 'tls'],
    ['an untrusted certificate', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'tls'],
    ['a refused connection', { code: 'ECONNREFUSED' }, 'connection'],
    ['anything else', { code: 'ParserError7' }, 'error'],
  ] as const)('reads %s', (_name, fields, expected) => {
    expect(imapFailure(error(fields))).toBe(expected);
  });
});
