// Names, addresses, ports and mailboxes of the delivery test world (issue 6). Everything lives on 127.0.5.0/24,
// apart from the /mailtest world's 127.0.1.0/24, so both worlds can run on one machine at once.

export const AGENCY_DOMAIN = 'agency.test';
export const OUTSIDE_DOMAIN = 'outside.test';
/** A domain routed to an address where nothing listens: mail to it bounces with `Status: 4.4.1`. */
export const UNREACHABLE_DOMAIN = 'unreachable.test';

/** The loopback addresses of the world. */
export const DELIVERY_HOSTS = {
  /** agency.test: Postfix (25, 587, 10025), Dovecot IMAP (143), the OpenDKIM milter (8891). */
  agency: '127.0.5.1',
  /** outside.test: Postfix (25, 587), Dovecot IMAP (143). */
  outside: '127.0.5.2',
  /** NSD, authoritative for agency.test, outside.test and 5.0.127.in-addr.arpa, on port 53 UDP and TCP. */
  dns: '127.0.5.3',
  /** Where unreachable.test is routed; nothing listens. */
  unreachable: '127.0.5.9',
} as const;

/** Fixed ports on those addresses (the world's lock makes them ours). */
export const DELIVERY_PORTS = {
  smtp: 25,
  submission: 587,
  imap: 143,
  /** agency.test only: where Dovecot's Sieve sends vacation replies (trusted, DKIM-signed, no AUTH). */
  reinjection: 10025,
  /** agency.test only: the OpenDKIM milter. */
  dkimMilter: 8891,
  /** NSD; port 53 because OpenDKIM's `Nameservers` takes addresses only. */
  dns: 53,
} as const;

/** The host names the servers greet with and their certificates are for (verify TLS with these as servername). */
export const MAIL_HOSTS = { agency: `mail.${AGENCY_DOMAIN}`, outside: `mail.${OUTSIDE_DOMAIN}` } as const;

export const DKIM_SELECTOR = 'probe2026';
/** The size limit of agency.test's Postfix (bytes): an 11 MB message is refused with `552 5.3.4`. */
export const AGENCY_SIZE_LIMIT = 10_485_760;
/** outside.test accepts larger messages, so it can try to hand an over-size one to agency.test and bounce it. */
export const OUTSIDE_SIZE_LIMIT = 52_428_800;
/** Refused at RCPT by agency.test (`550 5.1.1`). */
export const UNKNOWN_RECIPIENT = `nobody@${AGENCY_DOMAIN}`;

export type MailboxName = 'agencyProbe' | 'outsideProbe' | 'vacation' | 'small';
export type Side = 'agency' | 'outside';

interface MailboxSpec {
  readonly side: Side;
  readonly user: string;
  readonly password: string;
  /** The Dovecot quota in bytes (QUOTA STORAGE is reported in KiB). */
  readonly quotaBytes: number;
}

const MIB = 1024 * 1024;

export const MAILBOX_SPECS: Readonly<Record<MailboxName, MailboxSpec>> = {
  agencyProbe: {
    side: 'agency',
    user: `probe@${AGENCY_DOMAIN}`,
    password: 'agency-probe-pw',
    quotaBytes: 100 * MIB,
  },
  outsideProbe: {
    side: 'outside',
    user: `probe@${OUTSIDE_DOMAIN}`,
    password: 'outside-probe-pw',
    quotaBytes: 100 * MIB,
  },
  vacation: {
    side: 'agency',
    user: `vacation@${AGENCY_DOMAIN}`,
    password: 'vacation-pw',
    quotaBytes: 100 * MIB,
  },
  small: { side: 'agency', user: `small@${AGENCY_DOMAIN}`, password: 'small-pw', quotaBytes: 1 * MIB },
};

/** What small@agency.test holds after setup (one message of about this many bytes): its quota is partly used. */
export const SMALL_MAILBOX_FILL_BYTES = 600 * 1024;

/** The Sieve script of vacation@agency.test (RFC 5230, with `:seconds` of RFC 6131 so tests need not wait a day). */
export const VACATION_SCRIPT = `require ["vacation", "vacation-seconds"];
vacation :seconds 1 :addresses ["vacation@${AGENCY_DOMAIN}"] :subject "Out of office"
  "I am out of the office. Your message will be read when I return.";
`;
