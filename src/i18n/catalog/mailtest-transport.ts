// Texts of the /mailtest findings about mail in transit to the domain: MTA-STS and TLS-RPT (src/mail/mta-sts.ts)
// and what the policy means for each MX's TLS (src/mail/mta-sts-mx-tls.ts), with the same keys and rules as
// mailtest-dns.ts.

import { UNTESTED_EN, UNTESTED_MS } from './mailtest-dns.ts';

const ms = {
  'mailtest.mta_sts.record.title': 'Rekod MTA-STS',
  'mailtest.mta_sts.record.pass': 'Rekod MTA-STS ditemui di {name} (id={id}).',
  'mailtest.mta_sts.record.warn':
    'Domain {domain} tiada MTA-STS: pengirim boleh dipaksa menghantar tanpa penyulitan. Ia disyorkan, bukan diwajibkan.',
  'mailtest.mta_sts.record.fail':
    'Rekod MTA-STS di {name} tidak sah atau lebih daripada satu ({records}); pengirim menganggap tiada MTA-STS (RFC 8461 §3.1).',
  'mailtest.mta_sts.record.untested': `Tidak dapat diuji: TXT {name} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.mta_sts.record.fix':
    'Terbitkan satu TXT `v=STSv1; id=<1–32 huruf/angka>` di `_mta-sts.<domain>` dan dasar di `https://mta-sts.<domain>/.well-known/mta-sts.txt` (RFC 8461).',

  'mailtest.mta_sts.version.title': 'Versi rekod MTA-STS',
  'mailtest.mta_sts.version.fail':
    'TXT di {name} kelihatan seperti rekod MTA-STS tetapi tidak bermula tepat dengan `v=STSv1;` ({records}): pengirim membuangnya dan menganggap domain ini tiada MTA-STS (RFC 8461 §3.1).',
  'mailtest.mta_sts.version.fix':
    'Tulis rekod supaya bermula tepat dengan `v=STSv1;`: huruf besar dan kecil seperti itu, koma bertitik terus selepas versi dan tanpa tanda petik dalam nilai, contohnya `v=STSv1; id=20240601` (RFC 8461 §3.1).',

  'mailtest.mta_sts.host.title': 'Hos dasar MTA-STS',
  'mailtest.mta_sts.host.fail':
    'Rekod MTA-STS wujud tetapi {host} tiada alamat (jawapan DNS: {answer}), jadi dasar tidak dapat diambil.',
  'mailtest.mta_sts.host.untested': `Tidak dapat diuji: alamat {host} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.mta_sts.host.fix':
    'Tambah rekod A/AAAA bagi {host} yang menunjuk ke pelayan web dasar, atau buang rekod `_mta-sts` (RFC 8461 §3.3).',

  'mailtest.mta_sts.target.title': 'Alamat hos dasar MTA-STS',
  'mailtest.mta_sts.target.untested':
    'Tidak dapat diuji: {host} menunjuk ke alamat persendirian atau simpanan ({addresses}) yang tidak dibenarkan untuk disambung oleh /mailtest.',
  'mailtest.mta_sts.target.fix':
    'Hos dasar MTA-STS mesti mempunyai alamat awam; untuk ujian dalaman, pentadbir boleh menambah blok alamat ke `mailtest.allow_targets`.',

  'mailtest.mta_sts.certificate.title': 'Sijil HTTPS hos dasar MTA-STS',
  'mailtest.mta_sts.certificate.fail':
    'Sambungan HTTPS ke {host} gagal pengesahan sijil/TLS ({reason}); pengirim mengabaikan dasar (RFC 8461 §3.3).',
  'mailtest.mta_sts.certificate.fix':
    'Pasang sijil sah yang dikeluarkan oleh CA dipercayai untuk nama {host}, dengan rantaian lengkap (RFC 8461 §3.3).',

  'mailtest.mta_sts.fetch.title': 'Muat turun dasar MTA-STS',
  'mailtest.mta_sts.fetch.fail':
    '{url} menjawab HTTP {status}; RFC 8461 §3.3 memerlukan HTTP 200 dan tidak membenarkan lencongan (redirect).',
  'mailtest.mta_sts.fetch.untested':
    'Tidak dapat diuji: {url} menjawab HTTP {status}, iaitu "cuba lagi kemudian" (beban berlebihan, penyelenggaraan, get laluan yang tamat masa atau had kadar). Ini bukan keputusan gagal; cuba lagi kemudian.',
  'mailtest.mta_sts.fetch.fix':
    'Sajikan fail dasar terus pada laluan itu dengan HTTP 200, tanpa lencongan (RFC 8461 §3.3).',

  'mailtest.mta_sts.media_type.title': 'Jenis kandungan dasar MTA-STS',
  'mailtest.mta_sts.media_type.fail':
    '{url} disajikan sebagai "{content_type}", bukan text/plain: penghantar mengabaikan dasar ini (RFC 8461 §3.2).',
  'mailtest.mta_sts.media_type.fix':
    'Sajikan fail dasar dengan pengepala `Content-Type: text/plain` (charset dibenarkan).',

  'mailtest.mta_sts.policy.title': 'Dasar MTA-STS',
  'mailtest.mta_sts.policy.pass': 'Dasar di {url} sah: mode {mode}, max_age {max_age} saat.',
  'mailtest.mta_sts.policy.fail': 'Dasar di {url} tidak sah: medan {field} tiada atau salah (RFC 8461 §3.2).',
  'mailtest.mta_sts.policy.untested': `Tidak dapat diuji: {url} tidak dapat dicapai ({reason}). ${UNTESTED_MS}`,
  'mailtest.mta_sts.policy.fix':
    'Fail dasar mesti mengandungi `version: STSv1`, `mode: enforce|testing|none`, `max_age: <saat>` dan satu baris `mx:` bagi setiap hos MX (RFC 8461 §3.2).',

  'mailtest.mta_sts.policy_size.title': 'Saiz dasar MTA-STS',
  'mailtest.mta_sts.policy_size.fail':
    'Dasar di {url} lebih besar daripada 64 KiB, had saiz yang dicadangkan RFC 8461 §3.3 kepada pengirim: pengirim yang mengenakan had itu tidak membacanya dan mengabaikan dasar.',
  'mailtest.mta_sts.policy_size.fix':
    'Dasar hanya memerlukan baris `version`, `mode`, `max_age` dan `mx` (RFC 8461 §3.2); sajikan fail itu sahaja, jauh di bawah 64 KiB.',

  'mailtest.mta_sts.max_age.title': 'Tempoh sah dasar MTA-STS (max_age)',
  'mailtest.mta_sts.max_age.warn':
    'max_age ialah {max_age} saat, kurang daripada sehari: pengirim melupakan dasar secepat itu, dan penyerang yang menyekat pengambilan dasar selepas itu boleh membuang TLS semula (RFC 8461 §3.2 menjangkakan beberapa minggu).',
  'mailtest.mta_sts.max_age.fix':
    'Tetapkan `max_age: 604800` (seminggu) atau lebih; sekurang-kurangnya 86400 (sehari). Tukar `id` rekod `_mta-sts` apabila dasar berubah.',

  'mailtest.mta_sts.mode.title': 'Mod MTA-STS',
  'mailtest.mta_sts.mode.pass': 'MTA-STS dalam mode {mode}: pengirim mesti menggunakan TLS yang sah.',
  'mailtest.mta_sts.mode.warn': 'MTA-STS dalam mode {mode}: pengirim belum diwajibkan menggunakan TLS.',
  'mailtest.mta_sts.mode.fix':
    'Apabila laporan TLS-RPT bersih, tukar kepada `mode: enforce` dan tukar id rekod `_mta-sts` (RFC 8461 §5).',

  'mailtest.mta_sts.mx.title': 'Hos MX dalam dasar MTA-STS',
  'mailtest.mta_sts.mx.pass': 'Hos MX {host} diliputi oleh corak {pattern}.',
  'mailtest.mta_sts.mx.warn':
    'Hos MX {host} tiada dalam dasar ({patterns}); dalam mode testing pengirim hanya melaporkannya.',
  'mailtest.mta_sts.mx.fail':
    'Hos MX {host} tiada dalam dasar ({patterns}); dalam mode enforce pengirim enggan menghantar ke hos itu.',
  'mailtest.mta_sts.mx.fix':
    'Tambah baris `mx: {host}` (atau corak `*.` yang meliputinya) ke fail dasar dan tukar id rekod `_mta-sts` (RFC 8461 §4.1).',

  'mailtest.mta_sts.mx_starttls.title': 'STARTTLS pada MX di bawah dasar MTA-STS',
  'mailtest.mta_sts.mx_starttls.fail':
    'Dasar MTA-STS dalam mode enforce, tetapi {host} ({address}) tidak menawarkan STARTTLS: pengirim yang mematuhi dasar itu enggan menghantar sebarang mel ke alamat ini, dan tidak akan menghantarnya tanpa penyulitan (RFC 8461 §5).',
  'mailtest.mta_sts.mx_starttls.warn':
    'Dasar MTA-STS dalam mode testing dan {host} ({address}) tidak menawarkan STARTTLS: pengirim yang mematuhi dasar itu masih menghantar dan melaporkan kegagalan (RFC 8461 §5). Dalam mode enforce, mereka akan enggan menghantar sebarang mel ke alamat ini.',
  'mailtest.mta_sts.mx_starttls.fix':
    'Tawarkan STARTTLS pada {host} (lihat dapatan STARTTLS). Selagi ia belum berfungsi di situ, dasar tidak boleh dalam `mode: enforce`: terbitkan `mode: testing` dan tukar id rekod `_mta-sts` (RFC 8461 §5).',

  'mailtest.mta_sts.mx_certificate.title': 'Sijil MX di bawah dasar MTA-STS',
  'mailtest.mta_sts.mx_certificate.pass':
    'Sijil {host} ({address}) lulus semakan pengirim yang mematuhi dasar MTA-STS: rantaian dipercayai, hos dinamakan dalam subjectAltName dan belum tamat tempoh (RFC 8461 §4.2).',
  'mailtest.mta_sts.mx_certificate.fail':
    'Dasar MTA-STS dalam mode enforce, tetapi sijil {host} ({address}) gagal pengesahan yang wajib dibuat oleh pengirim yang mematuhinya ({problems}; RFC 8461 §4.2): pengirim itu enggan menghantar sebarang mel ke alamat ini (RFC 8461 §5).',
  'mailtest.mta_sts.mx_certificate.warn':
    'Dasar MTA-STS dalam mode testing dan sijil {host} ({address}) gagal pengesahan yang dibuat oleh pengirim yang mematuhinya ({problems}; RFC 8461 §4.2): mereka masih menghantar dan melaporkan kegagalan, tetapi dalam mode enforce mereka akan enggan menghantar sebarang mel ke alamat ini (RFC 8461 §5).',
  'mailtest.mta_sts.mx_certificate.untested':
    'Tidak dapat diuji sama ada pengirim yang mematuhi dasar MTA-STS menerima sijil {host} ({address}): {reason} ({detail}). Ini bukan keputusan gagal.',
  'mailtest.mta_sts.mx_certificate.fix':
    'Sijil {host} mesti daripada CA yang dipercayai umum, menamakan {host} dalam subjectAltName, disertai rantaian penuh dan diperbaharui sebelum tamat tempoh (RFC 8461 §4.2). Selagi tidak begitu, kekalkan dasar dalam `mode: testing` (dan tukar id rekod `_mta-sts`), atau pengirim yang mematuhinya menolak mel itu (RFC 8461 §5).',

  'mailtest.tls_rpt.record.title': 'Laporan TLS (TLS-RPT)',
  'mailtest.tls_rpt.record.pass': 'Laporan TLS dihantar ke {rua} ({name}).',
  'mailtest.tls_rpt.record.warn':
    'Domain {domain} tiada rekod TLS-RPT: agensi tidak dimaklumkan apabila penghantaran TLS ke pelayannya gagal.',
  'mailtest.tls_rpt.record.fail':
    'Rekod TLS-RPT di {name} tidak sah atau lebih daripada satu ({records}) (RFC 8460 §3).',
  'mailtest.tls_rpt.record.untested': `Tidak dapat diuji: TXT {name} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.tls_rpt.record.fix':
    'Terbitkan satu TXT `v=TLSRPTv1; rua=mailto:tlsrpt@<domain>` di `_smtp._tls.<domain>` (RFC 8460 §3).',

  'mailtest.tls_rpt.version.title': 'Versi rekod TLS-RPT',
  'mailtest.tls_rpt.version.fail':
    'TXT di {name} kelihatan seperti rekod TLS-RPT tetapi tidak bermula tepat dengan `v=TLSRPTv1;` ({records}): pengirim membuangnya dan tidak menghantar laporan TLS (RFC 8460 §3).',
  'mailtest.tls_rpt.version.fix':
    'Tulis rekod supaya bermula tepat dengan `v=TLSRPTv1;`: huruf besar dan kecil seperti itu, koma bertitik terus selepas versi dan tanpa tanda petik dalam nilai, contohnya `v=TLSRPTv1; rua=mailto:tlsrpt@<domain>` (RFC 8460 §3).',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.mta_sts.record.title': 'MTA-STS record',
  'mailtest.mta_sts.record.pass': 'MTA-STS record found at {name} (id={id}).',
  'mailtest.mta_sts.record.warn':
    'The domain {domain} has no MTA-STS: senders can be forced to deliver without encryption. It is recommended, not required.',
  'mailtest.mta_sts.record.fail':
    'The MTA-STS record at {name} is invalid or there is more than one ({records}); senders assume no MTA-STS (RFC 8461 §3.1).',
  'mailtest.mta_sts.record.untested': `Could not test: the TXT at {name} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.mta_sts.record.fix':
    'Publish one TXT `v=STSv1; id=<1–32 letters/digits>` at `_mta-sts.<domain>` and the policy at `https://mta-sts.<domain>/.well-known/mta-sts.txt` (RFC 8461).',

  'mailtest.mta_sts.version.title': 'MTA-STS record version',
  'mailtest.mta_sts.version.fail':
    'The TXT at {name} looks like an MTA-STS record but does not begin exactly with `v=STSv1;` ({records}): senders discard it and treat the domain as having no MTA-STS (RFC 8461 §3.1).',
  'mailtest.mta_sts.version.fix':
    'Write the record so that it begins exactly with `v=STSv1;`: in that case, with the semicolon right after the version and no quotes inside the value, e.g. `v=STSv1; id=20240601` (RFC 8461 §3.1).',

  'mailtest.mta_sts.host.title': 'MTA-STS policy host',
  'mailtest.mta_sts.host.fail':
    'The MTA-STS record exists but {host} has no address (DNS answer: {answer}), so the policy cannot be fetched.',
  'mailtest.mta_sts.host.untested': `Could not test: the addresses of {host} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.mta_sts.host.fix':
    'Add A/AAAA records for {host} pointing to the policy web server, or remove the `_mta-sts` record (RFC 8461 §3.3).',

  'mailtest.mta_sts.target.title': 'MTA-STS policy host address',
  'mailtest.mta_sts.target.untested':
    'Could not test: {host} points to private or reserved addresses ({addresses}) that /mailtest may not connect to.',
  'mailtest.mta_sts.target.fix':
    'The MTA-STS policy host needs a public address; for internal tests an administrator can add the address block to `mailtest.allow_targets`.',

  'mailtest.mta_sts.certificate.title': 'HTTPS certificate of the MTA-STS policy host',
  'mailtest.mta_sts.certificate.fail':
    'The HTTPS connection to {host} failed certificate/TLS verification ({reason}); senders ignore the policy (RFC 8461 §3.3).',
  'mailtest.mta_sts.certificate.fix':
    'Install a valid certificate for the name {host} issued by a trusted CA, with its full chain (RFC 8461 §3.3).',

  'mailtest.mta_sts.fetch.title': 'MTA-STS policy download',
  'mailtest.mta_sts.fetch.fail':
    '{url} answered HTTP {status}; RFC 8461 §3.3 requires HTTP 200 and allows no redirects.',
  'mailtest.mta_sts.fetch.untested':
    'Could not test: {url} answered HTTP {status}, which means "try again later" (overload, maintenance, a gateway that timed out, or rate limiting). This is not a fail; try again later.',
  'mailtest.mta_sts.fetch.fix':
    'Serve the policy file directly at that path with HTTP 200, without redirects (RFC 8461 §3.3).',

  'mailtest.mta_sts.media_type.title': 'MTA-STS policy media type',
  'mailtest.mta_sts.media_type.fail':
    '{url} is served as "{content_type}", not text/plain: senders ignore the policy (RFC 8461 §3.2).',
  'mailtest.mta_sts.media_type.fix':
    'Serve the policy file with the header `Content-Type: text/plain` (a charset is allowed).',

  'mailtest.mta_sts.policy.title': 'MTA-STS policy',
  'mailtest.mta_sts.policy.pass': 'The policy at {url} is valid: mode {mode}, max_age {max_age} seconds.',
  'mailtest.mta_sts.policy.fail':
    'The policy at {url} is invalid: the {field} field is missing or wrong (RFC 8461 §3.2).',
  'mailtest.mta_sts.policy.untested': `Could not test: {url} could not be reached ({reason}). ${UNTESTED_EN}`,
  'mailtest.mta_sts.policy.fix':
    'The policy file must have `version: STSv1`, `mode: enforce|testing|none`, `max_age: <seconds>` and one `mx:` line per MX host (RFC 8461 §3.2).',

  'mailtest.mta_sts.policy_size.title': 'MTA-STS policy size',
  'mailtest.mta_sts.policy_size.fail':
    'The policy at {url} is larger than 64 KiB, the size limit RFC 8461 §3.3 suggests to senders: senders that apply that limit do not read it and ignore the policy.',
  'mailtest.mta_sts.policy_size.fix':
    'A policy needs only the `version`, `mode`, `max_age` and `mx` lines (RFC 8461 §3.2); serve that file alone, well under 64 KiB.',

  'mailtest.mta_sts.max_age.title': 'MTA-STS policy lifetime (max_age)',
  'mailtest.mta_sts.max_age.warn':
    'max_age is {max_age} seconds, under a day: senders forget the policy that soon, and an attacker who blocks the policy fetch afterwards can strip TLS again (RFC 8461 §3.2 expects weeks).',
  'mailtest.mta_sts.max_age.fix':
    'Set `max_age: 604800` (a week) or more; 86400 (a day) at the least. Change the `id` of the `_mta-sts` record whenever the policy changes.',

  'mailtest.mta_sts.mode.title': 'MTA-STS mode',
  'mailtest.mta_sts.mode.pass': 'MTA-STS is in mode {mode}: senders must use valid TLS.',
  'mailtest.mta_sts.mode.warn': 'MTA-STS is in mode {mode}: senders are not yet required to use TLS.',
  'mailtest.mta_sts.mode.fix':
    'When the TLS-RPT reports are clean, switch to `mode: enforce` and change the id of the `_mta-sts` record (RFC 8461 §5).',

  'mailtest.mta_sts.mx.title': 'MX hosts in the MTA-STS policy',
  'mailtest.mta_sts.mx.pass': 'The MX host {host} is covered by the pattern {pattern}.',
  'mailtest.mta_sts.mx.warn':
    'The MX host {host} is not in the policy ({patterns}); in testing mode senders only report it.',
  'mailtest.mta_sts.mx.fail':
    'The MX host {host} is not in the policy ({patterns}); in enforce mode senders refuse to deliver to it.',
  'mailtest.mta_sts.mx.fix':
    'Add a line `mx: {host}` (or a `*.` pattern covering it) to the policy file and change the id of the `_mta-sts` record (RFC 8461 §4.1).',

  'mailtest.mta_sts.mx_starttls.title': 'STARTTLS on the MX under the MTA-STS policy',
  'mailtest.mta_sts.mx_starttls.fail':
    'The MTA-STS policy is in enforce mode, but {host} ({address}) does not offer STARTTLS: senders that apply the policy refuse all mail to this address rather than send it unencrypted (RFC 8461 §5).',
  'mailtest.mta_sts.mx_starttls.warn':
    'The MTA-STS policy is in testing mode and {host} ({address}) does not offer STARTTLS: senders that apply the policy still deliver, and report the failure (RFC 8461 §5). In enforce mode they would refuse all mail to this address.',
  'mailtest.mta_sts.mx_starttls.fix':
    'Offer STARTTLS on {host} (see the STARTTLS finding). Until it works there, the policy must not be in `mode: enforce`: publish `mode: testing` and change the id of the `_mta-sts` record (RFC 8461 §5).',

  'mailtest.mta_sts.mx_certificate.title': 'MX certificate under the MTA-STS policy',
  'mailtest.mta_sts.mx_certificate.pass':
    'The certificate of {host} ({address}) passes what senders applying the MTA-STS policy check: a trusted chain, the host in its subjectAltName, not expired (RFC 8461 §4.2).',
  'mailtest.mta_sts.mx_certificate.fail':
    'The MTA-STS policy is in enforce mode, but the certificate of {host} ({address}) fails the validation senders applying it must do ({problems}; RFC 8461 §4.2): those senders refuse all mail to this address (RFC 8461 §5).',
  'mailtest.mta_sts.mx_certificate.warn':
    'The MTA-STS policy is in testing mode and the certificate of {host} ({address}) fails the validation senders applying it do ({problems}; RFC 8461 §4.2): they still deliver and report the failure, but in enforce mode they would refuse all mail to this address (RFC 8461 §5).',
  'mailtest.mta_sts.mx_certificate.untested':
    'Could not test whether senders applying the MTA-STS policy accept the certificate of {host} ({address}): {reason} ({detail}). This is not a fail.',
  'mailtest.mta_sts.mx_certificate.fix':
    'The certificate of {host} must come from a publicly trusted CA, name {host} in its subjectAltName, carry its full chain and be renewed before it expires (RFC 8461 §4.2). While it does not, keep the policy in `mode: testing` (and change the id of the `_mta-sts` record), or senders applying it refuse the mail (RFC 8461 §5).',

  'mailtest.tls_rpt.record.title': 'TLS reporting (TLS-RPT)',
  'mailtest.tls_rpt.record.pass': 'TLS reports go to {rua} ({name}).',
  'mailtest.tls_rpt.record.warn':
    'The domain {domain} has no TLS-RPT record: the agency is not told when TLS delivery to its servers fails.',
  'mailtest.tls_rpt.record.fail':
    'The TLS-RPT record at {name} is invalid or there is more than one ({records}) (RFC 8460 §3).',
  'mailtest.tls_rpt.record.untested': `Could not test: the TXT at {name} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.tls_rpt.record.fix':
    'Publish one TXT `v=TLSRPTv1; rua=mailto:tlsrpt@<domain>` at `_smtp._tls.<domain>` (RFC 8460 §3).',

  'mailtest.tls_rpt.version.title': 'TLS-RPT record version',
  'mailtest.tls_rpt.version.fail':
    'The TXT at {name} looks like a TLS-RPT record but does not begin exactly with `v=TLSRPTv1;` ({records}): senders discard it and send no TLS reports (RFC 8460 §3).',
  'mailtest.tls_rpt.version.fix':
    'Write the record so that it begins exactly with `v=TLSRPTv1;`: in that case, with the semicolon right after the version and no quotes inside the value, e.g. `v=TLSRPTv1; rua=mailto:tlsrpt@<domain>` (RFC 8460 §3).',
};

export const mailtestTransport = { ms, en };
