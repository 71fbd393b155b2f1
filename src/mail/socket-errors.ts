// What a socket error means to a reader of the reports: node's error codes as the reasons the catalog names in
// words (`mailtest.smtp.reason.*`). Shared by the SMTP client, the MTA-STS policy fetch and the reading of
// runs stored before those were worded, so none of them reaches into another for it.

type NetworkReason = 'refused' | 'reset' | 'timeout' | 'unreachable';

const REASON_BY_CODE: Readonly<Record<string, NetworkReason>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENETDOWN: 'unreachable',
};

export const reasonOfCode = (code: string): NetworkReason | undefined => REASON_BY_CODE[code];

/**
 * A socket error's code as the reason the reports name in words; a code with no such word (ENOTFOUND, a rare
 * errno) stays as node gave it, which still tells an operator more than "error".
 */
export const networkReason = (code: string): string => reasonOfCode(code) ?? code;
