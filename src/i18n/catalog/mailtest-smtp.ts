// Texts of the /mailtest smtp findings (src/mail/smtp-probe.ts): for every check, its title, what each
// verdict it can give found and how to fix it, citing the circular's item or the RFC. `untested` texts show
// the `reason` code; `mailtest.smtp.reason.<reason>` and `mailtest.smtp.tls_certificate.problem.<problem>`
// name those codes for a renderer that translates them.

const ms = {
  'mailtest.smtp.connect.title': 'Sambungan SMTP (port 25)',
  'mailtest.smtp.connect.pass': 'Pelayan menerima sambungan pada port 25 dan menyapa: {banner}',
  'mailtest.smtp.connect.untested': 'Tidak dapat diuji: {reason} ({detail}). Ini bukan keputusan gagal.',
  'mailtest.smtp.connect.fix':
    'Pastikan MTA yang didaftarkan dalam DNS (Pekeliling 4(f)(v)) mendengar pada port 25 alamat ini dan firewall membenarkan sambungan SMTP masuk; pelayan mesti menyapa dengan 220 (RFC 5321 §4.2).',

  'mailtest.smtp.banner_name.title': 'Nama pelayan dalam sapaan dan EHLO',
  'mailtest.smtp.banner_name.pass':
    'Sapaan ({banner}) dan jawapan EHLO ({ehlo}) menggunakan nama PTR alamat ini ({ptr}).',
  'mailtest.smtp.banner_name.warn':
    'Nama dalam sapaan ({banner}) atau jawapan EHLO ({ehlo}) tiada dalam rekod PTR alamat ini ({ptr}), dan bukan dalam domain organisasi yang sama. Pelayan yang menghantar mel menggunakan nama yang sama dalam HELO; jika pelayan ini juga menghantar mel agensi, penerima yang membandingkan nama itu dengan DNS songsang mungkin menganggap mel itu mencurigakan (RFC 5321 §4.1.4).',
  'mailtest.smtp.banner_name.untested': 'Tidak dapat diuji: {reason} ({detail}). Ini bukan keputusan gagal.',
  'mailtest.smtp.banner_name.fix':
    'Pekeliling 4(f)(v): daftarkan MTA dalam DNS dengan rekod A, MX dan carian songsang (PTR). Jadikan nama PTR alamat ini sama dengan nama yang diberi pelayan: dalam Postfix, tetapkan `myhostname` kepada nama itu (ia digunakan dalam `smtpd_banner` dan jawapan EHLO) dan pastikan rekod A nama itu menunjuk ke alamat ini.',

  'mailtest.smtp.starttls.title': 'STARTTLS (penyulitan semasa penghantaran)',
  'mailtest.smtp.starttls.pass': 'STARTTLS ditawarkan dan diterima: {reply}',
  'mailtest.smtp.starttls.fail':
    'STARTTLS tidak ditawarkan atau ditolak, jadi mel ke pelayan ini dihantar tanpa penyulitan. Jawapan pelayan: {reply}',
  'mailtest.smtp.starttls.untested': 'Tidak dapat diuji: {reason} ({detail}). Ini bukan keputusan gagal.',
  'mailtest.smtp.starttls.fix':
    'Amalan baik penyedia: lindungi mel semasa penghantaran. Pasang sijil dan tawarkan STARTTLS (RFC 3207): dalam Postfix, `smtpd_tls_security_level = may` dengan `smtpd_tls_chain_files` menunjuk kepada kunci dan sijil. Jangan gunakan `encrypt` pada MX awam (RFC 3207 §4).',

  'mailtest.smtp.tls_version.title': 'Versi TLS',
  'mailtest.smtp.tls_version.pass': 'Versi yang dirundingkan: {version} ({cipher}).',
  'mailtest.smtp.tls_version.fail':
    'Versi yang dirundingkan: {version} ({cipher}), versi yang telah dimansuhkan oleh RFC 8996.',
  'mailtest.smtp.tls_version.untested': 'Tidak dapat diuji: {reason} ({detail}). Ini bukan keputusan gagal.',
  'mailtest.smtp.tls_version.fix':
    'Matikan TLS 1.0 dan 1.1 (RFC 8996, RFC 8997) dan benarkan TLS 1.2 dan 1.3: dalam Postfix, `smtpd_tls_protocols = >=TLSv1.2` dan `smtpd_tls_mandatory_protocols = >=TLSv1.2`.',

  'mailtest.smtp.tls_certificate.title': 'Sijil TLS',
  'mailtest.smtp.tls_certificate.pass':
    'Sijil {subject} dikeluarkan oleh {issuer}, sah hingga {expires} ({days} hari lagi); rantaian disahkan dan hos MX dinamakan dalam subjectAltName.',
  'mailtest.smtp.tls_certificate.warn':
    'Sijil {subject} (pengeluar {issuer}, sah hingga {expires}, nama {names}): {problems}. Pengesahan rantaian: {verify}. Mel masih disulitkan. Penghantar yang menyemak sijil, seperti yang dikehendaki dasar MTA-STS dalam mode enforce (RFC 8461 §4.2), hanya menerima sijil yang belum tamat tempoh, berantai kepada CA akar yang dipercayai dan menamakan hos MX dalam subjectAltName; kebanyakan penghantar lain tidak menyemaknya (RFC 7435).',
  'mailtest.smtp.tls_certificate.fail':
    'Sijil {subject} tidak sah pada tarikh ujian: ia sah dari {starts} hingga {expires}.',
  'mailtest.smtp.tls_certificate.untested':
    'Tidak dapat diuji: {reason} ({detail}). Ini bukan keputusan gagal.',
  'mailtest.smtp.tls_certificate.fix':
    'Gunakan sijil daripada CA yang dipercayai yang menamakan hos MX dalam subjectAltName, pasang rantaian penuh dan perbaharui sebelum tamat tempoh: dalam Postfix, `smtpd_tls_chain_files` (kunci dahulu, kemudian sijil dan sijil perantara). MTA-STS (RFC 8461 §4.2) memerlukan rantaian yang dipercayai dan nama yang sepadan.',
  'mailtest.smtp.tls_certificate.problem.expired': 'telah tamat tempoh',
  'mailtest.smtp.tls_certificate.problem.not_yet_valid': 'belum sah',
  'mailtest.smtp.tls_certificate.problem.expires_soon':
    'tamat tempoh dalam masa kurang daripada 14 hari; perbaharuinya sebelum itu',
  'mailtest.smtp.tls_certificate.problem.self_signed': 'ditandatangani sendiri',
  'mailtest.smtp.tls_certificate.problem.untrusted': 'rantaian tidak dipercayai',
  'mailtest.smtp.tls_certificate.problem.name_mismatch': 'hos MX tiada dalam senarai nama DNS subjectAltName',

  'mailtest.smtp.size.title': 'Had saiz mesej',
  'mailtest.smtp.size.pass':
    'SIZE dalam jawapan EHLO: {declared}, iaitu had 10 MB seperti Pekeliling 4(f)(iii).',
  'mailtest.smtp.size.warn':
    'SIZE dalam jawapan EHLO: {declared}. Had tidak diketahui atau kurang daripada 10 MB yang ditetapkan Pekeliling 4(f)(iii), jadi mesej sah mungkin ditolak.',
  'mailtest.smtp.size.fail':
    'SIZE dalam jawapan EHLO: {declared}. Pelayan menerima mesej yang lebih besar daripada had 10 MB yang ditetapkan Pekeliling 4(f)(iii).',
  'mailtest.smtp.size.declared.absent': 'tidak diisytiharkan',
  'mailtest.smtp.size.declared.no_number': 'diisytiharkan tanpa nombor, jadi hadnya tidak dinyatakan',
  'mailtest.smtp.size.declared.unlimited': '0 (tiada had langsung)',
  'mailtest.smtp.size.untested': 'Tidak dapat diuji: {reason} ({detail}). Ini bukan keputusan gagal.',
  'mailtest.smtp.size.fix':
    'Pekeliling 4(f)(iii): had saiz mesej ialah 10 MB. Dalam Postfix: `message_size_limit = 10485760`; pelayan kemudian mengisytiharkan `SIZE 10485760` dalam jawapan EHLO (RFC 1870). SIZE 0 bermaksud tiada had langsung.',

  'mailtest.smtp.relay.title': 'Relay mel (geganti)',
  'mailtest.smtp.relay.pass':
    'Pelayan menolak relay mel daripada pengirim luar kepada penerima luar dalam semua bentuk yang dicuba ({tried}): {reply}',
  'mailtest.smtp.relay.fail':
    'Pelayan ialah open relay: pada RCPT ia menerima {recipient} (bentuk {form}) daripada pengirim luar: {reply}',
  'mailtest.smtp.relay.untested': 'Tidak dapat diuji: {reason} ({detail}). Ini bukan keputusan gagal.',
  'mailtest.smtp.relay.fix':
    'Pekeliling 4(f)(vi): benarkan relay hanya untuk pelayan dalaman agensi. Dalam Postfix: `smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination`, dengan `mynetworks` menyenaraikan pelayan dalaman sahaja; kekalkan `allow_percent_hack`, `swap_bangpath` dan `resolve_dequoted_address` pada nilai lalai supaya alamat bertipu dinilai mengikut destinasi sebenar.',

  'mailtest.smtp.vrfy.title': 'Arahan VRFY',
  'mailtest.smtp.vrfy.pass': 'VRFY tidak mendedahkan peti mel: {reply}',
  'mailtest.smtp.vrfy.warn':
    'VRFY mendedahkan peti mel yang wujud ({reply}); sesiapa boleh menggunakannya untuk mengumpul alamat e-mel agensi.',
  'mailtest.smtp.vrfy.untested': 'Tidak dapat diuji: {reason} ({detail}). Ini bukan keputusan gagal.',
  'mailtest.smtp.vrfy.fix':
    'Matikan VRFY supaya pelayan menjawab 502 (RFC 5321 §3.5.3 membenarkan 252 atau 502): dalam Postfix, `disable_vrfy_command = yes`.',

  'mailtest.smtp.reason.timeout': 'tiada jawapan dalam had masa',
  'mailtest.smtp.reason.refused': 'sambungan ditolak',
  'mailtest.smtp.reason.reset': 'sambungan diputuskan (reset)',
  'mailtest.smtp.reason.closed': 'pelayan menutup sambungan',
  'mailtest.smtp.reason.unreachable': 'alamat tidak dapat dicapai',
  'mailtest.smtp.reason.protocol': 'jawapan SMTP yang tidak dijangka',
  'mailtest.smtp.reason.tls': 'rundingan TLS gagal',
  'mailtest.smtp.reason.error': 'ralat dalaman ujian',
  'mailtest.smtp.reason.stopped': 'mailops dihentikan sebelum ujian selesai',
  'mailtest.smtp.reason.rejected': 'pelayan enggan menjalankan ujian ini',
  'mailtest.smtp.reason.temporary': 'kegagalan sementara (4xx), contohnya greylisting',
  'mailtest.smtp.reason.no_ptr': 'rekod PTR alamat ini tidak dapat disemak',
  'mailtest.smtp.reason.no_starttls': 'tiada sesi STARTTLS',
  'mailtest.smtp.reason.accepts_all_local':
    'pelayan menerima semua penerima tempatan, jadi bentuk alamat domain tempatan tidak membuktikan relay',
  'mailtest.smtp.reason.helo_rejected':
    'pelayan menolak nama yang diberi mailops dalam EHLO; tetapkan mailtest.helo_name kepada nama DNS hos mailops (yang mempunyai rekod A)',
  'mailtest.smtp.reason.sender_rejected':
    'pelayan menolak penghantar ujian mailops; tetapkan mailtest.relay_sender kepada alamat di domain yang menghantar dan menerima mel',
  'mailtest.smtp.reason.recipient_domain':
    'pelayan menolak domain penerima luar itu sendiri (tiada perkhidmatan mel atau tidak wujud) sebelum menimbang relay; tetapkan mailtest.relay_recipient kepada peti mel di domain yang menerima mel tetapi tidak dikendalikan oleh pelayan yang diuji (tiada mesej dihantar kepadanya)',
  'mailtest.smtp.reason.recipient_local':
    'penerima ujian relay (mailtest.relay_recipient) berada dalam domain yang diuji, jadi penerimaannya ialah penghantaran tempatan, bukan relay',
  'mailtest.smtp.target.title': 'Alamat pelayan mel yang boleh diuji',
  'mailtest.smtp.target.untested':
    'Tidak diuji: {address} ialah alamat persendirian atau terpelihara, dan mailops tidak menyambung ke alamat sedemikian kecuali yang disenaraikan. Ini bukan keputusan gagal.',
  'mailtest.smtp.target.fix':
    'Jika pelayan ini memang pelayan mel dalaman agensi, tambah blok alamatnya pada mailtest.allow_targets dalam konfigurasi. Jika MX awam menunjuk ke alamat persendirian, betulkan rekod DNS (Pekeliling 4(f)(v)).',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.smtp.connect.title': 'SMTP connection (port 25)',
  'mailtest.smtp.connect.pass': 'The server accepted a connection on port 25 and greeted: {banner}',
  'mailtest.smtp.connect.untested': 'Could not test: {reason} ({detail}). This is not a fail.',
  'mailtest.smtp.connect.fix':
    'Make sure the MTA registered in DNS (circular item 4(f)(v)) listens on port 25 of this address and the firewall lets inbound SMTP in; the server must greet with 220 (RFC 5321 §4.2).',

  'mailtest.smtp.banner_name.title': 'Server name in the greeting and EHLO',
  'mailtest.smtp.banner_name.pass':
    'The greeting ({banner}) and the EHLO reply ({ehlo}) use this address’s PTR name ({ptr}).',
  'mailtest.smtp.banner_name.warn':
    'The name in the greeting ({banner}) or the EHLO reply ({ehlo}) is not among this address’s PTR names ({ptr}), nor in the same organisational domain. A server that sends mail gives the same name in its HELO: if this one also sends the agency’s mail, receivers that compare that name with reverse DNS may count it as suspect (RFC 5321 §4.1.4).',
  'mailtest.smtp.banner_name.untested': 'Could not test: {reason} ({detail}). This is not a fail.',
  'mailtest.smtp.banner_name.fix':
    'Circular item 4(f)(v): register the MTA in DNS with A, MX and a reverse lookup (PTR). Make this address’s PTR name the name the server gives: in Postfix set `myhostname` to it (it is used in `smtpd_banner` and the EHLO reply) and make that name’s A record point to this address.',

  'mailtest.smtp.starttls.title': 'STARTTLS (encryption in transit)',
  'mailtest.smtp.starttls.pass': 'STARTTLS is offered and accepted: {reply}',
  'mailtest.smtp.starttls.fail':
    'STARTTLS is not offered or is refused, so mail to this server travels unencrypted. The server said: {reply}',
  'mailtest.smtp.starttls.untested': 'Could not test: {reason} ({detail}). This is not a fail.',
  'mailtest.smtp.starttls.fix':
    'Provider good practice: protect mail in transit. Install a certificate and offer STARTTLS (RFC 3207): in Postfix, `smtpd_tls_security_level = may` with `smtpd_tls_chain_files` pointing at the key and certificate. Do not use `encrypt` on a public MX (RFC 3207 §4).',

  'mailtest.smtp.tls_version.title': 'TLS version',
  'mailtest.smtp.tls_version.pass': 'Negotiated {version} ({cipher}).',
  'mailtest.smtp.tls_version.fail': 'Negotiated {version} ({cipher}), a version RFC 8996 deprecates.',
  'mailtest.smtp.tls_version.untested': 'Could not test: {reason} ({detail}). This is not a fail.',
  'mailtest.smtp.tls_version.fix':
    'Turn off TLS 1.0 and 1.1 (RFC 8996, RFC 8997) and allow TLS 1.2 and 1.3: in Postfix, `smtpd_tls_protocols = >=TLSv1.2` and `smtpd_tls_mandatory_protocols = >=TLSv1.2`.',

  'mailtest.smtp.tls_certificate.title': 'TLS certificate',
  'mailtest.smtp.tls_certificate.pass':
    'Certificate {subject} issued by {issuer}, valid until {expires} ({days} days left); the chain verifies and its subjectAltName names the MX host.',
  'mailtest.smtp.tls_certificate.warn':
    'Certificate {subject} (issuer {issuer}, valid until {expires}, names {names}): {problems}. Chain verification: {verify}. Mail is still encrypted. Senders that check the certificate, as an MTA-STS policy in enforce mode requires (RFC 8461 §4.2), accept only one that has not expired, chains to a trusted root and names the MX host in its subjectAltName; most other senders do not check it (RFC 7435).',
  'mailtest.smtp.tls_certificate.fail':
    'Certificate {subject} is not valid on the test date: it is valid from {starts} to {expires}.',
  'mailtest.smtp.tls_certificate.untested': 'Could not test: {reason} ({detail}). This is not a fail.',
  'mailtest.smtp.tls_certificate.fix':
    'Use a certificate from a trusted CA that names the MX host in its subjectAltName, install the full chain and renew it before it expires: in Postfix, `smtpd_tls_chain_files` (the key first, then the certificate and intermediates). MTA-STS (RFC 8461 §4.2) requires a trusted chain and a matching name.',
  'mailtest.smtp.tls_certificate.problem.expired': 'expired',
  'mailtest.smtp.tls_certificate.problem.not_yet_valid': 'not valid yet',
  'mailtest.smtp.tls_certificate.problem.expires_soon': 'expires in less than 14 days; renew it before then',
  'mailtest.smtp.tls_certificate.problem.self_signed': 'self-signed',
  'mailtest.smtp.tls_certificate.problem.untrusted': 'chain not trusted',
  'mailtest.smtp.tls_certificate.problem.name_mismatch':
    'the MX host is not among its subjectAltName DNS names',

  'mailtest.smtp.size.title': 'Message size limit',
  'mailtest.smtp.size.pass':
    'SIZE in the EHLO reply: {declared}, the 10 MB limit of circular item 4(f)(iii).',
  'mailtest.smtp.size.warn':
    'SIZE in the EHLO reply: {declared}. The limit is unknown or below the 10 MB of circular item 4(f)(iii), so legitimate mail may be refused.',
  'mailtest.smtp.size.fail':
    'SIZE in the EHLO reply: {declared}. The server accepts messages larger than the 10 MB limit circular item 4(f)(iii) sets.',
  'mailtest.smtp.size.declared.absent': 'not announced',
  'mailtest.smtp.size.declared.no_number': 'announced without a number, so the limit is not stated',
  'mailtest.smtp.size.declared.unlimited': '0 (no limit at all)',
  'mailtest.smtp.size.untested': 'Could not test: {reason} ({detail}). This is not a fail.',
  'mailtest.smtp.size.fix':
    'Circular item 4(f)(iii): the maximum message size is 10 MB. In Postfix: `message_size_limit = 10485760`; the server then announces `SIZE 10485760` in its EHLO reply (RFC 1870). SIZE 0 means no limit at all.',

  'mailtest.smtp.relay.title': 'Mail relay',
  'mailtest.smtp.relay.pass':
    'The server refused to relay from an outside sender to an outside recipient in every form tried ({tried}): {reply}',
  'mailtest.smtp.relay.fail':
    'The server is an open relay: at RCPT it accepted {recipient} (form {form}) from an outside sender: {reply}',
  'mailtest.smtp.relay.untested': 'Could not test: {reason} ({detail}). This is not a fail.',
  'mailtest.smtp.relay.fix':
    'Circular item 4(f)(vi): relay only for the agency’s internal servers. In Postfix: `smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination`, with `mynetworks` listing only internal servers; keep `allow_percent_hack`, `swap_bangpath` and `resolve_dequoted_address` at their defaults so disguised addresses are judged by their real destination.',

  'mailtest.smtp.vrfy.title': 'VRFY command',
  'mailtest.smtp.vrfy.pass': 'VRFY does not disclose mailboxes: {reply}',
  'mailtest.smtp.vrfy.warn':
    'VRFY tells which mailboxes exist ({reply}); anyone can use it to harvest the agency’s addresses.',
  'mailtest.smtp.vrfy.untested': 'Could not test: {reason} ({detail}). This is not a fail.',
  'mailtest.smtp.vrfy.fix':
    'Turn VRFY off so the server answers 502 (RFC 5321 §3.5.3 allows 252 or 502): in Postfix, `disable_vrfy_command = yes`.',

  'mailtest.smtp.reason.timeout': 'no answer in time',
  'mailtest.smtp.reason.refused': 'connection refused',
  'mailtest.smtp.reason.reset': 'connection reset',
  'mailtest.smtp.reason.closed': 'the server closed the connection',
  'mailtest.smtp.reason.unreachable': 'address unreachable',
  'mailtest.smtp.reason.protocol': 'unexpected SMTP reply',
  'mailtest.smtp.reason.tls': 'TLS handshake failed',
  'mailtest.smtp.reason.error': 'internal error of the test',
  'mailtest.smtp.reason.stopped': 'mailops was stopped before the test finished',
  'mailtest.smtp.reason.rejected': 'the server refused this test',
  'mailtest.smtp.reason.temporary': 'temporary failure (4xx), e.g. greylisting',
  'mailtest.smtp.reason.no_ptr': 'the PTR of this address could not be checked',
  'mailtest.smtp.reason.no_starttls': 'no STARTTLS session',
  'mailtest.smtp.reason.accepts_all_local':
    'the server accepts any local recipient, so local-domain forms prove no relaying',
  'mailtest.smtp.reason.helo_rejected':
    'the server refused the name mailops gives in EHLO; set mailtest.helo_name to the DNS name of the mailops host (one with an A record)',
  'mailtest.smtp.reason.sender_rejected':
    'the server refused mailops’ test sender; set mailtest.relay_sender to an address at a domain that sends and receives mail',
  'mailtest.smtp.reason.recipient_domain':
    'the server refused the outside recipient’s domain itself (no mail service, or no such domain) before weighing relaying; set mailtest.relay_recipient to a mailbox at a domain that receives mail but is not handled by the server under test (nothing is ever sent to it)',
  'mailtest.smtp.reason.recipient_local':
    'the relay test’s recipient (mailtest.relay_recipient) is in the domain under test, so accepting it is local delivery, not relaying',
  'mailtest.smtp.target.title': 'Mail server address that may be tested',
  'mailtest.smtp.target.untested':
    'Not tested: {address} is a private or reserved address, and mailops connects to such addresses only when they are listed. This is not a fail.',
  'mailtest.smtp.target.fix':
    "If this really is the agency's internal mail server, add its address block to mailtest.allow_targets in the configuration. If a public MX points at a private address, correct the DNS record (circular item 4(f)(v)).",
};

export const mailtestSmtp = { ms, en };
