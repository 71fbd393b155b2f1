// Texts of /mailtest around the findings (src/mail/describe.ts): verdict names, the requirements of the
// circular and the good practice a report says are met or not, and why a domain cannot be tested.

const ms = {
  'mailtest.verdict.pass': 'LULUS',
  'mailtest.verdict.warn': 'AMARAN',
  'mailtest.verdict.fail': 'GAGAL',
  'mailtest.verdict.untested': 'TIDAK DAPAT DIUJI',
  'mailtest.requirement.4f-iii': 'Pekeliling 4(f)(iii): had saiz e-mel 10 MB',
  'mailtest.requirement.4f-iv': 'Pekeliling 4(f)(iv): sekurang-kurangnya dua pelayan e-mel',
  'mailtest.requirement.4f-v': 'Pekeliling 4(f)(v): rekod A, MX, PTR, SPF dan domain key dalam DNS',
  'mailtest.requirement.4f-vi': 'Pekeliling 4(f)(vi): relay hanya untuk pelayan dalaman',
  'mailtest.requirement.gp-spoofing':
    'Amalan baik: tiada pihak lain boleh menghantar atas nama agensi (DMARC)',
  'mailtest.requirement.gp-transport': 'Amalan baik: e-mel dilindungi semasa penghantaran (TLS, MTA-STS)',
  'mailtest.requirement_status.met': 'dipenuhi',
  'mailtest.requirement_status.not_met': 'TIDAK dipenuhi',
  'mailtest.requirement_status.partly': 'dipenuhi dengan amaran',
  'mailtest.requirement_status.unknown': 'tidak dapat dipastikan',
  'mailtest.input.empty': 'Nyatakan domain e-mel untuk diuji, contohnya: /mailtest agensi.gov.my',
  'mailtest.input.too_long': 'Nama domain "{input}" terlalu panjang (had 253 aksara).',
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
  'mailtest.verdict.pass': 'PASS',
  'mailtest.verdict.warn': 'WARN',
  'mailtest.verdict.fail': 'FAIL',
  'mailtest.verdict.untested': 'COULD NOT TEST',
  'mailtest.requirement.4f-iii': 'Circular 4(f)(iii): 10 MB message size limit',
  'mailtest.requirement.4f-iv': 'Circular 4(f)(iv): at least two mail servers',
  'mailtest.requirement.4f-v': 'Circular 4(f)(v): A, MX, PTR, SPF and domain key records in DNS',
  'mailtest.requirement.4f-vi': 'Circular 4(f)(vi): relay only for internal servers',
  'mailtest.requirement.gp-spoofing': "Good practice: nobody else can send in the agency's name (DMARC)",
  'mailtest.requirement.gp-transport': 'Good practice: mail protected in transit (TLS, MTA-STS)',
  'mailtest.requirement_status.met': 'met',
  'mailtest.requirement_status.not_met': 'NOT met',
  'mailtest.requirement_status.partly': 'met with warnings',
  'mailtest.requirement_status.unknown': 'could not be determined',
  'mailtest.input.empty': 'Name the mail domain to test, for example: /mailtest agensi.gov.my',
  'mailtest.input.too_long': 'The domain name "{input}" is too long (253 characters at most).',
  'mailtest.input.ip_literal':
    '"{input}" is an IP address. /mailtest tests mail domains only (their MX records say which servers are tested), for example agensi.gov.my.',
  'mailtest.input.invalid':
    '"{input}" is not a valid domain name: use letters, digits, hyphens and dots only, for example agensi.gov.my.',
  'mailtest.input.single_label':
    '"{input}" is not a full domain: give the full name, for example agensi.gov.my.',
  'mailtest.rate_limited': 'You have run {count} tests in the last minute. Try again in {seconds} seconds.',
};

export const mailtest = { ms, en };
