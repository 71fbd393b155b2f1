// Texts of /mailtest around the findings (src/mail/describe.ts): verdict names, the requirements of the
// circular and the good practice a report says are met or not, and why a domain cannot be tested.

const ms = {
  'mailtest.area.dns': 'DNS (Pekeliling 4(f)(v))',
  'mailtest.area.spf': 'SPF',
  'mailtest.area.dmarc': 'DMARC',
  'mailtest.area.dkim': 'DKIM',
  'mailtest.area.mta_sts': 'MTA-STS dan TLS-RPT',
  'mailtest.area.smtp': 'SMTP: {subject}',
  'mailtest.area.smtp_any': 'SMTP',
  'mailtest.area.dnsbl': 'Senarai hitam (DNSBL)',
  'mailtest.area.delivery': 'Ujian penghantaran (Pekeliling 4(c))',
  'mailtest.view.title': 'Ujian e-mel: {domain}',
  'mailtest.view.running': 'Sedang menguji… {done} semakan selesai.',
  'mailtest.view.finished':
    'Selesai: {fail} gagal · {warn} amaran · {untested} tidak dapat diuji · {pass} lulus.',
  'mailtest.view.requested_by': 'Diminta oleh {name} · {at}',
  'mailtest.view.requirements': 'Keperluan Pekeliling dan amalan baik',
  'mailtest.view.fix': 'Cara membetulkan:',
  'mailtest.view.passed': 'Lulus:',
  'mailtest.view.more_areas':
    'Laporan penuh tersimpan (mailops mailtest --history); bahagian yang tidak dipaparkan di sini:',
  'mailtest.view.started':
    'Menguji {domain}… Kad keputusan akan dikemas kini apabila setiap semakan selesai.',
  'mailtest.view.failed':
    'Ujian {domain} terhenti kerana ralat dalaman (rujukan {reference}). Apa yang telah diuji ditunjukkan di atas.',
  'mailtest.view.interrupted':
    'Ujian {domain} terputus: mailops berhenti sebelum ujian selesai (dimulakan semula atau rosak). Apa yang telah diuji ditunjukkan di atas; jalankan /mailtest {domain} sekali lagi.',
  'mailtest.verdict.pass': 'LULUS',
  'mailtest.verdict.warn': 'AMARAN',
  'mailtest.verdict.fail': 'GAGAL',
  'mailtest.verdict.untested': 'TIDAK DAPAT DIUJI',
  'mailtest.requirement.4c': 'Pekeliling 4(c): ujian penghantaran berjadual dari e-mel luar ke e-mel agensi',
  'mailtest.requirement.4f-i': 'Pekeliling 4(f)(i): ruang peti mel sekurang-kurangnya 100 MB',
  'mailtest.requirement.4f-iii': 'Pekeliling 4(f)(iii): had saiz e-mel 10 MB',
  'mailtest.requirement.4f-iv': 'Pekeliling 4(f)(iv): sekurang-kurangnya dua pelayan e-mel',
  'mailtest.requirement.4f-v': 'Pekeliling 4(f)(v): rekod A, MX, PTR, SPF dan domain key dalam DNS',
  'mailtest.requirement.4f-vi': 'Pekeliling 4(f)(vi): relay hanya untuk pelayan dalaman',
  'mailtest.requirement.gp-spoofing':
    'Amalan baik: tiada pihak lain boleh menghantar atas nama agensi (DMARC)',
  'mailtest.requirement.gp-transport': 'Amalan baik: e-mel dilindungi semasa penghantaran (TLS, MTA-STS)',
  'mailtest.requirement.gp-quota': 'Amalan baik: amaran sebelum peti mel penuh',
  'mailtest.requirement_status.met': 'dipenuhi',
  'mailtest.requirement_status.not_met': 'TIDAK dipenuhi',
  'mailtest.requirement_status.partly': 'dipenuhi dengan amaran',
  'mailtest.requirement_status.unknown': 'tidak dapat dipastikan',
  'mailtest.input.empty': 'Nyatakan domain e-mel untuk diuji, contohnya: /mailtest agensi.gov.my',
  'mailtest.input.too_long': 'Nama domain "{input}" terlalu panjang (had 253 aksara).',
  'mailtest.input.unknown_option':
    'Pilihan "{option}" tidak dikenali. Gunakan: /mailtest <domain> [--delivery]',
  'mailtest.input.extra_words':
    '/mailtest menguji satu domain pada satu masa; "{words}" tidak difahami. Gunakan: /mailtest <domain> [--delivery]',
  'mailtest.input.not_monitored':
    'Ujian penghantaran (--delivery) memerlukan peti mel ujian, dan belum ada peti mel ujian untuk {domain}. Jalankan /mailtest {domain} tanpa --delivery, atau minta pentadbir mailops menambahnya (delivery.domains dalam konfigurasi).',
  'mailtest.input.ip_literal':
    '"{input}" ialah alamat IP. /mailtest menguji domain e-mel sahaja (rekod MX-nya menentukan pelayan yang diuji), contohnya agensi.gov.my.',
  'mailtest.input.invalid':
    '"{input}" bukan nama domain yang sah: gunakan huruf, nombor, tanda sempang dan titik sahaja, contohnya agensi.gov.my.',
  'mailtest.input.single_label':
    '"{input}" bukan domain penuh: nyatakan nama penuh, contohnya agensi.gov.my.',
  'mailtest.rate_limited':
    'Anda telah menjalankan {count} ujian dalam seminit yang lalu. Cuba semula dalam {seconds} saat.',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.area.dns': 'DNS (circular item 4(f)(v))',
  'mailtest.area.spf': 'SPF',
  'mailtest.area.dmarc': 'DMARC',
  'mailtest.area.dkim': 'DKIM',
  'mailtest.area.mta_sts': 'MTA-STS and TLS-RPT',
  'mailtest.area.smtp': 'SMTP: {subject}',
  'mailtest.area.smtp_any': 'SMTP',
  'mailtest.area.dnsbl': 'Blocklists (DNSBL)',
  'mailtest.area.delivery': 'Delivery tests (circular item 4(c))',
  'mailtest.view.title': 'Mail test: {domain}',
  'mailtest.view.running': 'Checking… {done} checks done.',
  'mailtest.view.finished':
    'Done: {fail} failed · {warn} warned · {untested} could not test · {pass} passed.',
  'mailtest.view.requested_by': 'Asked by {name} · {at}',
  'mailtest.view.requirements': 'Requirements of the circular and the good practice',
  'mailtest.view.fix': 'How to fix:',
  'mailtest.view.passed': 'Passed:',
  'mailtest.view.more_areas': 'The full report is stored (mailops mailtest --history); areas not shown here:',
  'mailtest.view.started': 'Testing {domain}… The report card updates as each check finishes.',
  'mailtest.view.failed':
    'The test of {domain} stopped on an internal error (reference {reference}). What was tested is shown above.',
  'mailtest.view.interrupted':
    'The test of {domain} was cut short: mailops stopped before it finished (a restart or a crash). What was tested is shown above; run /mailtest {domain} again.',
  'mailtest.verdict.pass': 'PASS',
  'mailtest.verdict.warn': 'WARN',
  'mailtest.verdict.fail': 'FAIL',
  'mailtest.verdict.untested': 'COULD NOT TEST',
  'mailtest.requirement.4c': 'Circular 4(c): scheduled delivery test from external mail into the agency',
  'mailtest.requirement.4f-i': 'Circular 4(f)(i): at least 100 MB of mailbox space',
  'mailtest.requirement.4f-iii': 'Circular 4(f)(iii): 10 MB message size limit',
  'mailtest.requirement.4f-iv': 'Circular 4(f)(iv): at least two mail servers',
  'mailtest.requirement.4f-v': 'Circular 4(f)(v): A, MX, PTR, SPF and domain key records in DNS',
  'mailtest.requirement.4f-vi': 'Circular 4(f)(vi): relay only for internal servers',
  'mailtest.requirement.gp-spoofing': "Good practice: nobody else can send in the agency's name (DMARC)",
  'mailtest.requirement.gp-transport': 'Good practice: mail protected in transit (TLS, MTA-STS)',
  'mailtest.requirement.gp-quota': 'Good practice: a warning before a mailbox is full',
  'mailtest.requirement_status.met': 'met',
  'mailtest.requirement_status.not_met': 'NOT met',
  'mailtest.requirement_status.partly': 'met with warnings',
  'mailtest.requirement_status.unknown': 'could not be determined',
  'mailtest.input.empty': 'Name the mail domain to test, for example: /mailtest agensi.gov.my',
  'mailtest.input.too_long': 'The domain name "{input}" is too long (253 characters at most).',
  'mailtest.input.unknown_option': 'Unknown option "{option}". Use: /mailtest <domain> [--delivery]',
  'mailtest.input.extra_words':
    '/mailtest tests one domain at a time; "{words}" was not understood. Use: /mailtest <domain> [--delivery]',
  'mailtest.input.not_monitored':
    'Delivery tests (--delivery) need probe mailboxes, and {domain} has none yet. Run /mailtest {domain} without --delivery, or ask the mailops administrator to add them (delivery.domains in the configuration).',
  'mailtest.input.ip_literal':
    '"{input}" is an IP address. /mailtest tests mail domains only (their MX records say which servers are tested), for example agensi.gov.my.',
  'mailtest.input.invalid':
    '"{input}" is not a valid domain name: use letters, digits, hyphens and dots only, for example agensi.gov.my.',
  'mailtest.input.single_label':
    '"{input}" is not a full domain: give the full name, for example agensi.gov.my.',
  'mailtest.rate_limited': 'You have run {count} tests in the last minute. Try again in {seconds} seconds.',
};

export const mailtest = { ms, en };
