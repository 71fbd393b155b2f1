// Texts of the /mailtest DNS findings (src/mail/dns-checks.ts, dnsbl.ts): for every check, its title, what each
// verdict found and how to fix it, citing the circular's item or the RFC. The checks and the verdicts each can
// give are listed in src/mail/dns-finding.ts; `{failure}` is a DnsFailure code, named for a renderer by
// `mailtest.dns_failure.*`. SPF is in mailtest-spf.ts, DMARC and DKIM in mailtest-auth.ts, MTA-STS and TLS-RPT in
// mailtest-transport.ts (one module per area, so none grows past reading length).

export const UNTESTED_MS =
  'Ini bukan keputusan gagal; cuba lagi kemudian atau semak pelayan DNS yang digunakan.';
export const UNTESTED_EN = 'This is not a fail; try again later or check the DNS server used.';

const ms = {
  'mailtest.dns_failure.nxdomain': 'nama tidak wujud (NXDOMAIN)',

  'mailtest.dns_failure.nodata': 'tiada rekod jenis itu (NODATA)',

  'mailtest.dns_failure.servfail': 'pelayan DNS gagal menjawab (SERVFAIL)',

  'mailtest.dns_failure.timeout': 'tamat masa menunggu jawapan DNS',

  'mailtest.dns_failure.refused': 'pertanyaan ditolak oleh pelayan DNS',

  'mailtest.dns_failure.error': 'ralat DNS lain',

  'mailtest.dns_failure.stopped': 'mailops dihentikan sebelum jawapan DNS tiba',

  'mailtest.dns_failure.blind':
    'pelayan DNS yang digunakan mailops tidak melihat DNS awam (ia menjawab bahawa domain peringkat atas pun tidak wujud), jadi jawapan "tidak wujud" daripadanya tidak bermakna; ini tetapan mailops, bukan kesalahan agensi: pentadbir mailops menetapkan `mailtest.dns_servers`',

  'mailtest.dns.domain.title': 'Domain wujud dalam DNS',
  'mailtest.dns.domain.fail':
    'Domain {domain} tidak wujud dalam DNS (NXDOMAIN). Tiada mel boleh dihantar kepadanya.',
  'mailtest.dns.domain.untested': `Tidak dapat diuji: tiada jawapan DNS untuk {domain} ({failure}). ${UNTESTED_MS}`,
  'mailtest.dns.domain.fix':
    'Semak ejaan domain dan pastikan zon DNS agensi didaftarkan dan diwakilkan (Pekeliling 4(f)(v): MTA perlu didaftarkan di DNS).',

  'mailtest.dns.address.title': 'Rekod A/AAAA domain',
  'mailtest.dns.address.pass': 'Domain {domain} mempunyai alamat: {addresses}.',
  'mailtest.dns.address.untested': `Tidak dapat diuji: rekod A/AAAA {domain} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dns.address.fix':
    'Rekod A pelayan mel disemak pada setiap hos MX (Pekeliling 4(f)(v)); alamat pada domain sendiri hanya diperlukan jika tiada rekod MX.',

  'mailtest.dns.mx.title': 'Rekod MX',
  'mailtest.dns.mx.pass': 'Domain {domain} mempunyai {count} rekod MX: {hosts}.',
  'mailtest.dns.mx.warn':
    'Domain {domain} tiada rekod MX; pengirim menghantar ke alamat domain itu sendiri ({addresses}) seperti RFC 5321 §5.1.',
  'mailtest.dns.mx.fail':
    'Domain {domain} tiada rekod MX dan tiada alamat A/AAAA: mel kepadanya tidak dapat dihantar.',
  'mailtest.dns.mx.untested': `Tidak dapat diuji: rekod MX {domain}, atau alamat domain yang digunakan penghantar jika tiada MX, tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dns.mx.fix':
    'Pekeliling 4(f)(v): terbitkan rekod MX yang menunjuk kepada nama hos pelayan mel agensi, cth. `{domain}. IN MX 10 mail.{domain}.`',

  'mailtest.dns.null_mx.title': 'MX nol (domain tidak menerima mel)',
  'mailtest.dns.null_mx.warn':
    'Domain {domain} menerbitkan MX nol (`0 .`, RFC 7505): ia mengisytiharkan bahawa ia tidak menerima mel langsung.',
  'mailtest.dns.null_mx.fail':
    'Domain {domain} mencampurkan MX nol (`0 .`) dengan rekod MX lain; RFC 7505 §3 melarangnya dan pengirim mungkin menolak mel.',
  'mailtest.dns.null_mx.fix':
    'Jika domain ini menerima mel, buang rekod `MX 0 .` dan terbitkan MX pelayan mel (Pekeliling 4(f)(v)); jika tidak, biarkan hanya `MX 0 .`.',

  'mailtest.dns.null_mx_invalid.title': 'MX kepada akar DNS (`.`)',
  'mailtest.dns.null_mx_invalid.fail':
    'Domain {domain} menerbitkan {records}: hanya satu `MX 0 .` ialah MX nol (RFC 7505 §3). Pengirim mencari "." sebagai hos, tidak menemui alamat, dan mencuba semula berhari-hari sebelum memulangkan mel, jadi domain ini tidak menerima mel dan tidak juga mengisytiharkannya.',
  'mailtest.dns.null_mx_invalid.fix':
    'Jika domain ini tidak menerima mel, gantikan rekod itu dengan satu `MX 0 .` sahaja; jika ia menerima mel, terbitkan MX pelayan mel agensi (Pekeliling 4(f)(v)).',

  'mailtest.dns.mx_target.title': 'Sasaran MX ialah nama hos',
  'mailtest.dns.mx_target.fail':
    'Rekod MX menunjuk kepada alamat IP {host}, bukan nama hos; pengirim mencarinya sebagai nama dan gagal (RFC 5321 §5.1).',
  'mailtest.dns.mx_target.fix':
    'Beri pelayan mel nama hos dengan rekod A (cth. `mail.agensi.gov.my`) dan letakkan nama itu dalam rekod MX (Pekeliling 4(f)(v)).',

  'mailtest.dns.mx_host.title': 'Alamat hos MX (rekod A/AAAA)',
  'mailtest.dns.mx_host.pass': 'Hos MX {host} mempunyai alamat: {addresses}.',
  'mailtest.dns.mx_host.fail':
    'Rekod MX menunjuk kepada {host}, tetapi hos itu tiada alamat A/AAAA (jawapan DNS: {answer}; NXDOMAIN bermaksud hos itu tidak wujud).',
  'mailtest.dns.mx_host.untested': `Tidak dapat diuji: rekod A (alamat IPv4) {host} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dns.mx_host.fix':
    'Pekeliling 4(f)(v): setiap hos MX mesti mempunyai rekod A (dan AAAA jika IPv6). Tambah rekod itu atau betulkan nama hos dalam rekod MX.',

  'mailtest.dns.mx_ipv4.title': 'Hos MX mempunyai rekod A (IPv4)',
  'mailtest.dns.mx_ipv4.fail':
    'Hos MX {host} tiada rekod A (jawapan DNS: {answer}), hanya alamat IPv6 jika ada: penghantar yang hanya mempunyai IPv4, yang masih banyak, tidak dapat menghantar mel kepadanya (RFC 3974 §3).',
  'mailtest.dns.mx_ipv4.warn':
    'Hos MX {host} tiada rekod A (jawapan DNS: {answer}): penghantar yang hanya mempunyai IPv4 hanya boleh menghantar kepada hos MX lain yang mempunyai rekod A, jadi mereka tiada sandaran jika hos itu gagal (Pekeliling 4(f)(iv), 4(f)(v)).',
  'mailtest.dns.mx_ipv4.fix':
    'Pekeliling 4(f)(v) mewajibkan rekod A bagi pelayan mel: tambah rekod A dengan alamat IPv4 awam pelayan itu pada {host}. Alamat IPv6 sahaja tidak dapat dicapai oleh penghantar yang hanya mempunyai IPv4.',

  'mailtest.dns.mx_cname.title': 'MX menunjuk kepada alias (CNAME)',
  'mailtest.dns.mx_cname.warn':
    'Hos MX {host} ialah alias (CNAME) kepada {target}. Kebanyakan pelayan tetap menghantar, tetapi RFC 2181 §10.3 melarang MX menunjuk kepada alias.',
  'mailtest.dns.mx_cname.fix':
    'Letakkan nama sebenar {target} dalam rekod MX, bukan alias {host} (RFC 2181 §10.3).',

  'mailtest.dns.mx_private.title': 'Alamat MX yang boleh dicapai dari Internet',
  'mailtest.dns.mx_private.fail':
    'Hos MX {host} hanya mempunyai alamat persendirian atau khas ({addresses}, RFC 6890) yang tidak dapat dicapai oleh penghantar di Internet: mel kepadanya menunggu dalam baris gilir penghantar, kemudian dilantun.',
  'mailtest.dns.mx_private.warn':
    'Hos MX {host} turut mempunyai alamat persendirian atau khas ({addresses}, RFC 6890): penghantar yang mencubanya dahulu menunggu tamat masa sebelum menggunakan alamat lain.',
  'mailtest.dns.mx_private.fix':
    'Terbitkan hanya alamat awam pelayan mel (alamat yang dimajukan oleh tembok api kepadanya) dalam rekod A/AAAA {host}; alamat dalaman hanya untuk paparan DNS dalaman. Jika penghantar yang berkenaan mencapai alamat ini melalui rangkaian persendirian (seperti 1GovNet), tambah bloknya dalam `mailtest.allow_targets`.',

  'mailtest.dns.mx_redundancy.title': 'Sekurang-kurangnya dua pelayan mel',
  'mailtest.dns.mx_redundancy.pass': 'Mel diterima oleh {addresses} pelayan ({hosts} hos MX).',
  'mailtest.dns.mx_redundancy.warn':
    'Hanya satu pelayan mel ({hosts} hos MX; alamat IPv4 dan IPv6 satu hos dikira satu pelayan): jika ia gagal, mel tertangguh.',
  'mailtest.dns.mx_redundancy.untested': `Tidak dapat diuji: alamat sebahagian hos MX tidak dijawab ({hosts} hos MX, {addresses} pelayan diketahui). ${UNTESTED_MS}`,
  'mailtest.dns.mx_redundancy.fix':
    'Pekeliling 4(f)(iv): sediakan sekurang-kurangnya dua pelayan mel (dua hos MX pada alamat berbeza) untuk ketersediaan tinggi.',

  'mailtest.dns.ptr.title': 'Carian songsang (PTR)',
  'mailtest.dns.ptr.pass': 'Alamat {address} mempunyai rekod PTR: {names}.',
  'mailtest.dns.ptr.fail': 'Alamat {address} tiada rekod PTR (jawapan DNS: {answer}).',
  'mailtest.dns.ptr.untested': `Tidak dapat diuji: PTR {address} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dns.ptr.fix':
    'Pekeliling 4(f)(v) "reverse lookup": minta pemilik blok alamat (ISP atau pusat data) menambah rekod PTR alamat ini kepada nama hos pelayan mel.',

  'mailtest.dns.fcrdns.title': 'PTR disahkan ke hadapan (FCrDNS)',
  'mailtest.dns.fcrdns.pass': 'Nama PTR {name} menunjuk kembali ke {address}.',
  'mailtest.dns.fcrdns.fail':
    'Tiada nama PTR alamat {address} ({names}) yang menunjuk kembali kepadanya; penerima seperti Gmail dan Microsoft 365 mungkin menolak atau menganggapnya spam.',
  'mailtest.dns.fcrdns.untested': `Tidak dapat diuji: alamat nama PTR {names} tidak dijawab ({failure}). ${UNTESTED_MS}`,
  'mailtest.dns.fcrdns.fix':
    'Pekeliling 4(f)(v): tambah rekod A (atau AAAA) bagi nama PTR yang menunjuk ke {address}, atau tukar PTR kepada nama yang sudah menunjuk ke situ.',

  'mailtest.dnsbl.listing.title': 'Senarai hitam DNS (DNSBL)',
  'mailtest.dnsbl.listing.pass': 'Alamat {address} tiada dalam senarai {zone}.',
  'mailtest.dnsbl.listing.fail': 'Alamat {address} disenaraikan dalam {zone} (kod {code}). Sebab: {reason}',
  'mailtest.dnsbl.listing.untested':
    'Tidak dapat diuji: senarai {zone} tidak memberi jawapan yang boleh dibaca untuk {address} ({answer}). Ini bukan keputusan gagal.',
  'mailtest.dnsbl.policy_listing.title': 'Senarai Sekatan Polisi Spamhaus (PBL)',
  'mailtest.dnsbl.policy_listing.warn':
    'Alamat {address} berada dalam PBL melalui {zone} (kod {code}): pemilik julat alamat ini mengisytiharkan ia tidak sepatutnya menghantar mel terus kepada penerima. Ini bukan tanda spam. Tiada masalah jika pelayan ini hanya menerima mel; jika ia juga menghantar, penerima yang menggunakan {zone} menolak mel itu.',
  'mailtest.dnsbl.policy_listing.fail':
    'Alamat {address} berada dalam PBL melalui {zone} (kod {code}) dan SPF domain membenarkannya menghantar mel: penerima yang menggunakan {zone} menolak mel agensi yang dihantar dari alamat ini.',
  'mailtest.dnsbl.policy_listing.fix':
    'Pelayan yang menghantar mel memerlukan alamat statik di luar PBL. Kod 127.0.0.10: minta ISP mengeluarkan julat itu daripada PBL. Kod 127.0.0.11: mohon pengecualian bagi alamat statik milik agensi melalui Pusat Penyahsenaraian Spamhaus. Atau hantar mel keluar melalui pelayan geganti ISP atau penyedia, dan keluarkan alamat ini daripada rekod SPF jika ia hanya menerima mel.',
  'mailtest.dnsbl_problem.lists_everything':
    'senarai itu turut menyenaraikan 127.0.0.1, yang tidak boleh disenaraikan oleh mana-mana senarai (RFC 5782 §5): ia menyenaraikan setiap alamat, jadi jawapannya tidak bermakna',
  'mailtest.dnsbl_problem.no_test_entry':
    'senarai itu tidak menyenaraikan entri ujiannya 127.0.0.2 (RFC 5782 §5): ia mungkin telah ditutup atau tidak menjawab pelayan DNS ini, jadi "tiada dalam senarai" tidak bermakna',
  'mailtest.dnsbl_problem.no_ipv6_test_entry':
    'senarai itu tidak menyenaraikan entri ujian IPv6nya ::FFFF:7F00:2 (RFC 5782 §5): ia mungkin hanya menerbitkan data IPv4, jadi "tiada dalam senarai" tidak bermakna bagi alamat IPv6',
  'mailtest.dnsbl_problem.bad_zone':
    'senarai menjawab 127.255.255.252: nama zon yang ditanya salah; semak ejaannya dalam `mailtest.dnsbl_zones`',
  'mailtest.dnsbl_problem.refused_resolver':
    'senarai menjawab 127.255.255.254: ia menolak pertanyaan melalui pelayan DNS awam atau yang tidak berdaftar dengannya',
  'mailtest.dnsbl_problem.over_limit':
    'senarai menjawab 127.255.255.255: pelayan DNS ini telah melebihi had pertanyaan percuma senarai itu',
  'mailtest.dnsbl.listing.fix':
    'Jika disenaraikan: cari punca (akaun dicerobohi, geganti terbuka: Pekeliling 4(f)(vi)), betulkannya, kemudian mohon penyahsenaraian di laman senarai {zone}. Jika senarai tidak dapat digunakan: semak ejaan {zone}, pastikan pelayan DNS mailops dibenarkan bertanya kepadanya, atau buang {zone} daripada `mailtest.dnsbl_zones`.',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.dns_failure.nxdomain': 'the name does not exist (NXDOMAIN)',

  'mailtest.dns_failure.nodata': 'no record of that type (NODATA)',

  'mailtest.dns_failure.servfail': 'the DNS server failed to answer (SERVFAIL)',

  'mailtest.dns_failure.timeout': 'timed out waiting for a DNS answer',

  'mailtest.dns_failure.refused': 'the DNS server refused the query',

  'mailtest.dns_failure.error': 'another DNS error',

  'mailtest.dns_failure.stopped': 'mailops was stopped before the DNS answer came',

  'mailtest.dns_failure.blind':
    'the DNS server mailops asks does not see the public DNS (it answers that even the top-level domain does not exist), so its "does not exist" means nothing; this is mailops\'s setting, not the agency\'s fault: the mailops administrator sets `mailtest.dns_servers`',

  'mailtest.dns.domain.title': 'Domain exists in DNS',
  'mailtest.dns.domain.fail':
    'The domain {domain} does not exist in DNS (NXDOMAIN). No mail can be delivered to it.',
  'mailtest.dns.domain.untested': `Could not test: no DNS answer for {domain} ({failure}). ${UNTESTED_EN}`,
  'mailtest.dns.domain.fix':
    "Check the domain's spelling and that the agency's DNS zone is registered and delegated (circular item 4(f)(v): the MTA must be registered in DNS).",

  'mailtest.dns.address.title': "Domain's A/AAAA records",
  'mailtest.dns.address.pass': 'The domain {domain} has addresses: {addresses}.',
  'mailtest.dns.address.untested': `Could not test: the A/AAAA records of {domain} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dns.address.fix':
    "The mail server's A record is checked on each MX host (circular item 4(f)(v)); an address at the domain itself is needed only when there is no MX record.",

  'mailtest.dns.mx.title': 'MX records',
  'mailtest.dns.mx.pass': 'The domain {domain} has {count} MX records: {hosts}.',
  'mailtest.dns.mx.warn':
    "The domain {domain} has no MX record; senders deliver to the domain's own address ({addresses}) as RFC 5321 §5.1 allows.",
  'mailtest.dns.mx.fail':
    'The domain {domain} has no MX record and no A/AAAA address: mail to it cannot be delivered.',
  'mailtest.dns.mx.untested': `Could not test: the MX records of {domain}, or the domain addresses senders use when there is none, got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dns.mx.fix':
    "Circular item 4(f)(v): publish an MX record naming the agency mail server's host name, e.g. `{domain}. IN MX 10 mail.{domain}.`",

  'mailtest.dns.null_mx.title': 'Null MX (domain takes no mail)',
  'mailtest.dns.null_mx.warn':
    'The domain {domain} publishes a null MX (`0 .`, RFC 7505): it declares that it accepts no mail at all.',
  'mailtest.dns.null_mx.fail':
    'The domain {domain} mixes a null MX (`0 .`) with other MX records; RFC 7505 §3 forbids this and senders may refuse mail.',
  'mailtest.dns.null_mx.fix':
    "If this domain receives mail, remove the `MX 0 .` record and publish the mail servers' MX (circular item 4(f)(v)); if not, keep only `MX 0 .`.",

  'mailtest.dns.null_mx_invalid.title': 'MX pointing to the DNS root (`.`)',
  'mailtest.dns.null_mx_invalid.fail':
    'The domain {domain} publishes {records}: only a single `MX 0 .` is a null MX (RFC 7505 §3). Senders look "." up as a host, find no address, and retry for days before they bounce the mail, so the domain neither takes mail nor declares that it does not.',
  'mailtest.dns.null_mx_invalid.fix':
    "If this domain takes no mail, replace that record with a single `MX 0 .`; if it does, publish the agency mail servers' MX (circular item 4(f)(v)).",

  'mailtest.dns.mx_target.title': 'MX target is a host name',
  'mailtest.dns.mx_target.fail':
    'An MX record points to the IP address {host}, not a host name; senders look it up as a name and fail (RFC 5321 §5.1).',
  'mailtest.dns.mx_target.fix':
    'Give the mail server a host name with an A record (e.g. `mail.agensi.gov.my`) and put that name in the MX record (circular item 4(f)(v)).',

  'mailtest.dns.mx_host.title': 'MX host addresses (A/AAAA records)',
  'mailtest.dns.mx_host.pass': 'The MX host {host} has addresses: {addresses}.',
  'mailtest.dns.mx_host.fail':
    'The MX record points to {host}, but that host has no A/AAAA address (DNS answer: {answer}; NXDOMAIN means the host does not exist).',
  'mailtest.dns.mx_host.untested': `Could not test: the A record (IPv4 address) of {host} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dns.mx_host.fix':
    'Circular item 4(f)(v): every MX host needs an A record (and AAAA for IPv6). Add it or correct the host name in the MX record.',

  'mailtest.dns.mx_ipv4.title': 'MX host has an A record (IPv4)',
  'mailtest.dns.mx_ipv4.fail':
    'The MX host {host} has no A record (DNS answer: {answer}), only IPv6 addresses if any: senders that have IPv4 only, still a large share, cannot deliver mail to it (RFC 3974 §3).',
  'mailtest.dns.mx_ipv4.warn':
    'The MX host {host} has no A record (DNS answer: {answer}): senders that have IPv4 only can deliver only to the other MX hosts, which have one, so they have no fallback when those fail (circular items 4(f)(iv), 4(f)(v)).',
  'mailtest.dns.mx_ipv4.fix':
    "Circular item 4(f)(v) requires an A record for the mail server: add an A record with the server's public IPv4 address to {host}. IPv6 addresses alone cannot be reached by senders that have IPv4 only.",

  'mailtest.dns.mx_cname.title': 'MX points to an alias (CNAME)',
  'mailtest.dns.mx_cname.warn':
    'The MX host {host} is an alias (CNAME) for {target}. Most servers still deliver, but RFC 2181 §10.3 forbids an MX pointing to an alias.',
  'mailtest.dns.mx_cname.fix':
    'Put the canonical name {target} in the MX record instead of the alias {host} (RFC 2181 §10.3).',

  'mailtest.dns.mx_private.title': 'MX address reachable from the Internet',
  'mailtest.dns.mx_private.fail':
    "The MX host {host} has only private or special-purpose addresses ({addresses}, RFC 6890), which no sender on the Internet can reach: mail to it waits in the senders' queues, then bounces.",
  'mailtest.dns.mx_private.warn':
    'The MX host {host} also has private or special-purpose addresses ({addresses}, RFC 6890): senders that try them first wait for a timeout before they use its other addresses.',
  'mailtest.dns.mx_private.fix':
    "Publish only the mail server's public address (the one the firewall forwards to it) in the A/AAAA records of {host}; internal addresses belong in the internal DNS view only. If the senders that matter reach this address over a private network (such as 1GovNet), add its block to `mailtest.allow_targets`.",

  'mailtest.dns.mx_redundancy.title': 'At least two mail servers',
  'mailtest.dns.mx_redundancy.pass': 'Mail is received by {addresses} servers ({hosts} MX hosts).',
  'mailtest.dns.mx_redundancy.warn':
    "Only one mail server ({hosts} MX hosts; one host's IPv4 and IPv6 addresses count as one server): when it fails, mail is delayed.",
  'mailtest.dns.mx_redundancy.untested': `Could not test: the addresses of some MX hosts got no answer ({hosts} MX hosts, {addresses} servers known). ${UNTESTED_EN}`,
  'mailtest.dns.mx_redundancy.fix':
    'Circular item 4(f)(iv): run at least two mail servers (two MX hosts on different addresses) for high availability.',

  'mailtest.dns.ptr.title': 'Reverse lookup (PTR)',
  'mailtest.dns.ptr.pass': 'The address {address} has PTR records: {names}.',
  'mailtest.dns.ptr.fail': 'The address {address} has no PTR record (DNS answer: {answer}).',
  'mailtest.dns.ptr.untested': `Could not test: the PTR of {address} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dns.ptr.fix':
    'Circular item 4(f)(v) "reverse lookup": ask the address block\'s owner (ISP or data centre) to add a PTR record for this address naming the mail server\'s host.',

  'mailtest.dns.fcrdns.title': 'Forward-confirmed reverse DNS (FCrDNS)',
  'mailtest.dns.fcrdns.pass': 'The PTR name {name} points back to {address}.',
  'mailtest.dns.fcrdns.fail':
    'No PTR name of {address} ({names}) points back to it; receivers such as Gmail and Microsoft 365 may reject its mail or mark it as spam.',
  'mailtest.dns.fcrdns.untested': `Could not test: the addresses of the PTR names {names} got no answer ({failure}). ${UNTESTED_EN}`,
  'mailtest.dns.fcrdns.fix':
    'Circular item 4(f)(v): add an A (or AAAA) record for the PTR name pointing to {address}, or change the PTR to a name that already does.',

  'mailtest.dnsbl.listing.title': 'DNS blocklists (DNSBL)',
  'mailtest.dnsbl.listing.pass': 'The address {address} is not on the {zone} list.',
  'mailtest.dnsbl.listing.fail': 'The address {address} is listed on {zone} (code {code}). Reason: {reason}',
  'mailtest.dnsbl.listing.untested':
    'Could not test: the {zone} list gave no usable answer for {address} ({answer}). This is not a fail.',
  'mailtest.dnsbl.policy_listing.title': "Spamhaus's Policy Block List (PBL)",
  'mailtest.dnsbl.policy_listing.warn':
    'The address {address} is on the PBL through {zone} (code {code}): the owner of its range declares it should not hand mail straight to receivers. This is not a sign of spam. Fine if this server only receives mail; if it also sends, receivers that use {zone} refuse that mail.',
  'mailtest.dnsbl.policy_listing.fail':
    "The address {address} is on the PBL through {zone} (code {code}) and the domain's SPF authorises it to send: receivers that use {zone} refuse the agency's mail sent from this address.",
  'mailtest.dnsbl.policy_listing.fix':
    "A server that sends mail needs a static address outside the PBL. Code 127.0.0.10: ask the ISP to take the range out of the PBL. Code 127.0.0.11: ask for an exception for an agency-owned static address at Spamhaus's Blocklist Removal Center. Or send outbound mail through the ISP's or provider's relay, and take this address out of the SPF record if it only receives mail.",
  'mailtest.dnsbl_problem.lists_everything':
    'the list also lists 127.0.0.1, which no list may list (RFC 5782 §5): it lists every address, so its answer means nothing',
  'mailtest.dnsbl_problem.no_test_entry':
    'the list does not list its test entry 127.0.0.2 (RFC 5782 §5): it may be closed or not answer this DNS server, so "not listed" means nothing',
  'mailtest.dnsbl_problem.no_ipv6_test_entry':
    'the list does not list its IPv6 test entry ::FFFF:7F00:2 (RFC 5782 §5): it may publish IPv4 data only, so "not listed" means nothing for an IPv6 address',
  'mailtest.dnsbl_problem.bad_zone':
    'the list answered 127.255.255.252: the zone name asked is wrong; check its spelling in `mailtest.dnsbl_zones`',
  'mailtest.dnsbl_problem.refused_resolver':
    'the list answered 127.255.255.254: it refuses queries through public DNS servers or ones not registered with it',
  'mailtest.dnsbl_problem.over_limit':
    "the list answered 127.255.255.255: this DNS server is over the list's free query limit",
  'mailtest.dnsbl.listing.fix':
    "If listed: find the cause (a compromised account, an open relay: circular item 4(f)(vi)), fix it, then ask for delisting on the {zone} list's site. If the list could not be used: check the spelling of {zone}, make sure mailops' DNS server may query it, or remove {zone} from `mailtest.dnsbl_zones`.",
};

export const mailtestDns = { ms, en };
