// Texts of the /mailtest findings on SPF (src/mail/spf.ts): who may send in the domain's name, with the same
// keys and rules as mailtest-dns.ts. DMARC and DKIM are in mailtest-auth.ts.

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
    'Semak ejaan: pengubah yang dikenali ialah `redirect=` dan `exp=` (RFC 7208 §6), serta `ra=`, `rp=` dan `rr=` untuk laporan kegagalan (RFC 6652).',

  'mailtest.spf.include.title': 'Sasaran include dan redirect SPF',
  'mailtest.spf.include.fail':
    'Terma {term} dalam rekod SPF di {where} menunjuk kepada domain tanpa satu rekod SPF; penerima memberi ralat kekal (RFC 7208 §5.2, §6.1).',
  'mailtest.spf.include.fix':
    'Betulkan nama domain dalam terma itu atau buang terma itu; semak dokumentasi penyedia untuk nama include yang betul.',

  'mailtest.spf.lookups.title': 'Had 10 carian DNS SPF',
  'mailtest.spf.lookups.pass': 'SPF memerlukan {count} carian DNS (had {limit}, RFC 7208 §4.6.4).',
  'mailtest.spf.lookups.fail':
    'SPF memerlukan {count} carian DNS, melebihi had {limit} (RFC 7208 §4.6.4); had dilepasi dalam {over}. Penerima memberi ralat kekal (permerror).',
  'mailtest.spf.lookups.untested': `Tidak dapat mengira semua carian: {where} tidak dapat diikuti ({failure}); {count} dikira setakat ini. ${UNTESTED_MS}`,
  'mailtest.spf.lookups.fix':
    'Kurangkan terma a, mx, ptr, exists, include dan redirect: gantikan include yang besar dengan ip4:/ip6: pelayan sebenar, atau buang penyedia yang tidak lagi digunakan (RFC 7208 §4.6.4).',

  'mailtest.spf.lookups_macro.title': 'Had 10 carian DNS SPF (terma bermakro)',
  'mailtest.spf.lookups_macro.untested':
    'Tidak dapat mengira semua carian: {where} membina nama sasarannya daripada pengirim atau alamat pelanggan (makro RFC 7208 §7), yang hanya diketahui oleh penerima ketika mel tiba; {count} dikira setakat ini. Ini bukan keputusan gagal.',
  'mailtest.spf.lookups_macro.fix':
    'Jika terma itu tidak perlu bergantung pada pengirim, tulis nama domainnya terus; jika ia perlu, pastikan dengan penyedianya bahawa rekod yang dicapai kekal dalam had 10 carian (RFC 7208 §4.6.4).',

  'mailtest.spf.mx_hosts.title': 'Had 10 hos bagi terma mx SPF',
  'mailtest.spf.mx_hosts.fail':
    'Terma mx dalam {term} menamakan {hosts} hos MX, melebihi had {limit} carian alamat bagi satu terma mx (RFC 7208 §4.6.4): penerima memberi ralat kekal (permerror).',
  'mailtest.spf.mx_hosts.fix':
    'Gantikan terma mx itu dengan ip4:/ip6: pelayan yang benar-benar menghantar mel, atau kurangkan hos MX domain itu kepada {limit} atau kurang.',

  'mailtest.spf.void_lookups.title': 'Carian DNS kosong (void) SPF',
  'mailtest.spf.void_lookups.pass': 'SPF mempunyai {count} carian kosong (had {limit}).',
  'mailtest.spf.void_lookups.fail':
    'SPF mempunyai {count} carian yang tiada jawapan (NXDOMAIN atau kosong), melebihi had {limit} (RFC 7208 §4.6.4): {names}. {family}',
  'mailtest.spf.void_lookups.untested': `Tidak dapat mengira carian kosong: {where} tidak dijawab ({failure}); {count} dikira setakat ini. ${UNTESTED_MS}`,
  'mailtest.spf.void_lookups.fix':
    'Buang terma yang menunjuk kepada nama yang tidak wujud atau tiada rekod, atau beri setiap hos dalam terma `a:` alamat IPv4 dan IPv6 (RFC 7208 §4.6.4, §5.3).',
  'mailtest.spf_family.all': 'Setiap penerima mengiranya, sama ada mel dihantar melalui IPv4 atau IPv6.',
  'mailtest.spf_family.ipv4':
    'Kiraan ini bagi mel yang dihantar melalui IPv4: terma `a` meminta rekod A, dan hos yang hanya mempunyai alamat IPv6 tidak menemui apa-apa (RFC 7208 §5.3).',
  'mailtest.spf_family.ipv6':
    'Kiraan ini bagi mel yang dihantar melalui IPv6: terma `a` meminta rekod AAAA, dan hos yang hanya mempunyai alamat IPv4 tidak menemui apa-apa (RFC 7208 §5.3).',

  'mailtest.spf.all.title': 'Penamat SPF (all)',
  'mailtest.spf.all.pass':
    'Rekod SPF di {where} berakhir dengan {all}, dan tiada terma sebelumnya yang meluluskan semua pelayan: pelayan lain tidak dibenarkan menghantar atas nama domain.',
  'mailtest.spf.all.warn':
    'Rekod SPF di {where} berakhir dengan {all} (neutral): SPF tidak berkata apa-apa tentang pelayan lain.',
  'mailtest.spf.all.fail':
    'Dalam rekod SPF di {where}, {all} meluluskan semua pelayan: sesiapa sahaja dibenarkan menghantar atas nama agensi (RFC 7208 §5).',
  'mailtest.spf.all.untested': `Tidak dapat diuji sama ada pelayan lain boleh menghantar atas nama {where}: penilaian SPF bagi alamat di luar agensi ({address}) menemui soalan DNS yang tidak dijawab (temperror). ${UNTESTED_MS}`,
  'mailtest.spf.all.fix':
    'Akhiri rekod SPF dengan `-all` (atau `~all` bersama DMARC), dan buang sebarang terma sebelumnya yang meluluskan semua pelayan (include kepada rekod yang berakhir dengan `+all`, rangkaian seperti `ip4:0.0.0.0/0`, atau `a`/`mx` dengan `/0`), supaya tiada orang lain boleh menghantar atas nama agensi (RFC 7208 §5).',

  'mailtest.spf.no_all.title': 'Penamat SPF (all)',
  'mailtest.spf.no_all.warn':
    'Penilaian SPF domain ini berakhir pada rekod SPF {domain}, yang tiada `all` dan tiada `redirect=`: hasil bagi pelayan lain ialah neutral (RFC 7208 §4.7).',
  'mailtest.spf.no_all.fix':
    'Tambah `-all` pada hujung rekod SPF {domain}. Jika rekod itu sasaran `redirect=`, tambah di situ dan bukan dalam rekod yang membuat redirect: `all` di sana menyebabkan penerima mengabaikan `redirect=` (RFC 7208 §6.1).',

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
    'Penilaian SPF untuk {address} ({host}) memberi {result}: penerima menolak atau mengabaikan SPF bagi mel daripada alamat ini, jadi rekod SPF tidak melindungi mel yang dihantar dari situ.',
  'mailtest.spf.mx_authorised.untested': `Tidak dapat diuji: penilaian SPF untuk {address} ({host}) memberi {result} (masalah DNS sementara). ${UNTESTED_MS}`,
  'mailtest.spf.mx_authorised.fix':
    'Jika pelayan MX juga menghantar mel, tambah alamatnya ke rekod SPF (cth. mekanisme `mx` atau `ip4:`), Pekeliling 4(f)(v) dan RFC 7208 §5.',
};

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
    'The SPF record at {where} has modifiers that no specification defines: {terms}. Receivers ignore them (RFC 7208 §6); perhaps a typo.',
  'mailtest.spf.unknown_modifier.fix':
    'Check the spelling: the known modifiers are `redirect=` and `exp=` (RFC 7208 §6), and `ra=`, `rp=` and `rr=` for failure reports (RFC 6652).',

  'mailtest.spf.include.title': 'SPF include and redirect targets',
  'mailtest.spf.include.fail':
    'The term {term} in the SPF record at {where} names a domain without exactly one SPF record; receivers return a permanent error (RFC 7208 §5.2, §6.1).',
  'mailtest.spf.include.fix':
    "Correct the domain name in that term or remove the term; check the provider's documentation for the right include name.",

  'mailtest.spf.lookups.title': 'SPF limit of 10 DNS lookups',
  'mailtest.spf.lookups.pass': 'SPF needs {count} DNS lookups (limit {limit}, RFC 7208 §4.6.4).',
  'mailtest.spf.lookups.fail':
    'SPF needs {count} DNS lookups, over the limit of {limit} (RFC 7208 §4.6.4); the limit is passed in {over}. Receivers return a permanent error (permerror).',
  'mailtest.spf.lookups.untested': `Could not count every lookup: {where} could not be followed ({failure}); {count} counted so far. ${UNTESTED_EN}`,
  'mailtest.spf.lookups.fix':
    "Reduce the a, mx, ptr, exists, include and redirect terms: replace a large include with the real servers' ip4:/ip6:, or drop providers no longer used (RFC 7208 §4.6.4).",

  'mailtest.spf.lookups_macro.title': 'SPF limit of 10 DNS lookups (terms with macros)',
  'mailtest.spf.lookups_macro.untested':
    "Could not count every lookup: {where} builds its target name from the sender or the client's address (RFC 7208 §7 macros), which only a receiver knows when mail arrives; {count} counted so far. This is not a fail.",
  'mailtest.spf.lookups_macro.fix':
    'If the term need not depend on the sender, write its domain out; if it must, make sure with its provider that the records it reaches stay within 10 lookups (RFC 7208 §4.6.4).',

  'mailtest.spf.mx_hosts.title': 'SPF limit of 10 hosts for an mx term',
  'mailtest.spf.mx_hosts.fail':
    'The mx term in {term} names {hosts} MX hosts, over the limit of {limit} address lookups for one mx term (RFC 7208 §4.6.4): receivers return a permanent error (permerror).',
  'mailtest.spf.mx_hosts.fix':
    'Replace that mx term with ip4:/ip6: of the servers that really send mail, or bring that domain down to {limit} MX hosts or fewer.',

  'mailtest.spf.void_lookups.title': 'SPF void DNS lookups',
  'mailtest.spf.void_lookups.pass': 'SPF has {count} void lookups (limit {limit}).',
  'mailtest.spf.void_lookups.fail':
    'SPF has {count} lookups that find nothing (NXDOMAIN or empty), over the limit of {limit} (RFC 7208 §4.6.4): {names}. {family}',
  'mailtest.spf.void_lookups.untested': `Could not count void lookups: {where} got no answer ({failure}); {count} counted so far. ${UNTESTED_EN}`,
  'mailtest.spf.void_lookups.fix':
    'Remove the terms that name domains that do not exist or have no records, or give each host of an `a:` term both IPv4 and IPv6 addresses (RFC 7208 §4.6.4, §5.3).',
  'mailtest.spf_family.all': 'Every receiver counts them, whether the mail comes over IPv4 or IPv6.',
  'mailtest.spf_family.ipv4':
    'This count is for mail sent over IPv4: an `a` term then asks for A records, and a host with only IPv6 addresses finds nothing (RFC 7208 §5.3).',
  'mailtest.spf_family.ipv6':
    'This count is for mail sent over IPv6: an `a` term then asks for AAAA records, and a host with only IPv4 addresses finds nothing (RFC 7208 §5.3).',

  'mailtest.spf.all.title': 'SPF ending (all)',
  'mailtest.spf.all.pass':
    "The SPF record at {where} ends with {all}, and no term before it lets every server pass: other servers may not send in the domain's name.",
  'mailtest.spf.all.warn':
    'The SPF record at {where} ends with {all} (neutral): SPF says nothing about other servers.',
  'mailtest.spf.all.fail':
    "In the SPF record at {where}, {all} lets every server pass: anyone at all may send in the agency's name (RFC 7208 §5).",
  'mailtest.spf.all.untested': `Could not test whether other servers may send in the name of {where}: the SPF evaluation for an address outside the agency ({address}) met a DNS question that got no answer (temperror). ${UNTESTED_EN}`,
  'mailtest.spf.all.fix':
    "End the SPF record with `-all` (or `~all` together with DMARC), and remove any term before it that lets every server pass (an include of a record ending in `+all`, a network such as `ip4:0.0.0.0/0`, or `a`/`mx` with `/0`), so that nobody else can send in the agency's name (RFC 7208 §5).",

  'mailtest.spf.no_all.title': 'SPF ending (all)',
  'mailtest.spf.no_all.warn':
    "The domain's SPF evaluation ends at the SPF record of {domain}, which has no `all` and no `redirect=`: the result for other servers is neutral (RFC 7208 §4.7).",
  'mailtest.spf.no_all.fix':
    'Add `-all` at the end of the SPF record of {domain}. If that record is the target of a `redirect=`, add it there and not in the record that redirects: an `all` there makes receivers ignore the `redirect=` (RFC 7208 §6.1).',

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
    'SPF evaluation for {address} ({host}) gives {result}: receivers reject or ignore SPF for mail from this address, so the record does not protect mail sent from there.',
  'mailtest.spf.mx_authorised.untested': `Could not test: SPF evaluation for {address} ({host}) gave {result} (a temporary DNS problem). ${UNTESTED_EN}`,
  'mailtest.spf.mx_authorised.fix':
    'If the MX servers also send mail, add their addresses to the SPF record (e.g. the `mx` mechanism or `ip4:`), circular item 4(f)(v) and RFC 7208 §5.',
};

export const mailtestSpf = { ms, en };
