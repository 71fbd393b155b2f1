// Texts of the /mailtest findings about who may send in the domain's name: DMARC and DKIM (src/mail/dmarc.ts,
// dkim.ts), with the same keys and rules as mailtest-dns.ts. SPF is in mailtest-spf.ts.

import { UNTESTED_EN, UNTESTED_MS } from './mailtest-dns.ts';

const ms = {
  'mailtest.dmarc.record.title': 'Rekod DMARC',
  'mailtest.dmarc.record.pass': 'Rekod DMARC ditemui di {name}.',
  'mailtest.dmarc.record.warn':
    '{domain} tiada rekod DMARC sendiri. Penerima yang mengikut RFC 9989 menelusuri pokok DNS ke atas dan menggunakan rekod di {name}; penerima yang masih mengikut RFC 7489 tidak menggunakan sebarang dasar untuk agensi.',
  'mailtest.dmarc.record.fail':
    'Tiada rekod DMARC untuk {domain} atau domain organisasinya: sesiapa sahaja boleh menghantar atas nama agensi tanpa ditolak.',
  'mailtest.dmarc.record.untested': `Tidak dapat diuji: TXT {name} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dmarc.record.fix':
    'Terbitkan TXT di `_dmarc.<domain>`, mula dengan `v=DMARC1; p=none; rua=mailto:…`, kemudian naikkan ke `p=quarantine` atau `p=reject` (RFC 7489; amalan baik: tiada orang lain boleh menghantar atas nama pelanggan).',

  'mailtest.dmarc.version.title': 'Versi rekod DMARC',
  'mailtest.dmarc.version.fail':
    'TXT di {name} bermula dengan "{record}": penerima hanya membaca rekod yang bermula tepat dengan `v=DMARC1` (huruf besar) diikuti `;` atau hujung rekod, dan membuang yang ini, jadi domain ini tiada dasar DMARC (RFC 7489 §6.4, §6.6.3).',
  'mailtest.dmarc.version.fix':
    'Tulis tag versi tepat sebagai `v=DMARC1;` di awal rekod, dengan koma bertitik sebelum tag seterusnya; tag lain boleh kekal seperti sedia ada.',

  'mailtest.dmarc.multiple.title': 'Satu rekod DMARC sahaja',
  'mailtest.dmarc.multiple.fail':
    '{name} mempunyai {count} rekod DMARC; penerima tidak menggunakan mana-mana (RFC 7489 §6.6.3).',
  'mailtest.dmarc.multiple.fix': 'Tinggalkan satu rekod `v=DMARC1` sahaja di nama itu (RFC 7489 §6.6.3).',

  'mailtest.dmarc.policy.title': 'Dasar DMARC (p=)',
  'mailtest.dmarc.policy.pass':
    'Dasar DMARC di {name} ialah {tag}={policy}: mel palsu atas nama agensi dikuarantin atau ditolak (reject adalah yang paling kuat).',
  'mailtest.dmarc.policy.warn':
    'Dasar DMARC di {name} ialah {tag}={policy}: penerima hanya memantau, mel palsu atas nama agensi tetap diterima.',
  'mailtest.dmarc.policy.fail':
    'Tag p= rekod DMARC di {name} tiada atau tidak sah ("{value}") dan tiada rua= yang sah: penerima tidak menggunakan DMARC langsung (RFC 7489 §6.6.3).',
  'mailtest.dmarc.policy.fix':
    'Selepas laporan rua menunjukkan semua mel sah lulus SPF/DKIM, tukar {tag}= di {name} kepada `quarantine` dan kemudian `reject`, tanpa `t=y` atau `pct=0` (RFC 7489 §6.3, §6.6.4).',

  'mailtest.dmarc.invalid_tag.title': 'Nilai dasar DMARC (p=, sp=)',
  'mailtest.dmarc.invalid_tag.warn':
    'Tag {tag}= rekod DMARC di {name} tiada atau tidak sah ("{value}"): kerana rua= ditetapkan, penerima menganggap rekod ini p=none, jadi mel palsu atas nama agensi tetap diterima ({rule}).',
  'mailtest.dmarc.invalid_tag.fail':
    'Tag {tag}= rekod DMARC di {name} tidak sah ("{value}") dan tiada rua= yang sah: penerima tidak menggunakan DMARC langsung ({rule}).',
  'mailtest.dmarc.invalid_tag.fix':
    'Tetapkan p= (dan sp= jika digunakan) kepada none, quarantine atau reject sahaja, kemudian naikkan ke `p=reject` (RFC 7489 §6.3).',

  'mailtest.dmarc.invalid_np.title': 'Dasar DMARC bagi nama yang tidak wujud (np=)',
  'mailtest.dmarc.invalid_np.warn':
    'Tag np= rekod DMARC di {name} tidak sah ("{value}"): penerima yang mengikut RFC 9989 menganggap rekod ini p=none (atau tidak menggunakan DMARC langsung tanpa rua=), jadi mereka menerima mel palsu atas nama agensi; penerima yang masih mengikut RFC 7489 mengabaikan np= dan menggunakan p= (RFC 9989 §4.10.1).',
  'mailtest.dmarc.invalid_np.fix':
    'Tetapkan np= kepada none, quarantine atau reject sahaja (sebaik-baiknya `reject`), atau buang tag itu supaya sp= atau p= digunakan (RFC 9989 §4.7).',

  'mailtest.dmarc.testing.title': 'Mod ujian DMARC (t=y)',
  'mailtest.dmarc.testing.warn':
    'Rekod DMARC di {name} mempunyai t=y (mod ujian): penerima mengenakan satu tahap lebih lemah daripada p={policy} (quarantine bagi reject, tiada tindakan bagi quarantine).',
  'mailtest.dmarc.testing.fix':
    'Buang `t=y` setelah laporan rua menunjukkan semua mel sah lulus SPF atau DKIM (RFC 9989, tag t).',

  'mailtest.dmarc.subdomain_policy.title': 'Dasar subdomain DMARC (sp=)',
  'mailtest.dmarc.subdomain_policy.warn':
    'Di {name}, sp={sp} lebih lemah daripada p={p}: mel palsu daripada subdomain agensi kurang dilindungi.',
  'mailtest.dmarc.subdomain_policy.fix':
    'Buang tag sp= (subdomain mengikut p=) atau jadikannya sama kuat dengan p= (RFC 7489 §6.3).',

  'mailtest.dmarc.pct.title': 'Peratus mel yang tertakluk kepada DMARC (pct=)',
  'mailtest.dmarc.pct.warn': 'pct={pct}: dasar DMARC dikenakan pada sebahagian mel sahaja.',
  'mailtest.dmarc.pct.fail':
    'Nilai pct= "{value}" tidak sah; ia mesti nombor bulat 0 hingga 100 (RFC 7489 §6.3).',
  'mailtest.dmarc.pct.fix': 'Buang tag pct= atau tetapkan `pct=100` supaya dasar dikenakan pada semua mel.',

  'mailtest.dmarc.pct_invalid.title': 'Nilai pct= rekod DMARC',
  'mailtest.dmarc.pct_invalid.warn':
    'Nilai pct= "{value}" tidak sah (mesti nombor bulat 0 hingga 100): penerima mengabaikannya dan mengenakan dasar pada semua mel, tetapi rekod itu kelihatan seperti mahu mengehadkannya (RFC 7489 §6.3).',
  'mailtest.dmarc.pct_invalid.fix':
    'Buang tag pct= (RFC 9989 tidak lagi menggunakannya), atau tulis nombor bulat 0 hingga 100.',

  'mailtest.dmarc.rua.title': 'Alamat laporan DMARC (rua=)',
  'mailtest.dmarc.rua.pass': 'Laporan agregat DMARC dihantar ke {rua}.',
  'mailtest.dmarc.rua.warn':
    'Tiada tag rua=: agensi tidak menerima laporan tentang siapa menghantar atas namanya.',
  'mailtest.dmarc.rua.fix':
    'Tambah `rua=mailto:dmarc@<domain>` supaya agensi tahu pelayan mana menghantar atas namanya sebelum menguatkuasakan dasar (RFC 7489 §7.2).',

  'mailtest.dmarc.rua_uri.title': 'Bentuk alamat laporan DMARC (rua=)',
  'mailtest.dmarc.rua_uri.warn':
    'rua={rua} tiada URI `mailto:`: penerima hanya menghantar laporan agregat ke alamat `mailto:` (RFC 7489 §6.2), jadi agensi tidak menerima sebarang laporan.',
  'mailtest.dmarc.rua_uri.fix':
    'Tulis setiap alamat sebagai URI, contohnya `rua=mailto:dmarc@<domain>` (RFC 7489 §6.4); pisahkan beberapa alamat dengan koma.',

  'mailtest.dmarc.report_auth.title': 'Kebenaran destinasi laporan DMARC luar',
  'mailtest.dmarc.report_auth.pass': 'Destinasi laporan {destination} membenarkan laporan ({name}).',
  'mailtest.dmarc.report_auth.warn':
    'Destinasi laporan {destination} berada di luar domain agensi dan tiada rekod kebenaran {name}; penerima tidak akan menghantar laporan ke situ.',
  'mailtest.dmarc.report_auth.untested': `Tidak dapat diuji: {name} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dmarc.report_auth.fix':
    'Minta pemilik {destination} menerbitkan TXT `v=DMARC1` di {name}, atau gunakan alamat laporan dalam domain agensi (RFC 7489 §7.1).',

  'mailtest.dkim.selectors.title': 'Kunci DKIM (domain key)',
  'mailtest.dkim.selectors.pass': 'Kunci DKIM ditemui bagi pemilih: {selectors}.',
  'mailtest.dkim.selectors.warn':
    'Rekod DKIM ditemui bagi pemilih {selectors}, tetapi tiada yang boleh digunakan untuk menandatangani.',
  'mailtest.dkim.selectors.fail':
    'Tiada kunci DKIM yang boleh digunakan pada {tried} pemilih yang dicuba, termasuk pemilih {selector} yang menandatangani mel domain ini.',
  'mailtest.dkim.selectors.untested':
    'Tidak dapat diuji: tiada kunci DKIM pada {tried} pemilih yang dicuba, dan pemilih sebenar agensi tidak diketahui. Ini bukan keputusan gagal.',
  'mailtest.dkim.selectors.fix':
    'Pekeliling 4(f)(v) "domain key": tandatangani mel keluar dengan DKIM dan terbitkan kunci di `<pemilih>._domainkey.<domain>`; beritahu meja bantuan nama pemilih supaya ia boleh diuji (konfigurasi `mailtest.dkim_selectors`).',

  'mailtest.dkim.lookup.title': 'Carian pemilih DKIM',
  'mailtest.dkim.lookup.untested': `Tidak dapat diuji: pemilih {selector} ({name}) tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dkim.lookup.fix':
    'Semak bahawa pelayan DNS agensi menjawab pertanyaan TXT di bawah `_domainkey`.',

  'mailtest.dkim.missing.title': 'Kunci pemilih yang digunakan',
  'mailtest.dkim.missing.fail':
    'Mel daripada domain ini ditandatangani dengan pemilih {selector} (kali terakhir dilihat {seen}), tetapi {name} tiada kunci: penerima tidak dapat mengesahkan tandatangan itu (RFC 6376 §6.1.2), dan DMARC hanya bergantung pada SPF.',
  'mailtest.dkim.missing.fix':
    'Terbitkan semula kunci awam pemilih {selector} di {name} (seperti dalam fail `.txt` yang dijana oleh `opendkim-genkey`). Semasa menukar kunci, terbitkan kunci pemilih baharu dahulu dan buang yang lama hanya selepas pelayan tidak lagi menandatangani dengannya.',

  'mailtest.dkim.record.title': 'Rekod kunci DKIM',
  'mailtest.dkim.record.fail':
    'Rekod DKIM di {name} tidak sah: tag {tag} tiada atau salah (RFC 6376 §3.6.1).',
  'mailtest.dkim.record.fix':
    'Terbitkan semula rekod seperti yang dijana oleh pelayan penandatangan: `v=DKIM1; k=rsa; p=<kunci awam base64>` (RFC 6376 §3.6.1).',

  'mailtest.dkim.revoked.title': 'Kunci DKIM dibatalkan',
  'mailtest.dkim.revoked.warn':
    'Kunci di {name} telah dibatalkan (p= kosong): mel yang ditandatangani dengan pemilih ini gagal DKIM.',
  'mailtest.dkim.revoked.fail':
    'Mel daripada domain ini ditandatangani dengan pemilih {selector} (kali terakhir dilihat {seen}), tetapi kunci di {name} telah dibatalkan (p= kosong): setiap tandatangan dengannya gagal (RFC 6376 §6.1.2), dan DMARC hanya bergantung pada SPF.',
  'mailtest.dkim.revoked.fix':
    'Pastikan pelayan mel tidak lagi menandatangani dengan pemilih ini, atau terbitkan kunci baharu (RFC 6376 §3.6.1).',

  'mailtest.dkim.key_form.title': 'Bentuk kunci Ed25519',
  'mailtest.dkim.key_form.fail':
    'Kunci Ed25519 di {name} diterbitkan sebagai SubjectPublicKeyInfo ({bytes} bait), bukan kunci mentah 32 bait yang ditetapkan oleh RFC 8463 §4.2: pengesah yang mengikut RFC itu menggagalkan setiap tandatangan dengannya.',
  'mailtest.dkim.key_form.fix':
    'Terbitkan 32 bait terakhir kunci sahaja dalam base64, contohnya `openssl pkey -pubin -in kunci.pub -outform DER | tail -c 32 | base64` (RFC 8463 §4.2).',

  'mailtest.dkim.key.title': 'Kekuatan kunci DKIM',
  'mailtest.dkim.key.pass': 'Kunci {type} di {name}: {bits} bit.',
  'mailtest.dkim.key.warn':
    'Kunci {type} di {name} hanya {bits} bit; RFC 8301 §3.2 mengesyorkan sekurang-kurangnya 2048.',
  'mailtest.dkim.key.fail':
    'Kunci {type} di {name} hanya {bits} bit, di bawah minimum 1024 (RFC 8301 §3.2); penerima menolaknya.',
  'mailtest.dkim.key.fix':
    'Jana kunci RSA 2048 bit (atau Ed25519) dengan pemilih baharu, terbitkannya, kemudian tukar pelayan mel kepadanya.',

  'mailtest.dkim.rsa_missing.title': 'Kunci DKIM RSA di samping Ed25519',
  'mailtest.dkim.rsa_missing.warn':
    'Mel domain ini ditandatangani dengan kunci Ed25519 ({names}) dan tiada kunci RSA pada pemilih yang dicuba atau dilihat pada melnya. Penerima yang belum menyokong Ed25519 (RFC 8463) menganggap mel tidak ditandatangani, jadi DMARC mereka bergantung pada SPF sahaja.',
  'mailtest.dkim.rsa_missing.fix':
    'Tandatangani juga dengan kunci RSA 2048 bit di bawah pemilih lain, supaya setiap penerima dapat mengesahkan sekurang-kurangnya satu tandatangan (RFC 8463, RFC 8301).',

  'mailtest.dkim.testing.title': 'Kunci DKIM dalam mod ujian',
  'mailtest.dkim.testing.warn':
    'Rekod {name} mempunyai `t=y` (mod ujian): penerima melayan mel seolah-olah tidak ditandatangani.',
  'mailtest.dkim.testing.fix':
    'Buang `t=y` daripada rekod apabila tandatangan telah disahkan berfungsi (RFC 6376 §3.6.1).',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.dmarc.record.title': 'DMARC record',
  'mailtest.dmarc.record.pass': 'DMARC record found at {name}.',
  'mailtest.dmarc.record.warn':
    '{domain} has no DMARC record of its own. Receivers that follow RFC 9989 walk up the DNS tree and apply the record at {name}; receivers that still follow RFC 7489 apply no policy to the agency at all.',
  'mailtest.dmarc.record.fail':
    "No DMARC record for {domain} or its organisational domain: anyone can send in the agency's name without being refused.",
  'mailtest.dmarc.record.untested': `Could not test: the TXT at {name} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dmarc.record.fix':
    "Publish a TXT at `_dmarc.<domain>`, starting with `v=DMARC1; p=none; rua=mailto:…`, then raise it to `p=quarantine` or `p=reject` (RFC 7489; good practice: nobody else can send in the customer's name).",

  'mailtest.dmarc.version.title': 'DMARC record version',
  'mailtest.dmarc.version.fail':
    'The TXT at {name} starts with "{record}": receivers read only a record that starts exactly with `v=DMARC1` (upper case) followed by `;` or the end of the record, and discard this one, so the domain has no DMARC policy (RFC 7489 §6.4, §6.6.3).',
  'mailtest.dmarc.version.fix':
    'Write the version tag exactly as `v=DMARC1;` at the start of the record, with a semicolon before the next tag; the other tags can stay as they are.',

  'mailtest.dmarc.multiple.title': 'Only one DMARC record',
  'mailtest.dmarc.multiple.fail':
    '{name} has {count} DMARC records; receivers apply none of them (RFC 7489 §6.6.3).',
  'mailtest.dmarc.multiple.fix': 'Keep a single `v=DMARC1` record at that name (RFC 7489 §6.6.3).',

  'mailtest.dmarc.policy.title': 'DMARC policy (p=)',
  'mailtest.dmarc.policy.pass':
    "The DMARC policy at {name} is {tag}={policy}: forged mail in the agency's name is quarantined or rejected (reject is the strongest).",
  'mailtest.dmarc.policy.warn':
    "The DMARC policy at {name} is {tag}={policy}: receivers only monitor, and forged mail in the agency's name is still delivered.",
  'mailtest.dmarc.policy.fail':
    'The p= tag of the DMARC record at {name} is missing or invalid ("{value}") and no valid rua= is set: receivers apply no DMARC at all (RFC 7489 §6.6.3).',
  'mailtest.dmarc.policy.fix':
    'Once the rua reports show all legitimate mail passing SPF/DKIM, set {tag}= at {name} to `quarantine` and then `reject`, without `t=y` or `pct=0` (RFC 7489 §6.3, §6.6.4).',

  'mailtest.dmarc.invalid_tag.title': 'DMARC policy values (p=, sp=)',
  'mailtest.dmarc.invalid_tag.warn':
    'The {tag}= tag of the DMARC record at {name} is missing or invalid ("{value}"): as rua= is set, receivers treat the record as p=none, so forged mail in the agency\'s name is still delivered ({rule}).',
  'mailtest.dmarc.invalid_tag.fail':
    'The {tag}= tag of the DMARC record at {name} is invalid ("{value}") and no valid rua= is set: receivers apply no DMARC at all ({rule}).',
  'mailtest.dmarc.invalid_tag.fix':
    'Set p= (and sp= where used) to none, quarantine or reject only, then raise it to `p=reject` (RFC 7489 §6.3).',

  'mailtest.dmarc.invalid_np.title': 'DMARC policy for names that do not exist (np=)',
  'mailtest.dmarc.invalid_np.warn':
    'The np= tag of the DMARC record at {name} is invalid ("{value}"): receivers that follow RFC 9989 treat the record as p=none (or apply no DMARC at all without rua=), so they deliver forged mail in the agency\'s name; receivers still on RFC 7489 ignore np= and apply p= (RFC 9989 §4.10.1).',
  'mailtest.dmarc.invalid_np.fix':
    'Set np= to none, quarantine or reject only (preferably `reject`), or remove the tag so that sp= or p= applies (RFC 9989 §4.7).',

  'mailtest.dmarc.testing.title': 'DMARC test mode (t=y)',
  'mailtest.dmarc.testing.warn':
    'The DMARC record at {name} has t=y (test mode): receivers apply one step less than p={policy} (quarantine for reject, nothing for quarantine).',
  'mailtest.dmarc.testing.fix':
    'Remove `t=y` once the rua reports show all legitimate mail passing SPF or DKIM (RFC 9989, the t tag).',

  'mailtest.dmarc.subdomain_policy.title': 'DMARC subdomain policy (sp=)',
  'mailtest.dmarc.subdomain_policy.warn':
    "At {name}, sp={sp} is weaker than p={p}: forged mail from the agency's subdomains is less protected.",
  'mailtest.dmarc.subdomain_policy.fix':
    'Remove the sp= tag (subdomains then follow p=) or make it as strong as p= (RFC 7489 §6.3).',

  'mailtest.dmarc.pct.title': 'Share of mail under DMARC (pct=)',
  'mailtest.dmarc.pct.warn': 'pct={pct}: the DMARC policy applies to part of the mail only.',
  'mailtest.dmarc.pct.fail':
    'The pct= value "{value}" is invalid; it must be a whole number from 0 to 100 (RFC 7489 §6.3).',
  'mailtest.dmarc.pct.fix': 'Remove the pct= tag or set `pct=100` so that the policy applies to all mail.',

  'mailtest.dmarc.pct_invalid.title': 'DMARC pct= value',
  'mailtest.dmarc.pct_invalid.warn':
    'The pct= value "{value}" is invalid (it must be a whole number from 0 to 100): receivers ignore it and apply the policy to all mail, though the record looks as if it meant to limit it (RFC 7489 §6.3).',
  'mailtest.dmarc.pct_invalid.fix':
    'Remove the pct= tag (RFC 9989 no longer uses it), or write a whole number from 0 to 100.',

  'mailtest.dmarc.rua.title': 'DMARC report address (rua=)',
  'mailtest.dmarc.rua.pass': 'DMARC aggregate reports go to {rua}.',
  'mailtest.dmarc.rua.warn': 'No rua= tag: the agency gets no reports on who sends in its name.',
  'mailtest.dmarc.rua.fix':
    'Add `rua=mailto:dmarc@<domain>` so that the agency knows which servers send in its name before enforcing the policy (RFC 7489 §7.2).',

  'mailtest.dmarc.rua_uri.title': 'Form of the DMARC report address (rua=)',
  'mailtest.dmarc.rua_uri.warn':
    'rua={rua} has no `mailto:` URI: receivers send aggregate reports only to `mailto:` addresses (RFC 7489 §6.2), so the agency gets none.',
  'mailtest.dmarc.rua_uri.fix':
    'Write each address as a URI, for example `rua=mailto:dmarc@<domain>` (RFC 7489 §6.4); separate several with commas.',

  'mailtest.dmarc.report_auth.title': 'Authorisation of external DMARC report destinations',
  'mailtest.dmarc.report_auth.pass': 'The report destination {destination} accepts the reports ({name}).',
  'mailtest.dmarc.report_auth.warn':
    "The report destination {destination} is outside the agency's domain and has no authorisation record {name}; receivers will not send reports there.",
  'mailtest.dmarc.report_auth.untested': `Could not test: {name} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dmarc.report_auth.fix':
    "Ask the owner of {destination} to publish a TXT `v=DMARC1` at {name}, or use a report address in the agency's domain (RFC 7489 §7.1).",

  'mailtest.dkim.selectors.title': 'DKIM keys (domain key)',
  'mailtest.dkim.selectors.pass': 'DKIM keys found for the selectors: {selectors}.',
  'mailtest.dkim.selectors.warn':
    'DKIM records found for the selectors {selectors}, but none can be used for signing.',
  'mailtest.dkim.selectors.fail':
    'No usable DKIM key at the {tried} selectors tried, including {selector}, the selector mail from this domain is signed with.',
  'mailtest.dkim.selectors.untested':
    "Could not test: no DKIM key at the {tried} selectors tried, and the agency's real selector is not known. This is not a fail.",
  'mailtest.dkim.selectors.fix':
    'Circular item 4(f)(v) "domain key": sign outgoing mail with DKIM and publish the key at `<selector>._domainkey.<domain>`; tell the service desk the selector name so it can be tested (setting `mailtest.dkim_selectors`).',

  'mailtest.dkim.lookup.title': 'DKIM selector lookup',
  'mailtest.dkim.lookup.untested': `Could not test: the selector {selector} ({name}) got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dkim.lookup.fix': "Check that the agency's DNS servers answer TXT queries under `_domainkey`.",

  'mailtest.dkim.missing.title': 'Key of the selector in use',
  'mailtest.dkim.missing.fail':
    'Mail from this domain is signed with the selector {selector} (last seen {seen}), but {name} has no key: receivers cannot verify those signatures (RFC 6376 §6.1.2), and DMARC rests on SPF alone.',
  'mailtest.dkim.missing.fix':
    "Publish the public key of the selector {selector} at {name} again (as in the `.txt` file `opendkim-genkey` made). When rotating keys, publish the new selector's key first and remove the old one only once the server no longer signs with it.",

  'mailtest.dkim.record.title': 'DKIM key record',
  'mailtest.dkim.record.fail':
    'The DKIM record at {name} is invalid: the {tag} tag is missing or wrong (RFC 6376 §3.6.1).',
  'mailtest.dkim.record.fix':
    'Publish the record again as the signing server generates it: `v=DKIM1; k=rsa; p=<base64 public key>` (RFC 6376 §3.6.1).',

  'mailtest.dkim.revoked.title': 'DKIM key revoked',
  'mailtest.dkim.revoked.warn':
    'The key at {name} is revoked (empty p=): mail signed with this selector fails DKIM.',
  'mailtest.dkim.revoked.fail':
    'Mail from this domain is signed with the selector {selector} (last seen {seen}), but the key at {name} is revoked (empty p=): every signature by it fails (RFC 6376 §6.1.2), and DMARC rests on SPF alone.',
  'mailtest.dkim.revoked.fix':
    'Make sure the mail server no longer signs with this selector, or publish a new key (RFC 6376 §3.6.1).',

  'mailtest.dkim.key_form.title': 'Form of the Ed25519 key',
  'mailtest.dkim.key_form.fail':
    'The Ed25519 key at {name} is published as a SubjectPublicKeyInfo ({bytes} bytes), not the bare 32-byte key RFC 8463 §4.2 asks for: verifiers that follow that RFC fail every signature by it.',
  'mailtest.dkim.key_form.fix':
    'Publish only the last 32 bytes of the key in base64, for example `openssl pkey -pubin -in key.pub -outform DER | tail -c 32 | base64` (RFC 8463 §4.2).',

  'mailtest.dkim.key.title': 'DKIM key strength',
  'mailtest.dkim.key.pass': '{type} key at {name}: {bits} bits.',
  'mailtest.dkim.key.warn':
    'The {type} key at {name} has only {bits} bits; RFC 8301 §3.2 recommends at least 2048.',
  'mailtest.dkim.key.fail':
    'The {type} key at {name} has only {bits} bits, under the 1024 minimum (RFC 8301 §3.2); receivers reject it.',
  'mailtest.dkim.key.fix':
    'Generate a 2048-bit RSA (or Ed25519) key under a new selector, publish it, then switch the mail server to it.',

  'mailtest.dkim.rsa_missing.title': 'An RSA DKIM key beside Ed25519',
  'mailtest.dkim.rsa_missing.warn':
    'The domain’s mail is signed with an Ed25519 key ({names}) and no RSA key is at the selectors tried or seen on its mail. Receivers that do not yet support Ed25519 (RFC 8463) treat the mail as unsigned, so their DMARC rests on SPF alone.',
  'mailtest.dkim.rsa_missing.fix':
    'Sign with a 2048-bit RSA key under another selector as well, so every receiver can verify at least one signature (RFC 8463, RFC 8301).',

  'mailtest.dkim.testing.title': 'DKIM key in testing mode',
  'mailtest.dkim.testing.warn':
    'The record {name} has `t=y` (testing mode): receivers treat the mail as if it were unsigned.',
  'mailtest.dkim.testing.fix':
    'Remove `t=y` from the record once signing is confirmed to work (RFC 6376 §3.6.1).',
};

export const mailtestAuth = { ms, en };
