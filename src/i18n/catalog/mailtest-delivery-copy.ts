// Texts of the delivery findings read from a mailbox and a delivered copy (src/mail/probe/delivery-findings.ts):
// the agency mailboxes' quota (circular 4(f)(i) and the good practice of warning before one fills), SPF, DKIM and
// DMARC of the agency's outbound probe, and TLS on every hop. Same keys and rules as mailtest-delivery.ts.

const UNTESTED_MS = 'Tidak dapat diuji: {reason}. Ini bukan keputusan gagal.';
const UNTESTED_EN = 'Could not test: {reason}. This is not a fail.';

const ms = {
  'mailtest.delivery.quota_size.title': 'Ruang peti mel (Pekeliling 4(f)(i))',
  'mailtest.delivery.quota_size.pass':
    'Had storan peti mel: {quota_limit}; Pekeliling 4(f)(i) menetapkan sekurang-kurangnya {minimum}.',
  'mailtest.delivery.quota_size.fail':
    'Had storan peti mel hanya {quota_limit}, kurang daripada {minimum} yang ditetapkan Pekeliling 4(f)(i).',
  'mailtest.delivery.quota_size.untested': UNTESTED_MS,
  'mailtest.delivery.quota_size.fix':
    'Pekeliling 4(f)(i): sekurang-kurangnya {minimum} bagi setiap akaun e-mel (tanpa had bagi pegawai pengurusan tertinggi); jika kapasiti pelayan tidak mencukupi, naik taraf pelayan. Dalam Dovecot: `quota_rule = *:storage=1G` (tidak kurang daripada {minimum}) dalam `plugin { }`, dengan pemalam `quota` dan `imap_quota` dihidupkan supaya kuota dilaporkan melalui IMAP QUOTA (RFC 9208).',

  'mailtest.delivery.quota_usage.title': 'Penggunaan peti mel (amaran sebelum penuh)',
  'mailtest.delivery.quota_usage.pass':
    '{used} digunakan daripada {quota_limit} ({percent}%), di bawah paras amaran {level}%.',
  'mailtest.delivery.quota_usage.warn':
    '{used} digunakan daripada {quota_limit} ({percent}%), mencapai paras amaran {level}%. Apabila penuh, mel baharu ke peti mel ini akan ditolak (RFC 3463 5.2.2).',
  'mailtest.delivery.quota_usage.fail':
    'Peti mel penuh: {used} digunakan daripada {quota_limit} ({percent}%). Mel baharu ke peti mel ini ditolak (RFC 3463 5.2.2).',
  'mailtest.delivery.quota_usage.untested': UNTESTED_MS,
  'mailtest.delivery.quota_usage.fix':
    'Amalan baik penyedia: beri amaran sebelum peti mel penuh supaya perkhidmatan e-mel tidak terhenti. Kosongkan atau arkibkan mel lama, atau naikkan kuota (Dovecot `quota_rule`); hantar amaran automatik kepada pengguna dengan `quota_warning = storage=80%% quota-warning 80 %u` dan skrip `quota-warning` dalam Dovecot.',

  'mailtest.delivery.auth_spf.title': 'SPF mel keluar agensi',
  'mailtest.delivery.auth_spf.pass': 'Ujian keluar lulus SPF bagi {domain}: {auth_result}.',
  'mailtest.delivery.auth_spf.warn':
    'SPF bagi {domain}: {auth_result}. Penerima tidak menolak mel palsu atas nama domain ini berdasarkan SPF.',
  'mailtest.delivery.auth_spf.fail':
    'SPF bagi {domain}: {auth_result}. Pelayan keluar agensi tidak dibenarkan oleh rekod SPF (atau rekod itu tiada atau rosak), jadi penerima boleh menolak mel agensi.',
  'mailtest.delivery.auth_spf.untested': UNTESTED_MS,
  'mailtest.delivery.auth_spf.fix':
    'Terbitkan satu rekod SPF bagi {domain} yang menyenaraikan semua pelayan mel keluar agensi dan berakhir dengan `-all`, contohnya `v=spf1 mx ip4:<alamat keluar> -all` (RFC 7208; Pekeliling 4(f)(v)), dan semak dengan `dig TXT {domain}`.',

  'mailtest.delivery.auth_dkim.title': 'Tandatangan DKIM mel keluar agensi',
  'mailtest.delivery.auth_dkim.pass':
    'Ujian keluar ditandatangani dengan DKIM yang sah dan sejajar dengan domain From: d={signer}, s={selector}.',
  'mailtest.delivery.auth_dkim.warn':
    'Tandatangan DKIM sah tetapi tidak sejajar dengan domain From {domain} ({signatures}), jadi DMARC tidak dapat bergantung padanya.',
  'mailtest.delivery.auth_dkim.fail':
    'Ujian keluar tiada tandatangan DKIM yang sah bagi {domain}. Tandatangan yang ditemui: {signatures}.',
  'mailtest.delivery.auth_dkim.untested': UNTESTED_MS,
  'mailtest.delivery.auth_dkim.fix':
    'Pekeliling 4(f)(v) memerlukan domain key. Tandatangani semua mel keluar bagi {domain} dengan DKIM (RFC 6376): dalam OpenDKIM tetapkan `Domain`, `Selector` dan `KeyFile`, sambungkan ke Postfix melalui `smtpd_milters` dan `non_smtpd_milters`, dan terbitkan kunci awam di `<selector>._domainkey.{domain}`.',

  'mailtest.delivery.auth_dkim_key.title': 'Panjang kunci DKIM',
  'mailtest.delivery.auth_dkim_key.pass':
    'Kunci DKIM {selector}._domainkey.{signer}: {bits} bit (RFC 8301 §3.2: sekurang-kurangnya 1024, disyorkan 2048; kunci Ed25519 RFC 8463 ialah 256 bit).',
  'mailtest.delivery.auth_dkim_key.warn':
    'Kunci DKIM {selector}._domainkey.{signer} hanya {bits} bit; RFC 8301 §3.2 mengesyorkan sekurang-kurangnya 2048 bit.',
  'mailtest.delivery.auth_dkim_key.fail':
    'Kunci DKIM {selector}._domainkey.{signer} hanya {bits} bit, kurang daripada minimum 1024 bit RFC 8301 §3.2; penerima tidak menganggap tandatangan itu sah.',
  'mailtest.delivery.auth_dkim_key.untested': UNTESTED_MS,
  'mailtest.delivery.auth_dkim_key.fix':
    'Jana kunci RSA 2048 bit di bawah selector baharu (`opendkim-genkey -b 2048 -d {domain} -s <selector baharu>`), terbitkan rekodnya, tukar `Selector` dan `KeyFile` OpenDKIM, dan selepas beberapa hari tarik balik kunci lama dengan `p=` kosong (RFC 6376 §3.6.1).',

  'mailtest.delivery.auth_dmarc.title': 'DMARC mel keluar agensi',
  'mailtest.delivery.auth_dmarc.pass': 'Ujian keluar lulus DMARC bagi {domain} (dasar p={policy}).',
  'mailtest.delivery.auth_dmarc.fail':
    'DMARC bagi {domain}: {auth_result}; dasar p={policy}. Mel agensi sendiri tidak lulus DMARC: penerima yang menguatkuasakan dasar akan menolaknya atau menganggapnya spam, dan pihak lain boleh menyamar sebagai agensi.',
  'mailtest.delivery.auth_dmarc.untested': UNTESTED_MS,
  'mailtest.delivery.auth_dmarc.fix':
    'Pastikan mel keluar lulus SPF atau DKIM dengan domain yang sejajar dengan From (RFC 7489 §3.1), dan terbitkan TXT `_dmarc.{domain}` seperti `v=DMARC1; p=quarantine; rua=mailto:dmarc@{domain}`; tukar kepada `p=reject` apabila laporan menunjukkan semua mel sah lulus.',

  'mailtest.delivery.tls_hops.title': 'Penyulitan setiap peringkat penghantaran (TLS)',
  'mailtest.delivery.tls_hops.pass':
    'Setiap peringkat antara pelayan disulitkan ({count} disemak; {versions}).',
  'mailtest.delivery.tls_hops.warn':
    'Peringkat yang tidak disulitkan atau menggunakan versi TLS yang telah dimansuhkan oleh RFC 8996 ({count}): {hops}. Mel boleh dibaca atau diubah semasa penghantaran.',
  'mailtest.delivery.tls_hops.untested':
    'Tidak dapat dipastikan: {reason} ({hops}). Ini bukan keputusan gagal.',
  'mailtest.delivery.tls_hops.fix':
    'Amalan baik penyedia: lindungi mel semasa penghantaran. Pada setiap pelayan di laluan, dalam Postfix: `smtpd_tls_security_level = may` (menerima), `smtp_tls_security_level = may` atau `dane` (menghantar), `smtpd_tls_protocols = >=TLSv1.2` dan `smtp_tls_protocols = >=TLSv1.2`, serta `smtpd_tls_received_header = yes` supaya pengepala Received mencatat versi TLS.',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.delivery.quota_size.title': 'Mailbox space (circular item 4(f)(i))',
  'mailtest.delivery.quota_size.pass':
    'Mailbox storage limit: {quota_limit}; circular item 4(f)(i) asks for at least {minimum}.',
  'mailtest.delivery.quota_size.fail':
    'The mailbox storage limit is only {quota_limit}, below the {minimum} of circular item 4(f)(i).',
  'mailtest.delivery.quota_size.untested': UNTESTED_EN,
  'mailtest.delivery.quota_size.fix':
    'Circular item 4(f)(i): at least {minimum} for every mail account (no limit for top management); if the servers cannot hold that, upgrade them. In Dovecot: `quota_rule = *:storage=1G` (no less than {minimum}) in `plugin { }`, with the `quota` and `imap_quota` plugins on so the quota is reported through IMAP QUOTA (RFC 9208).',

  'mailtest.delivery.quota_usage.title': 'Mailbox usage (warning before full)',
  'mailtest.delivery.quota_usage.pass':
    '{used} used of {quota_limit} ({percent}%), below the {level}% warning level.',
  'mailtest.delivery.quota_usage.warn':
    '{used} used of {quota_limit} ({percent}%), at the {level}% warning level. Once full, new mail to this mailbox will be refused (RFC 3463 5.2.2).',
  'mailtest.delivery.quota_usage.fail':
    'The mailbox is full: {used} used of {quota_limit} ({percent}%). New mail to this mailbox is refused (RFC 3463 5.2.2).',
  'mailtest.delivery.quota_usage.untested': UNTESTED_EN,
  'mailtest.delivery.quota_usage.fix':
    'Provider good practice: warn before a mailbox fills, so the mail service does not stop. Empty or archive old mail, or raise the quota (Dovecot `quota_rule`); warn users automatically with Dovecot `quota_warning = storage=80%% quota-warning 80 %u` and a `quota-warning` script.',

  'mailtest.delivery.auth_spf.title': "SPF of the agency's outbound mail",
  'mailtest.delivery.auth_spf.pass': 'The outbound probe passed SPF for {domain}: {auth_result}.',
  'mailtest.delivery.auth_spf.warn':
    'SPF for {domain}: {auth_result}. Receivers do not refuse forged mail in this domain’s name on SPF.',
  'mailtest.delivery.auth_spf.fail':
    "SPF for {domain}: {auth_result}. The agency's outbound server is not allowed by the SPF record (or the record is missing or broken), so receivers may refuse the agency's mail.",
  'mailtest.delivery.auth_spf.untested': UNTESTED_EN,
  'mailtest.delivery.auth_spf.fix':
    'Publish one SPF record for {domain} that lists every outbound mail server of the agency and ends in `-all`, for example `v=spf1 mx ip4:<outbound address> -all` (RFC 7208; circular item 4(f)(v)), and check it with `dig TXT {domain}`.',

  'mailtest.delivery.auth_dkim.title': "DKIM signature of the agency's outbound mail",
  'mailtest.delivery.auth_dkim.pass':
    'The outbound probe carried a valid DKIM signature aligned with the From domain: d={signer}, s={selector}.',
  'mailtest.delivery.auth_dkim.warn':
    'A DKIM signature is valid but not aligned with the From domain {domain} ({signatures}), so DMARC cannot rely on it.',
  'mailtest.delivery.auth_dkim.fail':
    'The outbound probe carried no valid DKIM signature for {domain}. Signatures found: {signatures}.',
  'mailtest.delivery.auth_dkim.untested': UNTESTED_EN,
  'mailtest.delivery.auth_dkim.fix':
    'Circular item 4(f)(v) asks for a domain key. Sign all outbound mail of {domain} with DKIM (RFC 6376): in OpenDKIM set `Domain`, `Selector` and `KeyFile`, connect it to Postfix through `smtpd_milters` and `non_smtpd_milters`, and publish the public key at `<selector>._domainkey.{domain}`.',

  'mailtest.delivery.auth_dkim_key.title': 'DKIM key length',
  'mailtest.delivery.auth_dkim_key.pass':
    'DKIM key {selector}._domainkey.{signer}: {bits} bits (RFC 8301 §3.2: at least 1024, 2048 recommended; an RFC 8463 Ed25519 key is 256 bits).',
  'mailtest.delivery.auth_dkim_key.warn':
    'DKIM key {selector}._domainkey.{signer} has only {bits} bits; RFC 8301 §3.2 recommends at least 2048.',
  'mailtest.delivery.auth_dkim_key.fail':
    'DKIM key {selector}._domainkey.{signer} has only {bits} bits, below the 1024-bit minimum of RFC 8301 §3.2; receivers do not take the signature as valid.',
  'mailtest.delivery.auth_dkim_key.untested': UNTESTED_EN,
  'mailtest.delivery.auth_dkim_key.fix':
    "Generate a 2048-bit RSA key under a new selector (`opendkim-genkey -b 2048 -d {domain} -s <new selector>`), publish its record, switch OpenDKIM's `Selector` and `KeyFile`, and after a few days revoke the old key with an empty `p=` (RFC 6376 §3.6.1).",

  'mailtest.delivery.auth_dmarc.title': "DMARC of the agency's outbound mail",
  'mailtest.delivery.auth_dmarc.pass': 'The outbound probe passed DMARC for {domain} (policy p={policy}).',
  'mailtest.delivery.auth_dmarc.fail':
    "DMARC for {domain}: {auth_result}; policy p={policy}. The agency's own mail fails DMARC: receivers that enforce policies will refuse it or file it as spam, and others can pass themselves off as the agency.",
  'mailtest.delivery.auth_dmarc.untested': UNTESTED_EN,
  'mailtest.delivery.auth_dmarc.fix':
    'Make outbound mail pass SPF or DKIM with a domain aligned with the From (RFC 7489 §3.1), and publish a `_dmarc.{domain}` TXT such as `v=DMARC1; p=quarantine; rua=mailto:dmarc@{domain}`; move to `p=reject` once the reports show all legitimate mail passing.',

  'mailtest.delivery.tls_hops.title': 'Encryption on every hop (TLS)',
  'mailtest.delivery.tls_hops.pass': 'Every hop between servers was encrypted ({count} checked; {versions}).',
  'mailtest.delivery.tls_hops.warn':
    'Hops not encrypted or on a TLS version RFC 8996 deprecates ({count}): {hops}. Mail can be read or altered in transit.',
  'mailtest.delivery.tls_hops.untested': 'Could not tell: {reason} ({hops}). This is not a fail.',
  'mailtest.delivery.tls_hops.fix':
    'Provider good practice: protect mail in transit. On every server of the path, in Postfix: `smtpd_tls_security_level = may` (receiving), `smtp_tls_security_level = may` or `dane` (sending), `smtpd_tls_protocols = >=TLSv1.2` and `smtp_tls_protocols = >=TLSv1.2`, and `smtpd_tls_received_header = yes` so the Received header records the TLS version.',
};

export const mailtestDeliveryCopy = { ms, en };
