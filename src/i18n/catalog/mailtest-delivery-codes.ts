// The codes the delivery findings carry in their parameters (src/mail/probe/delivery-findings.ts), named for the
// reader by src/mail/describe.ts: `mailtest.delivery.<param>.<code>`. `reason` says why something could not be
// tested and reads after "Could not test:"; `advice` is the fix for what a bounce means (its `probe.category`),
// where `inbound_policy` is the agency's own server refusing the outside provider's mail on a policy.

const ms = {
  'mailtest.delivery.reason.not_configured':
    'domain ini tiada peti mel ujian dalam konfigurasi (delivery.domains)',
  'mailtest.delivery.reason.no_evidence': 'balasan dilaporkan, tetapi tiada balasan yang dapat dibaca',
  'mailtest.delivery.reason.dsn_not_failure':
    'laporan status yang kembali bukan kegagalan (dihantar, atau disampaikan ke sistem lain), tetapi ujian tidak dilihat dalam peti masuk',
  'mailtest.delivery.reason.submission_auth':
    'log masuk ke pelayan penghantaran gagal (semak nama pengguna dan kata laluan peti mel ujian)',
  'mailtest.delivery.reason.submission_timeout': 'pelayan penghantaran tidak menjawab dalam had masa',
  'mailtest.delivery.reason.submission_connection': 'tidak dapat menyambung ke pelayan penghantaran',
  'mailtest.delivery.reason.submission_tls':
    'rundingan TLS dengan pelayan penghantaran gagal (sijil atau versi TLS)',
  'mailtest.delivery.reason.submission_refused': 'pelayan penghantaran menolak ujian',
  'mailtest.delivery.reason.imap_login': 'log masuk IMAP ke peti mel penerima gagal',
  'mailtest.delivery.reason.imap_timeout': 'pelayan IMAP peti mel penerima tidak menjawab dalam had masa',
  'mailtest.delivery.reason.imap_tls': 'rundingan TLS dengan pelayan IMAP gagal (sijil atau versi TLS)',
  'mailtest.delivery.reason.imap_connection': 'tidak dapat menyambung ke pelayan IMAP peti mel penerima',
  'mailtest.delivery.reason.imap_error': 'ralat IMAP semasa membaca peti masuk',
  'mailtest.delivery.reason.imap_lost': 'sambungan IMAP terputus semasa menunggu ujian',
  'mailtest.delivery.reason.imap_unwatched':
    'peti mel penerima tiada IMAP dalam konfigurasi dan tiada balasan kembali, jadi tidak dapat dipastikan sama ada ujian tiba',
  'mailtest.delivery.reason.stopped':
    'mailops dihentikan (dimulakan semula atau dinaik taraf) sebelum ujian selesai; jalankan ujian sekali lagi',
  'mailtest.delivery.reason.other': 'sebab lain (lihat log mailops)',
  'mailtest.delivery.reason.size_mismatch': 'saiz ujian tidak sepadan dengan jenisnya (bait / had)',
  'mailtest.delivery.reason.delayed': 'penghantaran tertangguh dan masih dicuba',
  'mailtest.delivery.reason.bounced_other':
    'ujian dilantunkan atas sebab selain saiznya; lihat dapatan penghantaran masuk',
  'mailtest.delivery.reason.sender_refused':
    'pelayan penghantaran pembekal luar sendiri menolak mesej sebesar ini, jadi had agensi tidak diuji; gunakan peti mel ujian luar yang menerima mesej lebih besar daripada 10 MB',
  'mailtest.delivery.reason.no_answer': 'tiada jawapan dalam tempoh ujian',
  'mailtest.delivery.reason.quota_unsupported':
    'pelayan IMAP tidak melaporkan kuota (tiada sambungan QUOTA, RFC 9208)',
  'mailtest.delivery.reason.quota_login': 'log masuk IMAP untuk membaca kuota gagal',
  'mailtest.delivery.reason.quota_timeout': 'pelayan IMAP tidak menjawab dalam had masa',
  'mailtest.delivery.reason.quota_error': 'kuota tidak dapat dibaca (ralat IMAP atau sambungan)',
  'mailtest.delivery.reason.quota_invalid': 'pelayan melaporkan nilai kuota yang tidak sah',
  'mailtest.delivery.reason.auth_unavailable':
    'keputusan SPF, DKIM dan DMARC salinan yang diterima tidak dapat dinilai',
  'mailtest.delivery.reason.auth_temperror': 'ralat DNS sementara semasa penilaian (temperror)',
  'mailtest.delivery.reason.auth_unknown': 'keputusan penilaian tidak dikenali',
  'mailtest.delivery.reason.key_unknown': 'panjang kunci tidak dilaporkan',
  'mailtest.delivery.reason.no_hops': 'salinan yang diterima tiada pengepala Received antara pelayan',
  'mailtest.delivery.reason.hops_unstated':
    'pengepala Received tidak menyatakan sama ada peringkat ini disulitkan',

  'mailtest.delivery.duration.unknown': 'tidak diketahui',
  'mailtest.delivery.quota_limit.unlimited': 'tanpa had',
  'mailtest.delivery.evidence.rfc3834': 'pengepala Auto-Submitted, RFC 3834',
  'mailtest.delivery.evidence.hints':
    'dikenal pasti daripada petunjuk balasan automatik, bukan pengepala standard',
  'mailtest.delivery.evidence.person': 'dibalas oleh seseorang',
  'mailtest.delivery.auth_result.pass': 'lulus (pass)',
  'mailtest.delivery.auth_result.softfail': 'gagal lembut (softfail, ~all)',
  'mailtest.delivery.auth_result.neutral': 'neutral (?all)',
  'mailtest.delivery.auth_result.fail': 'gagal (fail)',
  'mailtest.delivery.auth_result.none': 'tiada rekod (none)',
  'mailtest.delivery.auth_result.permerror': 'rekod rosak (permerror)',
  'mailtest.delivery.signatures.none': 'tiada',
  'mailtest.delivery.versions.unstated': 'versi TLS tidak dinyatakan',
  'mailtest.delivery.meaning.unknown': 'sebab tidak dinyatakan',

  'mailtest.delivery.advice.unknown_mailbox':
    'Pastikan peti mel ujian wujud dan alamatnya dieja betul dalam `delivery.domains`: dalam Postfix `postmap -q <alamat> <virtual_mailbox_maps>`, dalam Dovecot `doveadm user <alamat>`.',
  'mailtest.delivery.advice.bad_domain':
    'Domain penerima tidak ditemui dalam DNS: semak rekod MX dan A domain itu (`dig MX <domain>`) dan pelayan DNS yang digunakan oleh pelayan penghantar.',
  'mailtest.delivery.advice.bad_address': 'Betulkan alamat peti mel ujian dalam `delivery.domains`.',
  'mailtest.delivery.advice.null_mx':
    'Domain penerima mengisytiharkan null MX (`MX 0 .`, RFC 7505): jika domain itu sepatutnya menerima mel, gantikan rekod itu dengan MX sebenar.',
  'mailtest.delivery.advice.mailbox_moved':
    'Peti mel ujian telah berpindah: kemas kini alamatnya dalam `delivery.domains`.',
  'mailtest.delivery.advice.mailbox_disabled':
    'Aktifkan semula akaun peti mel ujian, atau gunakan akaun lain yang aktif.',
  'mailtest.delivery.advice.mailbox_full':
    'Kosongkan peti mel ujian atau naikkan kuotanya (Dovecot `quota_rule = *:storage=1G`); Pekeliling 4(f)(i) menetapkan sekurang-kurangnya 100 MB.',
  'mailtest.delivery.advice.message_too_big':
    'Pekeliling 4(f)(iii): had saiz ialah 10 MB. Dalam Postfix `message_size_limit = 10485760` pada setiap pelayan di laluan, dan semak dengan `postconf message_size_limit`.',
  'mailtest.delivery.advice.no_answer':
    'Pelayan penerima tidak menjawab: pastikan perkhidmatan SMTP berjalan dan port 25 MX terbuka di firewall, dan semak baris gilir pelayan penghantar (`postqueue -p`).',
  'mailtest.delivery.advice.unable_to_route':
    'Tiada laluan ke pelayan penerima: semak rekod MX dan A domain penerima (`dig MX <domain>`) dan DNS yang digunakan oleh pelayan penghantar.',
  'mailtest.delivery.advice.expired':
    'Mesej tamat tempoh dalam baris gilir kerana pelayan penerima lama tidak dapat dicapai: semak `postqueue -p`, log mel dan sambungan ke port 25.',
  'mailtest.delivery.advice.relay_denied':
    'Pelayan enggan relay: pastikan domain agensi tersenarai dalam `mydestination` atau `virtual_mailbox_domains` (mel masuk), dan pengirim ujian log masuk dengan SASL pada port 587 (mel keluar); Pekeliling 4(f)(vi).',
  'mailtest.delivery.advice.spf_failed':
    'Tambah alamat IP pelayan mel keluar agensi dalam rekod SPF domain (`ip4:`) dan semak dengan `dig TXT <domain>` (Pekeliling 4(f)(v)).',
  'mailtest.delivery.advice.dkim_failed':
    'Tandatangani mel keluar dengan DKIM (OpenDKIM: `Domain`, `Selector`, `KeyFile`) dan terbitkan kunci awam di `<selector>._domainkey.<domain>` (Pekeliling 4(f)(v)).',
  'mailtest.delivery.advice.dmarc_failed':
    'Pastikan mel keluar lulus SPF atau DKIM dengan domain yang sejajar dengan From (RFC 7489 §3.1).',
  'mailtest.delivery.advice.auth_failed':
    'Pastikan mel keluar lulus SPF (alamat IP keluar dalam rekod SPF) dan ditandatangani dengan DKIM (Pekeliling 4(f)(v)).',
  'mailtest.delivery.advice.reverse_dns_failed':
    'Minta pembekal alamat IP menetapkan rekod PTR alamat keluar agensi kepada nama pelayan yang rekod A-nya menunjuk kembali ke alamat itu (Pekeliling 4(f)(v)).',
  'mailtest.delivery.advice.blocklisted':
    'Alamat IP pelayan keluar agensi tersenarai dalam senarai sekatan: semak bahagian senarai hitam /mailtest, hentikan punca spam (akaun yang dicerobohi), kemudian mohon penyahsenaraian.',
  'mailtest.delivery.advice.policy_refused':
    'Baca jawapan pelayan untuk sebab dasar itu; semak reputasi, kandungan dan pengesahan mel agensi (SPF, DKIM, DMARC).',
  'mailtest.delivery.advice.policy_deferred':
    'Penolakan sementara oleh dasar pelayan penerima: jalankan semula ujian kemudian; jika berulang, semak reputasi dan pengesahan mel agensi.',
  'mailtest.delivery.advice.greylisted':
    'Greylisting: mesej biasanya sampai selepas cubaan semula. Jika MX agensi menggunakan greylisting (contohnya postgrey), senarai putihkan pelayan pembekal e-mel utama.',
  'mailtest.delivery.advice.rate_limited':
    'Had kadar penghantaran dilampaui: kurangkan kadar penghantaran dan semak sama ada akaun agensi menghantar spam.',
  'mailtest.delivery.advice.inbound_policy':
    'Pelayan agensi menolak mel daripada pembekal luar atas sebab dasar (anti-spam, SPF/DKIM/DMARC, senarai sekatan atau had kadar). Semak log anti-spam dan `smtpd_recipient_restrictions`, dan jangan sekat pembekal e-mel utama: Pekeliling 4(c) memerlukan mel dari luar sampai ke agensi.',
  'mailtest.delivery.advice.unknown':
    'Baca jawapan pelayan di atas dan cari mesej itu dalam log mel pelayan yang melaporkannya (`grep` ID mesej dalam `/var/log/maillog`).',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.delivery.reason.not_configured':
    'this domain has no probe mailboxes in the configuration (delivery.domains)',
  'mailtest.delivery.reason.no_evidence': 'a reply was reported, but none could be read',
  'mailtest.delivery.reason.dsn_not_failure':
    'the status report that came back is not a failure (delivered, or relayed to another system), but the probe was not seen in the inbox',
  'mailtest.delivery.reason.submission_auth':
    "login to the submission server failed (check the probe mailbox's username and password)",
  'mailtest.delivery.reason.submission_timeout': 'the submission server did not answer in time',
  'mailtest.delivery.reason.submission_connection': 'could not connect to the submission server',
  'mailtest.delivery.reason.submission_tls':
    'the TLS handshake with the submission server failed (certificate or TLS version)',
  'mailtest.delivery.reason.submission_refused': 'the submission server refused the probe',
  'mailtest.delivery.reason.imap_login': 'IMAP login to the receiving mailbox failed',
  'mailtest.delivery.reason.imap_timeout': "the receiving mailbox's IMAP server did not answer in time",
  'mailtest.delivery.reason.imap_tls':
    'the TLS handshake with the IMAP server failed (certificate or TLS version)',
  'mailtest.delivery.reason.imap_connection': "could not connect to the receiving mailbox's IMAP server",
  'mailtest.delivery.reason.imap_error': 'an IMAP error while reading the inbox',
  'mailtest.delivery.reason.imap_lost': 'the IMAP connection dropped while waiting for the probe',
  'mailtest.delivery.reason.imap_unwatched':
    'the receiving mailbox has no IMAP in the configuration and nothing came back, so whether the probe arrived cannot be known',
  'mailtest.delivery.reason.stopped':
    'mailops was stopped (a restart or an upgrade) before the probe finished; run the test again',
  'mailtest.delivery.reason.other': 'another reason (see the mailops log)',
  'mailtest.delivery.reason.size_mismatch': "the probe's size does not match its kind (bytes / limit)",
  'mailtest.delivery.reason.delayed': 'delivery was delayed and is still being retried',
  'mailtest.delivery.reason.bounced_other':
    'the probe bounced for a reason other than its size; see the inbound delivery finding',
  'mailtest.delivery.reason.sender_refused':
    "the outside provider's own submission server refused a message this big, so the agency's limit was not tested; use an outside probe mailbox that takes messages over 10 MB",
  'mailtest.delivery.reason.no_answer': 'no answer within the deadline',
  'mailtest.delivery.reason.quota_unsupported':
    'the IMAP server does not report quotas (no QUOTA extension, RFC 9208)',
  'mailtest.delivery.reason.quota_login': 'the IMAP login to read the quota failed',
  'mailtest.delivery.reason.quota_timeout': 'the IMAP server did not answer in time',
  'mailtest.delivery.reason.quota_error': 'the quota could not be read (an IMAP or connection error)',
  'mailtest.delivery.reason.quota_invalid': 'the server reported quota values that are not valid',
  'mailtest.delivery.reason.auth_unavailable':
    "the received copy's SPF, DKIM and DMARC results could not be evaluated",
  'mailtest.delivery.reason.auth_temperror': 'a temporary DNS error during the evaluation (temperror)',
  'mailtest.delivery.reason.auth_unknown': 'an evaluation result that is not known',
  'mailtest.delivery.reason.key_unknown': 'the key length was not reported',
  'mailtest.delivery.reason.no_hops': 'the received copy has no Received header between servers',
  'mailtest.delivery.reason.hops_unstated':
    'the Received headers do not say whether these hops were encrypted',

  'mailtest.delivery.duration.unknown': 'unknown',
  'mailtest.delivery.quota_limit.unlimited': 'unlimited',
  'mailtest.delivery.evidence.rfc3834': 'Auto-Submitted header, RFC 3834',
  'mailtest.delivery.evidence.hints': 'recognised from automatic-reply hints, not a standard header',
  'mailtest.delivery.evidence.person': 'answered by a person',
  'mailtest.delivery.auth_result.pass': 'pass',
  'mailtest.delivery.auth_result.softfail': 'softfail (~all)',
  'mailtest.delivery.auth_result.neutral': 'neutral (?all)',
  'mailtest.delivery.auth_result.fail': 'fail',
  'mailtest.delivery.auth_result.none': 'no record (none)',
  'mailtest.delivery.auth_result.permerror': 'broken record (permerror)',
  'mailtest.delivery.signatures.none': 'none',
  'mailtest.delivery.versions.unstated': 'TLS version not stated',
  'mailtest.delivery.meaning.unknown': 'no cause stated',

  'mailtest.delivery.advice.unknown_mailbox':
    'Make sure the probe mailbox exists and its address is spelt right under `delivery.domains`: in Postfix `postmap -q <address> <virtual_mailbox_maps>`, in Dovecot `doveadm user <address>`.',
  'mailtest.delivery.advice.bad_domain':
    "The recipient's domain is not in the DNS: check its MX and A records (`dig MX <domain>`) and the DNS servers the sending server uses.",
  'mailtest.delivery.advice.bad_address': 'Correct the probe mailbox address under `delivery.domains`.',
  'mailtest.delivery.advice.null_mx':
    "The recipient's domain declares a null MX (`MX 0 .`, RFC 7505): if it should take mail, replace that record with a real MX.",
  'mailtest.delivery.advice.mailbox_moved':
    'The probe mailbox has moved: update its address under `delivery.domains`.',
  'mailtest.delivery.advice.mailbox_disabled':
    'Re-enable the probe mailbox account, or use another active account.',
  'mailtest.delivery.advice.mailbox_full':
    'Empty the probe mailbox or raise its quota (Dovecot `quota_rule = *:storage=1G`); circular item 4(f)(i) asks for at least 100 MB.',
  'mailtest.delivery.advice.message_too_big':
    'Circular item 4(f)(iii): the size limit is 10 MB. In Postfix `message_size_limit = 10485760` on every server of the path; check with `postconf message_size_limit`.',
  'mailtest.delivery.advice.no_answer':
    "The receiving server did not answer: make sure its SMTP service runs and the MX's port 25 is open in the firewall, and check the sending server's queue (`postqueue -p`).",
  'mailtest.delivery.advice.unable_to_route':
    "No route to the receiving server: check the recipient domain's MX and A records (`dig MX <domain>`) and the DNS the sending server uses.",
  'mailtest.delivery.advice.expired':
    'The message expired in the queue because the receiving server was unreachable for long: check `postqueue -p`, the mail log and connections to port 25.',
  'mailtest.delivery.advice.relay_denied':
    "The server refused to relay: make sure the agency's domain is in `mydestination` or `virtual_mailbox_domains` (inbound), and that the probe sender logs in with SASL on port 587 (outbound); circular item 4(f)(vi).",
  'mailtest.delivery.advice.spf_failed':
    "Add the agency's outbound mail server addresses to the domain's SPF record (`ip4:`) and check with `dig TXT <domain>` (circular item 4(f)(v)).",
  'mailtest.delivery.advice.dkim_failed':
    'Sign outbound mail with DKIM (OpenDKIM: `Domain`, `Selector`, `KeyFile`) and publish the public key at `<selector>._domainkey.<domain>` (circular item 4(f)(v)).',
  'mailtest.delivery.advice.dmarc_failed':
    'Make outbound mail pass SPF or DKIM with a domain aligned with the From (RFC 7489 §3.1).',
  'mailtest.delivery.advice.auth_failed':
    'Make outbound mail pass SPF (the outbound addresses in the SPF record) and carry a DKIM signature (circular item 4(f)(v)).',
  'mailtest.delivery.advice.reverse_dns_failed':
    "Ask the address's provider to set the PTR of the agency's outbound address to a server name whose A record points back to it (circular item 4(f)(v)).",
  'mailtest.delivery.advice.blocklisted':
    "The agency's outbound address is on a blocklist: see /mailtest's blocklist section, stop the spam at its source (a compromised account), then ask for delisting.",
  'mailtest.delivery.advice.policy_refused':
    "Read the server's reply for the policy it applied; check the reputation, content and authentication (SPF, DKIM, DMARC) of the agency's mail.",
  'mailtest.delivery.advice.policy_deferred':
    "A temporary refusal by the receiving server's policy: run the test again later; if it repeats, check the reputation and authentication of the agency's mail.",
  'mailtest.delivery.advice.greylisted':
    "Greylisting: the message usually gets through on a retry. If the agency's MX greylists (postgrey, for example), whitelist the major mail providers' servers.",
  'mailtest.delivery.advice.rate_limited':
    'A sending rate limit was exceeded: send more slowly and check whether an agency account is sending spam.',
  'mailtest.delivery.advice.inbound_policy':
    "The agency's server refused the outside provider's mail on a policy (anti-spam, SPF/DKIM/DMARC, a blocklist or a rate limit). Check the anti-spam log and `smtpd_recipient_restrictions`, and do not block the major mail providers: circular item 4(c) needs outside mail to reach the agency.",
  'mailtest.delivery.advice.unknown':
    "Read the server's reply above and find the message in the reporting server's mail log (`grep` the message id in `/var/log/maillog`).",
};

export const mailtestDeliveryCodes = { ms, en };
