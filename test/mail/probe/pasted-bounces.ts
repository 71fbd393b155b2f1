import type { BounceTextAnalysis } from '../../../src/mail/probe/types.ts';

// Bounces as people paste them into the complaint form: what their mail client showed, in English or in a
// Malay interface, often with the quoted original underneath.

export interface PastedBounce {
  readonly name: string;
  readonly text: string;
  readonly expected: Partial<BounceTextAnalysis>;
}

export const PASTED_BOUNCES: readonly PastedBounce[] = [
  {
    name: 'Gmail web, English, with its multi-line 550-5.1.1 reply',
    text: `Address not found
Your message wasn't delivered to ahmad.razak@jabatan.example because the address couldn't be found, or is unable to receive mail.
The response from the remote server was:
550-5.1.1 The email account that you tried to reach does not exist. Please try
550-5.1.1 double-checking the recipient's email address for typos or
550-5.1.1 unnecessary spaces. For more information, go to
550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d9443c01a7336-21a9f1b2c3dsi123456ad.45 - gsmtp`,
    expected: {
      status: '5.1.1',
      smtpCode: 550,
      address: 'ahmad.razak@jabatan.example',
      category: 'unknown_mailbox',
      statusClass: 'permanent',
      diagnostic:
        "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser d9443c01a7336-21a9f1b2c3dsi123456ad.45 - gsmtp",
    },
  },
  {
    name: 'Gmail web in Malay, the server reply in English',
    text: `Alamat tidak ditemui
Mesej anda tidak dihantar kepada siti.aminah@kementerian.example kerana alamat tidak ditemui atau tidak dapat menerima mel.
Respons daripada pelayan jauh ialah:
550 5.1.1 <siti.aminah@kementerian.example>: Recipient address rejected: User unknown in local recipient table`,
    expected: {
      status: '5.1.1',
      smtpCode: 550,
      address: 'siti.aminah@kementerian.example',
      category: 'unknown_mailbox',
      diagnostic:
        '550 5.1.1 <siti.aminah@kementerian.example>: Recipient address rejected: User unknown in local recipient table',
    },
  },
  {
    name: 'Outlook desktop, English, mailbox full at the remote server',
    text: `Delivery has failed to these recipients or groups:

ali.hassan@jabatan.example (ali.hassan@jabatan.example)
The recipient's mailbox is full and can't accept messages now. Please try resending your message later, or contact the recipient directly.

Diagnostic information for administrators:

Generating server: MA0PR01MB1234.INDPRD01.PROD.OUTLOOK.COM

ali.hassan@jabatan.example
Remote Server returned '552 5.2.2 <ali.hassan@jabatan.example>: Recipient address rejected: Mailbox full'

Original message headers:

From: Pegawai Helpdesk <helpdesk@agency.example>
To: ali.hassan@jabatan.example`,
    expected: {
      status: '5.2.2',
      smtpCode: 552,
      address: 'ali.hassan@jabatan.example',
      category: 'mailbox_full',
      diagnostic: '552 5.2.2 <ali.hassan@jabatan.example>: Recipient address rejected: Mailbox full',
    },
  },
  {
    name: 'Outlook in Malay, message too big',
    text: `Penghantaran telah gagal kepada penerima atau kumpulan ini:

nurul.huda@agensi.example
Mesej anda terlalu besar untuk dihantar. Cuba kecilkan lampiran dan hantar semula.

Maklumat diagnostik untuk pentadbir:

Pelayan penjanaan: PN2PR01MB5678.INDPRD01.PROD.OUTLOOK.COM

nurul.huda@agensi.example
Remote Server returned '552 5.3.4 Error: message file too big'`,
    expected: {
      status: '5.3.4',
      smtpCode: 552,
      address: 'nurul.huda@agensi.example',
      category: 'message_too_big',
      diagnostic: '552 5.3.4 Error: message file too big',
    },
  },
  {
    name: 'Thunderbird showing a Postfix bounce: relay access denied',
    text: `This is the mail system at host mail.agency.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<rakan@luar.example>: host mx.luar.example[203.0.113.10] said: 554 5.7.1
    <rakan@luar.example>: Relay access denied (in reply to RCPT TO command)`,
    expected: {
      status: '5.7.1',
      smtpCode: 554,
      address: 'rakan@luar.example',
      category: 'relay_denied',
      diagnostic: '554 5.7.1 <rakan@luar.example>: Relay access denied (in reply to RCPT TO command)',
    },
  },
  {
    name: 'Gmail refusing for DMARC, in a Malay wrapper',
    text: `Mesej anda telah disekat
Mesej anda tidak dihantar kepada pengguna@gmail.com kerana mesej itu disekat oleh pelayan penerima.
Respons daripada pelayan jauh ialah:
550-5.7.26 Unauthenticated email from agency.example is not accepted due to
550-5.7.26 domain's DMARC policy. Please contact the administrator of
550-5.7.26 agency.example domain if this was a legitimate mail. To learn about
550 5.7.26 the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection - gsmtp`,
    expected: { status: '5.7.26', smtpCode: 550, address: 'pengguna@gmail.com', category: 'dmarc_failed' },
  },
  {
    name: 'Exchange Online refusing for SPF',
    text: `Your message to officer@partner.example couldn't be delivered.
Error Details
Error: 550 5.7.23 The message was rejected because of Sender Policy Framework violation
Message rejected by: SG2PR06MB4321.apcprd06.prod.outlook.com`,
    expected: {
      status: '5.7.23',
      smtpCode: 550,
      address: 'officer@partner.example',
      category: 'spf_failed',
      diagnostic: '550 5.7.23 The message was rejected because of Sender Policy Framework violation',
    },
  },
  {
    name: 'a Postgrey greylisting delay notice',
    text: `This is the mail system at host mail.agency.example.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

<zaki@universiti.example>: host mx.universiti.example[198.51.100.20] said: 450
    4.2.0 <zaki@universiti.example>: Recipient address rejected: Greylisted, see
    http://postgrey.schweikert.ch/help/universiti.example.html (in reply to RCPT TO command)`,
    expected: {
      status: '4.2.0',
      smtpCode: 450,
      address: 'zaki@universiti.example',
      category: 'greylisted',
      statusClass: 'persistent',
    },
  },
  {
    name: 'Gmail rate limiting with 421-4.7.28',
    text: `Delivery incomplete
There was a temporary problem delivering your message to rakyat@gmail.com. Gmail will retry for 47 more hours. You'll be notified if the delivery fails permanently.
The response from the remote server was:
421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating
421-4.7.28 from your IP address. To protect our users from spam, mail sent from your IP
421 4.7.28 address has been temporarily rate limited. - gsmtp`,
    expected: { status: '4.7.28', smtpCode: 421, address: 'rakyat@gmail.com', category: 'rate_limited' },
  },
  {
    name: 'a pasted Postfix DSN with its delivery-status fields: no answer (4.4.1)',
    text: `Reporting-MTA: dns; mail.agency.example
Arrival-Date: Tue, 14 Jan 2025 10:00:00 +0800 (+08)

Final-Recipient: rfc822; pentadbir@tiada-jawapan.example
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.tiada-jawapan.example[192.0.2.44]:25:
    Connection timed out`,
    expected: {
      status: '4.4.1',
      smtpCode: null,
      address: 'pentadbir@tiada-jawapan.example',
      category: 'no_answer',
      diagnostic: 'connect to mx.tiada-jawapan.example[192.0.2.44]:25: Connection timed out',
      meaningKey: 'probe.category.no_answer',
    },
  },
  {
    name: 'a pasted SMTPUTF8 DSN (RFC 6533): a utf-8 recipient with \\x{HEX} escapes, decoded',
    text: String.raw`Reporting-MTA: dns; mx.agensi.example
Original-Recipient: utf-8; ren\x{E9}@agensi.example
Final-Recipient: utf-8; ren\x{E9}@agensi.example
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown`,
    expected: { status: '5.1.1', smtpCode: 550, address: 'rené@agensi.example', category: 'unknown_mailbox' },
  },
  {
    name: 'a pasted SMTPUTF8 DSN whose utf-8 recipient is written as it is, with a U-label domain',
    text: `Final-Recipient: utf-8; pengarah@kementerian-ujian.例え.jp
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full`,
    expected: { status: '5.2.2', address: 'pengarah@kementerian-ujian.例え.jp', category: 'mailbox_full' },
  },
  {
    name: 'a pasted DSN whose utf-8 recipient is plain ASCII',
    text: `Final-Recipient: UTF-8; <siti.aminah@jabatan.example>
Action: failed
Status: 5.1.1`,
    expected: { status: '5.1.1', address: 'siti.aminah@jabatan.example' },
  },
  {
    name: 'Postfix: the recipient’s domain does not exist (5.4.4, host not found)',
    text: `<kawan@tiadadomain.example>: Host or domain name not found. Name service error
    for name=tiadadomain.example type=A: Host not found`,
    expected: {
      status: null,
      smtpCode: null,
      address: 'kawan@tiadadomain.example',
      category: 'bad_domain',
      diagnostic:
        'Host or domain name not found. Name service error for name=tiadadomain.example type=A: Host not found',
    },
  },
  {
    name: 'the same failure as a pasted DSN: 5.4.4 read as a bad domain because the text says so',
    text: `Final-Recipient: rfc822; kawan@tiadadomain.example
Action: failed
Status: 5.4.4
Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error
    for name=tiadadomain.example type=A: Host not found`,
    expected: { status: '5.4.4', address: 'kawan@tiadadomain.example', category: 'bad_domain' },
  },
  {
    name: 'Outlook in Malay: Exchange’s 5.4.4 NonExistentDomain is a bad domain',
    text: `Penghantaran telah gagal kepada penerima atau kumpulan ini:

rakan@domain-salah.example
Domain e-mel ini tidak wujud. Semak ejaan alamat dan hantar semula.

Maklumat diagnostik untuk pentadbir:

Remote Server returned '550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain'`,
    expected: {
      status: '5.4.4',
      smtpCode: 550,
      address: 'rakan@domain-salah.example',
      category: 'bad_domain',
      diagnostic: '550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain',
    },
  },
  {
    name: 'an unable-to-route 5.4.4 without a DNS explanation',
    text: `Delivery to the following recipient failed permanently:

     urusan@cawangan.example

Technical details of permanent failure:
550 5.4.4 Unable to route: no next hop for cawangan.example`,
    expected: { status: '5.4.4', address: 'urusan@cawangan.example', category: 'unable_to_route' },
  },
  {
    name: 'a qmail bounce with its (#5.1.1) code',
    text: `Hi. This is the qmail-send program at mail.isp.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<tiada.orang@isp.example>:
Sorry, no mailbox here by that name. (#5.1.1)`,
    expected: {
      status: '5.1.1',
      smtpCode: null,
      address: 'tiada.orang@isp.example',
      category: 'unknown_mailbox',
      diagnostic: 'Sorry, no mailbox here by that name. (#5.1.1)',
    },
  },
  {
    name: 'an on-premises Exchange NDR with #550 5.1.1 … ##',
    text: `Delivery has failed to these recipients or groups:

Kamal Ariffin (kamal@jabatan.example)
The e-mail address you entered couldn't be found.

Diagnostic information for administrators:

Generating server: EXCH01.jabatan.example

kamal@jabatan.example
#550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found ##`,
    expected: {
      status: '5.1.1',
      smtpCode: 550,
      address: 'kamal@jabatan.example',
      category: 'unknown_mailbox',
      diagnostic: '550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found ##',
    },
  },
  {
    name: 'a blocklist refusal naming Spamhaus',
    text: `<pegawai@rakan.example>: host mx.rakan.example[192.0.2.80] said: 554 5.7.1
    Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org;
    https://www.spamhaus.org/query/ip/203.0.113.5 (in reply to RCPT TO command)`,
    expected: { status: '5.7.1', smtpCode: 554, address: 'pegawai@rakan.example', category: 'blocklisted' },
  },
  {
    name: 'a bare reply code without an enhanced code: relay denied by its words',
    text: `Mesej tidak dapat dihantar.
Ralat: 554 Relay access denied
Kepada: penerima@luar.example`,
    expected: { status: null, smtpCode: 554, category: 'relay_denied', statusClass: 'permanent' },
  },
  {
    name: 'a Postfix DSN forwarded by a user, every line quoted with "> "',
    text: `Tolong semak, saya dapat mesej ini:

> Final-Recipient: rfc822; ali.hassan@jabatan.example
> Original-Recipient: rfc822;ali.hassan@jabatan.example
> Action: failed
> Status: 5.2.2
> Remote-MTA: dns; mx.jabatan.example
> Diagnostic-Code: smtp; 552 5.2.2 <ali.hassan@jabatan.example>: Recipient address
>     rejected: Mailbox full (over quota 2048 MB)
> `,
    expected: {
      status: '5.2.2',
      smtpCode: 552,
      address: 'ali.hassan@jabatan.example',
      category: 'mailbox_full',
      diagnostic:
        '552 5.2.2 <ali.hassan@jabatan.example>: Recipient address rejected: Mailbox full (over quota 2048 MB)',
    },
  },
  {
    name: 'Exchange Online refusing an address its directory does not hold with 5.4.1 (DBEB)',
    text: `Your message to rosli@agensi.example couldn't be delivered.
Remote Server returned '550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [SG2PEPF00000001.apcprd02.prod.outlook.com 2025-01-14T02:00:02.123Z 08DD33A1B2C3D4E5]'`,
    expected: { status: '5.4.1', smtpCode: 550, category: 'unknown_mailbox' },
  },
  {
    name: 'Exchange Online Protection refusing to relay with 5.4.1 (a connector set up wrongly)',
    text: `Delivery has failed to these recipients or groups:
pengarah@agensi.example
Remote Server returned '550 5.4.1 Relay Access Denied'`,
    expected: { status: '5.4.1', smtpCode: 550, category: 'relay_denied' },
  },
  {
    name: 'a pasted sendmail DSN on two recipients, one still retried and one failed: the failed one (RFC 3464 §2.3)',
    text: `Reporting-MTA: dns; mail.agensi.gov.my
Received-From-MTA: DNS; [10.10.2.30]
Arrival-Date: Tue, 14 Jan 2025 10:00:00 +0800

Final-Recipient: RFC822; ali@jabatan.example
Action: delayed
Status: 4.4.1
Diagnostic-Code: SMTP; 421 4.4.1 Connection timed out
Last-Attempt-Date: Tue, 14 Jan 2025 14:00:00 +0800
Will-Retry-Until: Sun, 19 Jan 2025 10:00:00 +0800

Final-Recipient: RFC822; siti@jabatan.example
Action: failed
Status: 5.1.1
Remote-MTA: DNS; mx.jabatan.example
Diagnostic-Code: SMTP; 550 5.1.1 <siti@jabatan.example>... User unknown
Last-Attempt-Date: Tue, 14 Jan 2025 10:00:02 +0800`,
    expected: {
      statusCodes: ['4.4.1', '5.1.1'],
      status: '5.1.1',
      statusClass: 'permanent',
      smtpCode: 550,
      address: 'siti@jabatan.example',
      diagnostic: '550 5.1.1 <siti@jabatan.example>... User unknown',
      category: 'unknown_mailbox',
    },
  },
  {
    name: 'a 5.7.1 refusal that gives no reason',
    text: "Remote Server returned '550 5.7.1 Message rejected' for pengarah@agensi.example",
    expected: { status: '5.7.1', category: 'policy_refused', meaningKey: 'probe.category.policy_refused' },
  },
];
