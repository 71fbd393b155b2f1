// Texts of the /mailtest findings about who may send in the domain's name: SPF, DMARC and DKIM (src/mail/spf.ts,
// dmarc.ts, dkim.ts), with the same keys and rules as mailtest-dns.ts.

import { UNTESTED_EN, UNTESTED_MS } from './mailtest-dns.ts';

const ms = {
  'mailtest.spf.record.title': 'Rekod SPF',
  'mailtest.spf.record.pass': 'Domain {domain} mempunyai satu rekod SPF: {record}',
  'mailtest.spf.record.fail': 'Domain {domain} tiada rekod SPF (TXT bermula `v=spf1`).',
  'mailtest.spf.record.untested': `Tidak dapat diuji: rekod TXT {domain} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.spf.record.fix':
    'Pekeliling 4(f)(v): terbitkan satu rekod TXT SPF yang menyenaraikan pelayan yang menghantar mel agensi, cth. `v=spf1 mx -all` (RFC 7208).',

  'mailtest.spf.multiple.title': 'Satu rekod SPF sahaja',
  'mailtest.spf.multiple.fail':
    'Domain {domain} mempunyai {count} rekod SPF; RFC 7208 §4.5 menjadikannya ralat kekal (permerror) dan SPF tidak berfungsi langsung.',
  'mailtest.spf.multiple.fix':
    'Gabungkan semua mekanisme ke dalam satu rekod `v=spf1` dan padam yang lain (RFC 7208 §4.5).',

  'mailtest.spf.syntax.title': 'Sintaks SPF',
  'mailtest.spf.syntax.pass': 'Sintaks {records} rekod SPF yang dibaca adalah sah.',
  'mailtest.spf.syntax.fail':
    'Rekod SPF di {where} mengandungi terma tidak sah: {terms}. Penerima memberi ralat kekal (permerror, RFC 7208 §4.6).',
  'mailtest.spf.syntax.fix':
    'Betulkan atau buang terma itu; mekanisme yang sah ialah all, include, a, mx, ptr, ip4, ip6 dan exists (RFC 7208 §5).',

  'mailtest.spf.unknown_modifier.title': 'Pengubah SPF tidak dikenali',
  'mailtest.spf.unknown_modifier.warn':
    'Rekod SPF di {where} mengandungi pengubah yang tidak dikenali: {terms}. Penerima mengabaikannya (RFC 7208 §6); mungkin salah ejaan.',
  'mailtest.spf.unknown_modifier.fix':
    'Semak ejaan: pengubah yang dikenali ialah `redirect=` dan `exp=` (RFC 7208 §6).',

  'mailtest.spf.include.title': 'Sasaran include dan redirect SPF',
  'mailtest.spf.include.fail':
    'Terma {term} dalam rekod SPF di {where} menunjuk kepada domain tanpa satu rekod SPF; penerima memberi ralat kekal (RFC 7208 §5.2, §6.1).',
  'mailtest.spf.include.fix':
    'Betulkan nama domain dalam terma itu atau buang terma itu; semak dokumentasi penyedia untuk nama include yang betul.',

  'mailtest.spf.lookups.title': 'Had 10 carian DNS SPF',
  'mailtest.spf.lookups.pass': 'SPF memerlukan {count} carian DNS (had {limit}, RFC 7208 §4.6.4).',
  'mailtest.spf.lookups.fail':
    'SPF memerlukan {count} carian DNS, melebihi had {limit} (RFC 7208 §4.6.4); had dilepasi dalam {over}. Penerima memberi ralat kekal (permerror).',
  'mailtest.spf.lookups.untested': `Tidak dapat mengira semua carian: {where} tidak dapat diikuti ({reason}); {count} dikira setakat ini. ${UNTESTED_MS}`,
  'mailtest.spf.lookups.fix':
    'Kurangkan terma a, mx, ptr, exists, include dan redirect: gantikan include yang besar dengan ip4:/ip6: pelayan sebenar, atau buang penyedia yang tidak lagi digunakan (RFC 7208 §4.6.4).',

  'mailtest.spf.mx_hosts.title': 'Had 10 hos bagi terma mx SPF',
  'mailtest.spf.mx_hosts.fail':
    'Terma mx dalam {term} menamakan {hosts} hos MX, melebihi had {limit} carian alamat bagi satu terma mx (RFC 7208 §4.6.4): penerima memberi ralat kekal (permerror).',
  'mailtest.spf.mx_hosts.fix':
    'Gantikan terma mx itu dengan ip4:/ip6: pelayan yang benar-benar menghantar mel, atau kurangkan hos MX domain itu kepada {limit} atau kurang.',

  'mailtest.spf.void_lookups.title': 'Carian DNS kosong (void) SPF',
  'mailtest.spf.void_lookups.pass': 'SPF mempunyai {count} carian kosong (had {limit}).',
  'mailtest.spf.void_lookups.fail':
    'SPF mempunyai {count} carian yang tiada jawapan (NXDOMAIN atau kosong), melebihi had {limit} (RFC 7208 §4.6.4): {names}.',
  'mailtest.spf.void_lookups.untested': `Tidak dapat mengira carian kosong: {where} tidak dijawab ({reason}); {count} dikira setakat ini. ${UNTESTED_MS}`,
  'mailtest.spf.void_lookups.fix':
    'Buang terma yang menunjuk kepada nama yang tidak wujud atau tiada rekod (RFC 7208 §4.6.4).',

  'mailtest.spf.all.title': 'Penamat SPF (all)',
  'mailtest.spf.all.pass':
    'Rekod SPF di {where} berakhir dengan {all}: pelayan lain tidak dibenarkan menghantar atas nama domain.',
  'mailtest.spf.all.warn':
    'Rekod SPF di {where} berakhir dengan {all} (neutral): SPF tidak berkata apa-apa tentang pelayan lain.',
  'mailtest.spf.all.fail':
    'Rekod SPF di {where} berakhir dengan {all}: sesiapa sahaja dibenarkan menghantar atas nama agensi.',
  'mailtest.spf.all.fix':
    'Akhiri rekod SPF dengan `-all` (atau `~all` bersama DMARC) supaya tiada orang lain boleh menghantar atas nama agensi.',

  'mailtest.spf.no_all.title': 'Penamat SPF (all)',
  'mailtest.spf.no_all.warn':
    'Rekod SPF {domain} tiada `all` dan tiada `redirect=`: hasil bagi pelayan lain ialah neutral (RFC 7208 §4.7).',
  'mailtest.spf.no_all.fix': 'Tambah `-all` pada hujung rekod SPF.',

  'mailtest.spf.ptr.title': 'Mekanisme ptr SPF',
  'mailtest.spf.ptr.warn':
    'Rekod SPF di {where} menggunakan mekanisme `ptr`, yang tidak patut digunakan lagi (RFC 7208 §5.5): lambat dan sesetengah penerima mengabaikannya.',
  'mailtest.spf.ptr.fix':
    'Gantikan `ptr` dengan ip4:/ip6: atau a: pelayan yang menghantar mel (RFC 7208 §5.5).',

  'mailtest.spf.mx_authorised.title': 'Pelayan MX dibenarkan oleh SPF',
  'mailtest.spf.mx_authorised.pass': 'Alamat {address} ({host}) dibenarkan oleh SPF (hasil: {result}).',
  'mailtest.spf.mx_authorised.warn':
    'Alamat {address} ({host}) tidak dibenarkan oleh SPF (hasil: {result}). Tiada masalah jika pelayan ini hanya menerima mel; jika ia juga menghantar (laporan tidak dapat dihantar, balasan automatik), mel itu gagal SPF.',
  'mailtest.spf.mx_authorised.fail':
    'Penilaian SPF untuk {address} ({host}) memberi {result}: rekod SPF rosak bagi semua pengirim domain ini.',
  'mailtest.spf.mx_authorised.untested': `Tidak dapat diuji: penilaian SPF untuk {address} ({host}) memberi {result} (masalah DNS sementara). ${UNTESTED_MS}`,
  'mailtest.spf.mx_authorised.fix':
    'Jika pelayan MX juga menghantar mel, tambah alamatnya ke rekod SPF (cth. mekanisme `mx` atau `ip4:`), Pekeliling 4(f)(v) dan RFC 7208 §5.',

  'mailtest.dmarc.record.title': 'Rekod DMARC',
  'mailtest.dmarc.record.pass': 'Rekod DMARC ditemui di {name}.',
  'mailtest.dmarc.record.fail':
    'Tiada rekod DMARC untuk {domain} atau domain organisasinya: sesiapa sahaja boleh menghantar atas nama agensi tanpa ditolak.',
  'mailtest.dmarc.record.untested': `Tidak dapat diuji: TXT {name} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dmarc.record.fix':
    'Terbitkan TXT di `_dmarc.<domain>`, mula dengan `v=DMARC1; p=none; rua=mailto:…`, kemudian naikkan ke `p=quarantine` atau `p=reject` (RFC 7489; amalan baik: tiada orang lain boleh menghantar atas nama pelanggan).',

  'mailtest.dmarc.version.title': 'Versi rekod DMARC',
  'mailtest.dmarc.version.fail':
    'TXT di {name} bermula dengan "{record}": penerima hanya membaca rekod yang bermula tepat dengan `v=DMARC1` (huruf besar) dan membuang yang ini, jadi domain ini tiada dasar DMARC (RFC 7489 §6.4, §6.6.3).',
  'mailtest.dmarc.version.fix':
    'Tulis tag versi tepat sebagai `v=DMARC1` di awal rekod; tag lain boleh kekal seperti sedia ada.',

  'mailtest.dmarc.multiple.title': 'Satu rekod DMARC sahaja',
  'mailtest.dmarc.multiple.fail':
    '{name} mempunyai {count} rekod DMARC; penerima tidak menggunakan mana-mana (RFC 7489 §6.6.3).',
  'mailtest.dmarc.multiple.fix': 'Tinggalkan satu rekod `v=DMARC1` sahaja di nama itu (RFC 7489 §6.6.3).',

  'mailtest.dmarc.policy.title': 'Dasar DMARC (p=)',
  'mailtest.dmarc.policy.pass':
    'Dasar DMARC di {name} ialah p={policy}: mel palsu atas nama agensi dikuarantin atau ditolak (p=reject adalah yang paling kuat).',
  'mailtest.dmarc.policy.warn':
    'Dasar DMARC di {name} ialah p={policy}: penerima hanya memantau, mel palsu atas nama agensi tetap diterima.',
  'mailtest.dmarc.policy.fail':
    'Tag p= rekod DMARC di {name} tiada atau tidak sah ("{value}") dan tiada rua= yang sah: penerima tidak menggunakan DMARC langsung (RFC 7489 §6.6.3).',
  'mailtest.dmarc.policy.fix':
    'Selepas laporan rua menunjukkan semua mel sah lulus SPF/DKIM, tukar kepada `p=quarantine` dan kemudian `p=reject` (RFC 7489 §6.3).',

  'mailtest.dmarc.invalid_tag.title': 'Nilai dasar DMARC (p=, sp=, np=)',
  'mailtest.dmarc.invalid_tag.warn':
    'Tag {tag}= rekod DMARC di {name} tiada atau tidak sah ("{value}"): kerana rua= ditetapkan, penerima menganggap rekod ini p=none, jadi mel palsu atas nama agensi tetap diterima (RFC 7489 §6.6.3).',
  'mailtest.dmarc.invalid_tag.fail':
    'Tag {tag}= rekod DMARC di {name} tidak sah ("{value}") dan tiada rua= yang sah: penerima tidak menggunakan DMARC langsung (RFC 7489 §6.6.3).',
  'mailtest.dmarc.invalid_tag.fix':
    'Tetapkan p= (dan sp=, np= jika digunakan) kepada none, quarantine atau reject sahaja, kemudian naikkan ke `p=reject` (RFC 7489 §6.3).',

  'mailtest.dmarc.testing.title': 'Mod ujian DMARC (t=y)',
  'mailtest.dmarc.testing.warn':
    'Rekod DMARC di {name} mempunyai t=y (mod ujian): penerima mengenakan satu tahap lebih lemah daripada p={policy} (quarantine bagi reject, tiada tindakan bagi quarantine).',
  'mailtest.dmarc.testing.fix':
    'Buang `t=y` setelah laporan rua menunjukkan semua mel sah lulus SPF atau DKIM (DMARCbis, tag t).',

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

  'mailtest.dmarc.rua.title': 'Alamat laporan DMARC (rua=)',
  'mailtest.dmarc.rua.pass': 'Laporan agregat DMARC dihantar ke {rua}.',
  'mailtest.dmarc.rua.warn':
    'Tiada tag rua=: agensi tidak menerima laporan tentang siapa menghantar atas namanya.',
  'mailtest.dmarc.rua.fix':
    'Tambah `rua=mailto:dmarc@<domain>` supaya agensi tahu pelayan mana menghantar atas namanya sebelum menguatkuasakan dasar (RFC 7489 §7.2).',

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
  'mailtest.dkim.selectors.untested':
    'Tidak dapat diuji: tiada kunci DKIM pada {tried} pemilih yang dicuba, dan pemilih sebenar agensi tidak diketahui. Ini bukan keputusan gagal.',
  'mailtest.dkim.selectors.fix':
    'Pekeliling 4(f)(v) "domain key": tandatangani mel keluar dengan DKIM dan terbitkan kunci di `<pemilih>._domainkey.<domain>`; beritahu meja bantuan nama pemilih supaya ia boleh diuji (konfigurasi `mailtest.dkim_selectors`).',

  'mailtest.dkim.lookup.title': 'Carian pemilih DKIM',
  'mailtest.dkim.lookup.untested': `Tidak dapat diuji: pemilih {selector} ({name}) tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dkim.lookup.fix':
    'Semak bahawa pelayan DNS agensi menjawab pertanyaan TXT di bawah `_domainkey`.',

  'mailtest.dkim.record.title': 'Rekod kunci DKIM',
  'mailtest.dkim.record.fail':
    'Rekod DKIM di {name} tidak sah: tag {tag} tiada atau salah (RFC 6376 §3.6.1).',
  'mailtest.dkim.record.fix':
    'Terbitkan semula rekod seperti yang dijana oleh pelayan penandatangan: `v=DKIM1; k=rsa; p=<kunci awam base64>` (RFC 6376 §3.6.1).',

  'mailtest.dkim.revoked.title': 'Kunci DKIM dibatalkan',
  'mailtest.dkim.revoked.warn':
    'Kunci di {name} telah dibatalkan (p= kosong): mel yang ditandatangani dengan pemilih ini gagal DKIM.',
  'mailtest.dkim.revoked.fix':
    'Pastikan pelayan mel tidak lagi menandatangani dengan pemilih ini, atau terbitkan kunci baharu (RFC 6376 §3.6.1).',

  'mailtest.dkim.key.title': 'Kekuatan kunci DKIM',
  'mailtest.dkim.key.pass': 'Kunci {type} di {name}: {bits} bit.',
  'mailtest.dkim.key.warn':
    'Kunci {type} di {name} hanya {bits} bit; RFC 8301 §3.2 mengesyorkan sekurang-kurangnya 2048.',
  'mailtest.dkim.key.fail':
    'Kunci {type} di {name} hanya {bits} bit, di bawah minimum 1024 (RFC 8301 §3.2); penerima menolaknya.',
  'mailtest.dkim.key.fix':
    'Jana kunci RSA 2048 bit (atau Ed25519) dengan pemilih baharu, terbitkannya, kemudian tukar pelayan mel kepadanya.',

  'mailtest.dkim.testing.title': 'Kunci DKIM dalam mod ujian',
  'mailtest.dkim.testing.warn':
    'Rekod {name} mempunyai `t=y` (mod ujian): penerima melayan mel seolah-olah tidak ditandatangani.',
  'mailtest.dkim.testing.fix':
    'Buang `t=y` daripada rekod apabila tandatangan telah disahkan berfungsi (RFC 6376 §3.6.1).',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.spf.record.title': 'SPF record',
  'mailtest.spf.record.pass': 'The domain {domain} has one SPF record: {record}',
  'mailtest.spf.record.fail': 'The domain {domain} has no SPF record (a TXT record starting with `v=spf1`).',
  'mailtest.spf.record.untested': `Could not test: the TXT records of {domain} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.spf.record.fix':
    "Circular item 4(f)(v): publish one SPF TXT record listing the servers that send the agency's mail, e.g. `v=spf1 mx -all` (RFC 7208).",

  'mailtest.spf.multiple.title': 'Only one SPF record',
  'mailtest.spf.multiple.fail':
    'The domain {domain} has {count} SPF records; RFC 7208 §4.5 makes that a permanent error (permerror) and SPF does not work at all.',
  'mailtest.spf.multiple.fix':
    'Merge all mechanisms into one `v=spf1` record and delete the others (RFC 7208 §4.5).',

  'mailtest.spf.syntax.title': 'SPF syntax',
  'mailtest.spf.syntax.pass': 'The syntax of the {records} SPF records read is valid.',
  'mailtest.spf.syntax.fail':
    'The SPF record at {where} has invalid terms: {terms}. Receivers return a permanent error (permerror, RFC 7208 §4.6).',
  'mailtest.spf.syntax.fix':
    'Correct or remove those terms; the valid mechanisms are all, include, a, mx, ptr, ip4, ip6 and exists (RFC 7208 §5).',

  'mailtest.spf.unknown_modifier.title': 'Unknown SPF modifier',
  'mailtest.spf.unknown_modifier.warn':
    'The SPF record at {where} has modifiers nobody knows: {terms}. Receivers ignore them (RFC 7208 §6); perhaps a typo.',
  'mailtest.spf.unknown_modifier.fix':
    'Check the spelling: the known modifiers are `redirect=` and `exp=` (RFC 7208 §6).',

  'mailtest.spf.include.title': 'SPF include and redirect targets',
  'mailtest.spf.include.fail':
    'The term {term} in the SPF record at {where} names a domain without exactly one SPF record; receivers return a permanent error (RFC 7208 §5.2, §6.1).',
  'mailtest.spf.include.fix':
    "Correct the domain name in that term or remove the term; check the provider's documentation for the right include name.",

  'mailtest.spf.lookups.title': 'SPF limit of 10 DNS lookups',
  'mailtest.spf.lookups.pass': 'SPF needs {count} DNS lookups (limit {limit}, RFC 7208 §4.6.4).',
  'mailtest.spf.lookups.fail':
    'SPF needs {count} DNS lookups, over the limit of {limit} (RFC 7208 §4.6.4); the limit is passed in {over}. Receivers return a permanent error (permerror).',
  'mailtest.spf.lookups.untested': `Could not count every lookup: {where} could not be followed ({reason}); {count} counted so far. ${UNTESTED_EN}`,
  'mailtest.spf.lookups.fix':
    "Reduce the a, mx, ptr, exists, include and redirect terms: replace a large include with the real servers' ip4:/ip6:, or drop providers no longer used (RFC 7208 §4.6.4).",

  'mailtest.spf.mx_hosts.title': 'SPF limit of 10 hosts for an mx term',
  'mailtest.spf.mx_hosts.fail':
    'The mx term in {term} names {hosts} MX hosts, over the limit of {limit} address lookups for one mx term (RFC 7208 §4.6.4): receivers return a permanent error (permerror).',
  'mailtest.spf.mx_hosts.fix':
    'Replace that mx term with ip4:/ip6: of the servers that really send mail, or bring that domain down to {limit} MX hosts or fewer.',

  'mailtest.spf.void_lookups.title': 'SPF void DNS lookups',
  'mailtest.spf.void_lookups.pass': 'SPF has {count} void lookups (limit {limit}).',
  'mailtest.spf.void_lookups.fail':
    'SPF has {count} lookups that find nothing (NXDOMAIN or empty), over the limit of {limit} (RFC 7208 §4.6.4): {names}.',
  'mailtest.spf.void_lookups.untested': `Could not count void lookups: {where} got no answer ({reason}); {count} counted so far. ${UNTESTED_EN}`,
  'mailtest.spf.void_lookups.fix':
    'Remove the terms that name domains that do not exist or have no records (RFC 7208 §4.6.4).',

  'mailtest.spf.all.title': 'SPF ending (all)',
  'mailtest.spf.all.pass':
    "The SPF record at {where} ends with {all}: other servers may not send in the domain's name.",
  'mailtest.spf.all.warn':
    'The SPF record at {where} ends with {all} (neutral): SPF says nothing about other servers.',
  'mailtest.spf.all.fail':
    "The SPF record at {where} ends with {all}: anyone at all may send in the agency's name.",
  'mailtest.spf.all.fix':
    "End the SPF record with `-all` (or `~all` together with DMARC) so that nobody else can send in the agency's name.",

  'mailtest.spf.no_all.title': 'SPF ending (all)',
  'mailtest.spf.no_all.warn':
    'The SPF record of {domain} has no `all` and no `redirect=`: the result for other servers is neutral (RFC 7208 §4.7).',
  'mailtest.spf.no_all.fix': 'Add `-all` at the end of the SPF record.',

  'mailtest.spf.ptr.title': 'SPF ptr mechanism',
  'mailtest.spf.ptr.warn':
    'The SPF record at {where} uses the `ptr` mechanism, which should no longer be used (RFC 7208 §5.5): slow, and some receivers ignore it.',
  'mailtest.spf.ptr.fix':
    'Replace `ptr` with the ip4:/ip6: or a: of the servers that send mail (RFC 7208 §5.5).',

  'mailtest.spf.mx_authorised.title': 'MX servers authorised by SPF',
  'mailtest.spf.mx_authorised.pass':
    'The address {address} ({host}) is authorised by SPF (result: {result}).',
  'mailtest.spf.mx_authorised.warn':
    'The address {address} ({host}) is not authorised by SPF (result: {result}). Fine if this server only receives mail; if it also sends (non-delivery reports, automatic replies), that mail fails SPF.',
  'mailtest.spf.mx_authorised.fail':
    'SPF evaluation for {address} ({host}) gives {result}: the SPF record is broken for every sender of this domain.',
  'mailtest.spf.mx_authorised.untested': `Could not test: SPF evaluation for {address} ({host}) gave {result} (a temporary DNS problem). ${UNTESTED_EN}`,
  'mailtest.spf.mx_authorised.fix':
    'If the MX servers also send mail, add their addresses to the SPF record (e.g. the `mx` mechanism or `ip4:`), circular item 4(f)(v) and RFC 7208 §5.',

  'mailtest.dmarc.record.title': 'DMARC record',
  'mailtest.dmarc.record.pass': 'DMARC record found at {name}.',
  'mailtest.dmarc.record.fail':
    "No DMARC record for {domain} or its organisational domain: anyone can send in the agency's name without being refused.",
  'mailtest.dmarc.record.untested': `Could not test: the TXT at {name} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dmarc.record.fix':
    "Publish a TXT at `_dmarc.<domain>`, starting with `v=DMARC1; p=none; rua=mailto:…`, then raise it to `p=quarantine` or `p=reject` (RFC 7489; good practice: nobody else can send in the customer's name).",

  'mailtest.dmarc.version.title': 'DMARC record version',
  'mailtest.dmarc.version.fail':
    'The TXT at {name} starts with "{record}": receivers read only a record that starts exactly with `v=DMARC1` (upper case) and discard this one, so the domain has no DMARC policy (RFC 7489 §6.4, §6.6.3).',
  'mailtest.dmarc.version.fix':
    'Write the version tag exactly as `v=DMARC1` at the start of the record; the other tags can stay as they are.',

  'mailtest.dmarc.multiple.title': 'Only one DMARC record',
  'mailtest.dmarc.multiple.fail':
    '{name} has {count} DMARC records; receivers apply none of them (RFC 7489 §6.6.3).',
  'mailtest.dmarc.multiple.fix': 'Keep a single `v=DMARC1` record at that name (RFC 7489 §6.6.3).',

  'mailtest.dmarc.policy.title': 'DMARC policy (p=)',
  'mailtest.dmarc.policy.pass':
    "The DMARC policy at {name} is p={policy}: forged mail in the agency's name is quarantined or rejected (p=reject is the strongest).",
  'mailtest.dmarc.policy.warn':
    "The DMARC policy at {name} is p={policy}: receivers only monitor, and forged mail in the agency's name is still delivered.",
  'mailtest.dmarc.policy.fail':
    'The p= tag of the DMARC record at {name} is missing or invalid ("{value}") and no valid rua= is set: receivers apply no DMARC at all (RFC 7489 §6.6.3).',
  'mailtest.dmarc.policy.fix':
    'Once the rua reports show all legitimate mail passing SPF/DKIM, move to `p=quarantine` and then `p=reject` (RFC 7489 §6.3).',

  'mailtest.dmarc.invalid_tag.title': 'DMARC policy values (p=, sp=, np=)',
  'mailtest.dmarc.invalid_tag.warn':
    'The {tag}= tag of the DMARC record at {name} is missing or invalid ("{value}"): as rua= is set, receivers treat the record as p=none, so forged mail in the agency\'s name is still delivered (RFC 7489 §6.6.3).',
  'mailtest.dmarc.invalid_tag.fail':
    'The {tag}= tag of the DMARC record at {name} is invalid ("{value}") and no valid rua= is set: receivers apply no DMARC at all (RFC 7489 §6.6.3).',
  'mailtest.dmarc.invalid_tag.fix':
    'Set p= (and sp=, np= where used) to none, quarantine or reject only, then raise it to `p=reject` (RFC 7489 §6.3).',

  'mailtest.dmarc.testing.title': 'DMARC test mode (t=y)',
  'mailtest.dmarc.testing.warn':
    'The DMARC record at {name} has t=y (test mode): receivers apply one step less than p={policy} (quarantine for reject, nothing for quarantine).',
  'mailtest.dmarc.testing.fix':
    'Remove `t=y` once the rua reports show all legitimate mail passing SPF or DKIM (DMARCbis, the t tag).',

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

  'mailtest.dmarc.rua.title': 'DMARC report address (rua=)',
  'mailtest.dmarc.rua.pass': 'DMARC aggregate reports go to {rua}.',
  'mailtest.dmarc.rua.warn': 'No rua= tag: the agency gets no reports on who sends in its name.',
  'mailtest.dmarc.rua.fix':
    'Add `rua=mailto:dmarc@<domain>` so that the agency knows which servers send in its name before enforcing the policy (RFC 7489 §7.2).',

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
  'mailtest.dkim.selectors.untested':
    "Could not test: no DKIM key at the {tried} selectors tried, and the agency's real selector is not known. This is not a fail.",
  'mailtest.dkim.selectors.fix':
    'Circular item 4(f)(v) "domain key": sign outgoing mail with DKIM and publish the key at `<selector>._domainkey.<domain>`; tell the service desk the selector name so it can be tested (setting `mailtest.dkim_selectors`).',

  'mailtest.dkim.lookup.title': 'DKIM selector lookup',
  'mailtest.dkim.lookup.untested': `Could not test: the selector {selector} ({name}) got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dkim.lookup.fix': "Check that the agency's DNS servers answer TXT queries under `_domainkey`.",

  'mailtest.dkim.record.title': 'DKIM key record',
  'mailtest.dkim.record.fail':
    'The DKIM record at {name} is invalid: the {tag} tag is missing or wrong (RFC 6376 §3.6.1).',
  'mailtest.dkim.record.fix':
    'Publish the record again as the signing server generates it: `v=DKIM1; k=rsa; p=<base64 public key>` (RFC 6376 §3.6.1).',

  'mailtest.dkim.revoked.title': 'DKIM key revoked',
  'mailtest.dkim.revoked.warn':
    'The key at {name} is revoked (empty p=): mail signed with this selector fails DKIM.',
  'mailtest.dkim.revoked.fix':
    'Make sure the mail server no longer signs with this selector, or publish a new key (RFC 6376 §3.6.1).',

  'mailtest.dkim.key.title': 'DKIM key strength',
  'mailtest.dkim.key.pass': '{type} key at {name}: {bits} bits.',
  'mailtest.dkim.key.warn':
    'The {type} key at {name} has only {bits} bits; RFC 8301 §3.2 recommends at least 2048.',
  'mailtest.dkim.key.fail':
    'The {type} key at {name} has only {bits} bits, under the 1024 minimum (RFC 8301 §3.2); receivers reject it.',
  'mailtest.dkim.key.fix':
    'Generate a 2048-bit RSA (or Ed25519) key under a new selector, publish it, then switch the mail server to it.',

  'mailtest.dkim.testing.title': 'DKIM key in testing mode',
  'mailtest.dkim.testing.warn':
    'The record {name} has `t=y` (testing mode): receivers treat the mail as if it were unsigned.',
  'mailtest.dkim.testing.fix':
    'Remove `t=y` from the record once signing is confirmed to work (RFC 6376 §3.6.1).',
};

export const mailtestAuth = { ms, en };
