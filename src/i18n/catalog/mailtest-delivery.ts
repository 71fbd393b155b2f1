// Texts of the delivery probes' findings (src/mail/probe/delivery-findings.ts, issue 6): what happened to each
// probe and to the two size probes, with the same keys and rules as the other /mailtest catalogs. Quota, SPF,
// DKIM, DMARC and TLS are in mailtest-delivery-copy.ts; the codes the texts show (`{reason}`, `{advice}`,
// `{duration}`, …) are named in mailtest-delivery-codes.ts, and `{meaning}` by the probe catalog.

const UNTESTED_MS = 'Ini bukan keputusan gagal.';
const UNTESTED_EN = 'This is not a fail.';

const ms = {
  'mailtest.delivery.inbound.title': 'Penghantaran masuk dari e-mel luar (Pekeliling 4(c))',
  'mailtest.delivery.inbound.pass':
    'Ujian daripada {from} diterima dalam peti masuk {to}; masa penghantaran: {duration}.',
  'mailtest.delivery.inbound.untested': `Tidak dapat diuji: {reason}. ${UNTESTED_MS}`,
  'mailtest.delivery.inbound.fix':
    'Pekeliling 4(c): ujian penghantaran dari sistem e-mel luar ke e-mel agensi hendaklah dijalankan secara berjadual dan menjadi perkara dalam senarai semak harian. Semak peti mel ujian dalam `delivery.domains` konfigurasi (alamat, kata laluan melalui `password_env` atau `password_file`, pelayan `submission` dan `imap`), kemudian jalankan semula `/mailtest <domain> --delivery`.',

  'mailtest.delivery.outbound.title': 'Penghantaran keluar ke e-mel luar',
  'mailtest.delivery.outbound.pass':
    'Ujian daripada {from} diterima dalam peti masuk {to}; masa penghantaran: {duration}.',
  'mailtest.delivery.outbound.untested': `Tidak dapat diuji: {reason}. ${UNTESTED_MS}`,
  'mailtest.delivery.outbound.fix':
    'Semak peti mel ujian dalam `delivery.domains` konfigurasi (alamat, kata laluan melalui `password_env` atau `password_file`, pelayan `submission` dan `imap`), kemudian jalankan semula `/mailtest <domain> --delivery`.',

  'mailtest.delivery.auto_reply.title': 'Balasan daripada penerima',
  'mailtest.delivery.auto_reply.pass':
    'Ujian daripada {from} sampai ke {to}: peti masuknya tidak dibaca (tiada IMAP), tetapi balasan daripada {reply_from} telah kembali ({evidence}). Balasan automatik hanya dihantar bagi mesej yang telah diterima (RFC 3834), jadi penghantaran dikira berjaya; masa penghantaran tidak diketahui.',
  'mailtest.delivery.auto_reply.fix':
    'Untuk mengukur masa penghantaran dan membaca pengepala (TLS, SPF, DKIM, DMARC), tetapkan `imap` bagi peti mel ujian penerima dalam `delivery.domains`.',

  'mailtest.delivery.bounce.title': 'Lantunan (laporan kegagalan penghantaran)',
  'mailtest.delivery.bounce.fail':
    'Ujian daripada {from} ke {to} dilantunkan: {meaning} ({status}). Laporan daripada {reporter}; pelayan {remote} menjawab bagi {recipient}: {diagnostic}',
  'mailtest.delivery.bounce.untested':
    'Peti mel ujian luar {recipient} menolak ujian daripada {from}: {meaning} ({status}); pelayan {remote} menjawab: {diagnostic}. Masalahnya pada peti mel ujian di pembekal luar, bukan pada mel agensi. Ini bukan keputusan gagal.',
  'mailtest.delivery.bounce.fix': '{advice} Kemudian jalankan semula `/mailtest <domain> --delivery`.',

  'mailtest.delivery.delayed.title': 'Penghantaran tertangguh',
  'mailtest.delivery.delayed.fail':
    'Ujian daripada {from} belum sampai ke {to} dalam {deadline}: {reporter} melaporkan ia tertangguh dan masih mencuba sehingga {until}, jadi mesej mungkin sampai kemudian. Sebab: {meaning} ({status}); pelayan {remote} menjawab: {diagnostic}',
  'mailtest.delivery.delayed.fix':
    'Cari mesej {message_id} dalam log pelayan yang masih mencuba. Pada pelayan agensi: `postqueue -p` (atau `mailq`) menyenaraikan baris gilir, `grep "{message_id}" /var/log/maillog` memberi ID baris gilir dan sebab `status=deferred`, dan `postqueue -i <ID baris gilir>` mencuba semula selepas punca dibetulkan. Jika MX agensi menggunakan greylisting (contohnya postgrey), senarai putihkan pelayan pembekal e-mel utama.',

  'mailtest.delivery.no_answer.title': 'Tiada jawapan dalam tempoh ujian',
  'mailtest.delivery.no_answer.fail':
    'Dalam {deadline}, ujian daripada {from} tidak muncul dalam peti masuk {to}, dan tiada lantunan atau balasan yang kembali. Mesej mungkin masih dalam baris gilir (ditangguhkan oleh greylisting, atau pelayan penerima sibuk atau tidak dapat dicapai) dan mungkin sampai kemudian.',
  'mailtest.delivery.no_answer.fix':
    'Cari di mana mesej {message_id} berada. Pada pelayan agensi: `postqueue -p` (atau `mailq`) menyenaraikan baris gilir dan `grep "{message_id}" /var/log/maillog` memberi ID baris gilir serta sebab ia tertangguh (`status=deferred`). Bagi ujian masuk, cari sambungan daripada pembekal luar dalam log MX agensi, pastikan port 25 MX terbuka dari Internet, dan jika greylisting digunakan (contohnya postgrey), senarai putihkan pelayan pembekal e-mel utama. Jika mesej sampai kemudian, penghantaran berfungsi tetapi perlahan.',

  'mailtest.delivery.refused.title': 'Ujian ditolak oleh pelayan penghantar sendiri',
  'mailtest.delivery.refused.untested':
    'Pelayan penghantaran {from} enggan menerima ujian ke {to}; tiada mesej dihantar, jadi penghantaran antara kedua-dua pelayan tidak diuji. Ini bukan keputusan gagal. Jawapan pelayan: {reply}',
  'mailtest.delivery.refused.fix':
    'Baca jawapan pelayan di atas. Jika {from} peti mel agensi: `Relay access denied` bermaksud `smtpd_relay_restrictions` port penghantaran (587) tidak mengandungi `permit_sasl_authenticated`, dan `Sender address rejected: not owned by user` bermaksud alamat ujian tiada dalam `smtpd_sender_login_maps`. Jika pembekal luar yang menolak, semak status dan had penghantaran akaun peti mel ujian luar.',

  'mailtest.delivery.size_under.title': 'Mesej hampir 10 MB diterima (Pekeliling 4(f)(iii))',
  'mailtest.delivery.size_under.pass':
    'Mesej {mb} ({bytes} bait), sedikit di bawah had {limit}, diterima oleh agensi.',
  'mailtest.delivery.size_under.fail':
    'Agensi menolak mesej {mb} ({bytes} bait) walaupun ia di bawah had {limit} Pekeliling 4(f)(iii), jadi had saiz agensi lebih rendah daripada 10 MB. Sebab: {meaning} ({status}); pelayan {remote} menjawab: {diagnostic}',
  'mailtest.delivery.size_under.untested': `Tidak dapat diuji: {reason} ({detail}). ${UNTESTED_MS}`,
  'mailtest.delivery.size_under.fix':
    'Pekeliling 4(f)(iii): e-mel berserta lampiran sehingga 10 MB mesti diterima. Dalam Postfix, tetapkan `message_size_limit = {limit_bytes}` pada setiap pelayan di laluan masuk (termasuk gerbang anti-spam), dengan `mailbox_size_limit` (atau `virtual_mailbox_limit`) tidak kurang daripadanya; semak dengan `postconf message_size_limit`. Lampiran dikodkan base64, jadi fail kira-kira 7.5 MB sudah menjadi mesej 10 MB; cadangkan pemampatan bagi fail besar.',

  'mailtest.delivery.size_over.title': 'Mesej melebihi 10 MB ditolak (Pekeliling 4(f)(iii))',
  'mailtest.delivery.size_over.pass':
    'Agensi menolak mesej {mb} ({bytes} bait), melebihi had {limit}, dengan jawapan yang jelas: {meaning} ({status}); pelayan {remote} menjawab: {diagnostic}',
  'mailtest.delivery.size_over.fail':
    'Agensi menerima mesej {mb} ({bytes} bait) yang melebihi had {limit} Pekeliling 4(f)(iii): had saiz 10 MB tidak dikuatkuasakan.',
  'mailtest.delivery.size_over.untested': `Tidak dapat diuji: {reason} ({detail}). ${UNTESTED_MS}`,
  'mailtest.delivery.size_over.fix':
    'Pekeliling 4(f)(iii): saiz maksimum e-mel berserta lampiran ialah 10 MB. Dalam Postfix, tetapkan `message_size_limit = {limit_bytes}` pada setiap pelayan yang menerima mel dari luar (pelayan kemudian mengisytiharkan `SIZE {limit_bytes}` dalam jawapan EHLO, RFC 1870) dan semak dengan `postconf message_size_limit`. Pada Exchange: `Set-TransportConfig -MaxReceiveSize 10MB`.',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.delivery.inbound.title': 'Inbound delivery from external mail (circular item 4(c))',
  'mailtest.delivery.inbound.pass': "The probe from {from} reached {to}'s inbox; time to inbox: {duration}.",
  'mailtest.delivery.inbound.untested': `Could not test: {reason}. ${UNTESTED_EN}`,
  'mailtest.delivery.inbound.fix':
    "Circular item 4(c): delivery tests from external mail systems into the agency's mail must run on a schedule, as an item of the daily checklist. Check the probe mailboxes under `delivery.domains` in the configuration (address, password through `password_env` or `password_file`, the `submission` and `imap` servers), then run `/mailtest <domain> --delivery` again.",

  'mailtest.delivery.outbound.title': 'Outbound delivery to external mail',
  'mailtest.delivery.outbound.pass': "The probe from {from} reached {to}'s inbox; time to inbox: {duration}.",
  'mailtest.delivery.outbound.untested': `Could not test: {reason}. ${UNTESTED_EN}`,
  'mailtest.delivery.outbound.fix':
    'Check the probe mailboxes under `delivery.domains` in the configuration (address, password through `password_env` or `password_file`, the `submission` and `imap` servers), then run `/mailtest <domain> --delivery` again.',

  'mailtest.delivery.auto_reply.title': 'Reply from the recipient',
  'mailtest.delivery.auto_reply.pass':
    'The probe from {from} reached {to}: its inbox was not read (no IMAP), but a reply from {reply_from} came back ({evidence}). Automatic replies are sent only for delivered messages (RFC 3834), so delivery counts as done; the time to inbox is unknown.',
  'mailtest.delivery.auto_reply.fix':
    'To measure the time to inbox and read the headers (TLS, SPF, DKIM, DMARC), set `imap` for the receiving probe mailbox under `delivery.domains`.',

  'mailtest.delivery.bounce.title': 'Bounce (delivery failure report)',
  'mailtest.delivery.bounce.fail':
    'The probe from {from} to {to} bounced: {meaning} ({status}). Reported by {reporter}; server {remote} answered for {recipient}: {diagnostic}',
  'mailtest.delivery.bounce.untested':
    "The outside probe mailbox {recipient} refused the probe from {from}: {meaning} ({status}); server {remote} answered: {diagnostic}. The problem is the probe mailbox at the outside provider, not the agency's mail. This is not a fail.",
  'mailtest.delivery.bounce.fix': '{advice} Then run `/mailtest <domain> --delivery` again.',

  'mailtest.delivery.delayed.title': 'Delivery delayed',
  'mailtest.delivery.delayed.fail':
    'The probe from {from} had not reached {to} within {deadline}: {reporter} reports it delayed and is retrying until {until}, so the message may still arrive. Cause: {meaning} ({status}); server {remote} answered: {diagnostic}',
  'mailtest.delivery.delayed.fix':
    "Find message {message_id} in the log of the server still retrying. On the agency's server: `postqueue -p` (or `mailq`) lists the queue, `grep \"{message_id}\" /var/log/maillog` gives its queue id and the `status=deferred` reason, and `postqueue -i <queue id>` retries it once the cause is fixed. If the agency's MX greylists (postgrey, for example), whitelist the major mail providers' servers.",

  'mailtest.delivery.no_answer.title': 'No answer within the deadline',
  'mailtest.delivery.no_answer.fail':
    "Within {deadline}, the probe from {from} did not appear in {to}'s inbox, and no bounce or reply came back. The message may still be queued (deferred by greylisting, or the receiving server busy or unreachable) and may arrive later.",
  'mailtest.delivery.no_answer.fix':
    "Find where message {message_id} is. On the agency's server: `postqueue -p` (or `mailq`) lists the queue and `grep \"{message_id}\" /var/log/maillog` gives its queue id and why it was deferred (`status=deferred`). For an inbound probe, look for the outside provider's connections in the agency MX's log, make sure the MX's port 25 is open from the Internet, and if it greylists (postgrey, for example), whitelist the major mail providers' servers. If the message arrives later, delivery works but is slow.",

  'mailtest.delivery.refused.title': "Probe refused by the sender's own server",
  'mailtest.delivery.refused.untested':
    'The submission server of {from} refused to take the probe to {to}; nothing was sent, so delivery between the two servers was not tested. This is not a fail. The server said: {reply}',
  'mailtest.delivery.refused.fix':
    "Read the server's reply above. If {from} is the agency's mailbox: `Relay access denied` means the submission port's (587) `smtpd_relay_restrictions` lack `permit_sasl_authenticated`, and `Sender address rejected: not owned by user` means the probe address is missing from `smtpd_sender_login_maps`. If the outside provider refused, check the outside probe account's status and sending limits.",

  'mailtest.delivery.size_under.title': 'A message just under 10 MB is accepted (circular item 4(f)(iii))',
  'mailtest.delivery.size_under.pass':
    'A message of {mb} ({bytes} bytes), just under the {limit} limit, was accepted by the agency.',
  'mailtest.delivery.size_under.fail':
    "The agency refused a message of {mb} ({bytes} bytes) although it is under the {limit} of circular item 4(f)(iii), so the agency's size limit is below 10 MB. Cause: {meaning} ({status}); server {remote} answered: {diagnostic}",
  'mailtest.delivery.size_under.untested': `Could not test: {reason} ({detail}). ${UNTESTED_EN}`,
  'mailtest.delivery.size_under.fix':
    'Circular item 4(f)(iii): mail with attachments up to 10 MB must get through. In Postfix set `message_size_limit = {limit_bytes}` on every server of the inbound path (the anti-spam gateway too), with `mailbox_size_limit` (or `virtual_mailbox_limit`) no lower; check with `postconf message_size_limit`. Attachments travel base64-encoded, so a file of about 7.5 MB already makes a 10 MB message; suggest compression for big files.',

  'mailtest.delivery.size_over.title': 'A message over 10 MB is refused (circular item 4(f)(iii))',
  'mailtest.delivery.size_over.pass':
    'The agency refused a message of {mb} ({bytes} bytes), over the {limit} limit, with a clear answer: {meaning} ({status}); server {remote} answered: {diagnostic}',
  'mailtest.delivery.size_over.fail':
    'The agency accepted a message of {mb} ({bytes} bytes), over the {limit} of circular item 4(f)(iii): the 10 MB size limit is not enforced.',
  'mailtest.delivery.size_over.untested': `Could not test: {reason} ({detail}). ${UNTESTED_EN}`,
  'mailtest.delivery.size_over.fix':
    'Circular item 4(f)(iii): the maximum size of a message with its attachments is 10 MB. In Postfix set `message_size_limit = {limit_bytes}` on every server that takes mail from outside (it then announces `SIZE {limit_bytes}` in its EHLO reply, RFC 1870) and check with `postconf message_size_limit`. On Exchange: `Set-TransportConfig -MaxReceiveSize 10MB`.',
};

export const mailtestDelivery = { ms, en };
