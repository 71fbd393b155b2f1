// The configuration's problems and warnings that are not about one value's form (config.ts has those): the
// file that cannot be read, variables that only work together, rules across the file (roles, duplicates,
// holidays), probe mailbox passwords and who the SOP reaches on each platform. Same conventions as config.ts:
// paths, variable names, role codes and values are left as written.

const ms = {
  'config.file.not_found': 'fail konfigurasi {path}: fail tidak dijumpai',
  'config.file.permission': 'fail konfigurasi {path}: kebenaran ditolak',
  'config.file.folder': 'fail konfigurasi {path}: ialah folder, bukan fail',
  'config.file.unreadable': 'fail konfigurasi {path}: tidak dapat dibaca ({code})',
  'config.file.empty': 'fail konfigurasi {path}: kosong',
  'config.file.not_mapping':
    'fail konfigurasi {path}: mesti berupa pemetaan YAML (people:, channels:, calendar:, …)',
  'config.yaml.syntax': 'fail konfigurasi {path}: ralat sintaks YAML{where}: {reason}',
  'config.yaml.where': ' pada baris {line}, lajur {col}',
  'config.yaml.duplicate_key':
    'kunci yang sama ditulis dua kali dalam satu pemetaan; setiap kunci mesti unik',
  'config.yaml.tab': 'tab tidak boleh digunakan sebagai inden; gunakan ruang',
  'config.yaml.quote': 'tanda petikan penutup {quote} tiada',
  'config.yaml.column': 'semua item senarai mesti bermula pada lajur yang sama',
  'config.yaml.key_value': 'kunci mesti diikuti oleh nilai (kunci: nilai)',
  'config.yaml.key_line': 'kunci mesti ditulis pada satu baris',
  'config.yaml.other': 'penghurai YAML melaporkan: {detail} ({code})',
  'config.yaml.alias':
    'fail konfigurasi {path}: alias YAML *{name}{where} tidak merujuk kepada sebarang anchor (&{name} mesti ditulis sebelumnya)',
  'config.yaml.aliases':
    'fail konfigurasi {path}: alias YAML berkembang terlalu banyak (melebihi had {limit}); tulis nilainya sepenuhnya',

  'config.env.production_file':
    'env MAILOPS_CONFIG: diperlukan apabila NODE_ENV=production (sampel terbina dalam ialah data demo)',
  'config.env.demo_in_production':
    'env MAILOPS_CONFIG: {path} ialah konfigurasi demo terbina dalam; NODE_ENV=production memerlukan fail agensi sendiri',
  'config.env.no_chat':
    'env SLACK_BOT_TOKEN, TEAMS_CLIENT_ID: NODE_ENV=production memerlukan kelayakan Slack (SLACK_BOT_TOKEN, …) atau Teams ' +
    '(TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID): taman permainan tempatan tidak dibenarkan dalam persekitaran pengeluaran',
  'config.env.slack_needs_secret':
    'env SLACK_BOT_TOKEN: memerlukan SLACK_SIGNING_SECRET (mod HTTP) atau SLACK_APP_TOKEN (Socket Mode)',
  'config.env.slack_needs_token': 'env {name}: ditetapkan tetapi SLACK_BOT_TOKEN tidak ditetapkan',
  'config.env.teams_together': 'env {names}: mesti ditetapkan bersama pemboleh ubah TEAMS_ yang lain',
  'config.env.removed':
    'env {name}: tidak lagi dibaca, maka nilainya diabaikan ({why}); tetapkan {replacement} sebagai gantinya ' +
    '(lalai {default}) dan buang {name}',
  'config.env.removed.outbox_max_attempts':
    'peti keluar mencuba semula mesej yang gagal selama beberapa jam, bukan sebanyak beberapa kali cubaan',
  'config.env.demo':
    'MAILOPS_CONFIG tidak ditetapkan: konfigurasi demo {path} digunakan; tetapkannya sebelum kegunaan sebenar',

  'config.duplicate.id': '{at}: id "{value}" sudah digunakan oleh {first} ({owner})',
  'config.duplicate.slack': '{at}: pengguna Slack "{value}" sudah digunakan oleh {first} ({owner})',
  'config.duplicate.teams': '{at}: pengguna Teams "{value}" sudah digunakan oleh {first} ({owner})',
  'config.duplicate.email': '{at}: e-mel "{value}" sudah digunakan oleh {first} ({owner})',
  'config.roles.no_approver':
    'people: tiada sesiapa yang memegang peranan approver (MAMPU/JDN meluluskan permohonan perubahan, SOP 4.1 langkah 4)',
  'config.roles.no_soc':
    'people: tiada sesiapa yang memegang peranan soc (VAS SOC melaksanakan dan menyiasat, SOP 4.1 langkah 7, 4.2 langkah 3)',
  'config.roles.no_manager':
    'endorsement.required: bernilai true tetapi tiada sesiapa yang memegang peranan manager; tambah seorang manager atau tetapkannya kepada false',
  'config.roles.no_service_desk':
    'people: tiada sesiapa yang memegang peranan service_desk (eskalasi SLA hanya akan sampai ke saluran meja bantuan)',
  'config.roles.no_vendor':
    'people: tiada sesiapa yang memegang peranan vendor (eskalasi vendor hanya akan sampai ke saluran vendor)',
  'config.roles.no_admin':
    'people: tiada sesiapa yang memegang peranan admin (tiada sesiapa boleh menukar tetapan melalui sembang)',
  'config.roles.approver_and_soc':
    '{at}: {id} memegang peranan approver dan juga soc; mereka akan ditolak sebagai pelaksana bagi mana-mana ' +
    'permohonan yang mereka luluskan (pengasingan tugas)',
  'config.calendar.no_holiday':
    'calendar.holidays: tiada cuti umum bagi tahun {year}; kemas kini senarai ini berdasarkan Warta Kerajaan Persekutuan',

  'config.password.env_unset': '{at}: pemboleh ubah persekitaran {name} tidak ditetapkan',
  'config.password.file_empty': '{at}: {file} kosong',
  'config.password.file_open':
    '{at}: {file} boleh dibaca oleh pengguna lain; jalankan chmod 600 pada fail itu',
  'config.file_unreadable': '{at}: {file} tidak dapat dibaca',
  'config.delivery.no_imap':
    '{at}: tidak ditetapkan, maka penghantaran ke {domain} hanya diketahui daripada balasan',
  'config.ca.no_certificate': '{at}: {file} tidak mengandungi sijil PEM (-----BEGIN CERTIFICATE-----)',
  'config.ca.bad_certificate': '{at}: sijil ke-{index} dalam {file} tidak dapat dibaca',

  'config.reach.nobody': '{at}: {what} tidak sampai kepada sesiapa di {platform}: {why}',
  'config.reach.no_holder': 'tiada saluran {channel}, dan tiada pemegang peranan {role} yang mempunyai {id}',
  'config.reach.channel_only': 'tiada saluran {channel} (ia dihantar ke saluran sahaja)',
  'config.reach.any_id': 'ID',
  'config.reach.platform_id': 'ID {platform} ({key})',
  'config.reach.no_manager':
    'people: tiada pengurus (peranan manager) yang mempunyai ID {platforms} ({keys}), maka tiada permohonan ' +
    'perubahan boleh disokong (endorsement.required)',
  'config.reach.either': '{first} atau {second}',
  'config.reach.playground': 'taman permainan tempatan',
  'config.reach.approvals': 'kad kelulusan (SOP 4.1 langkah 4)',
  'config.reach.soc': 'kad SOC (SOP 4.1 langkah 7, 4.2 langkah 3)',
  'config.reach.vendor': 'eskalasi vendor',
  'config.reach.service_desk': 'kad meja bantuan dan eskalasi SLA',
  'config.reach.announcements': 'pengumuman tiket yang ditutup',
};

const en: Record<keyof typeof ms, string> = {
  'config.file.not_found': 'config file {path}: file not found',
  'config.file.permission': 'config file {path}: permission denied',
  'config.file.folder': 'config file {path}: is a folder, not a file',
  'config.file.unreadable': 'config file {path}: cannot be read ({code})',
  'config.file.empty': 'config file {path}: is empty',
  'config.file.not_mapping': 'config file {path}: must be a YAML mapping (people:, channels:, calendar:, …)',
  'config.yaml.syntax': 'config file {path}: YAML syntax error{where}: {reason}',
  'config.yaml.where': ' at line {line}, column {col}',
  'config.yaml.duplicate_key': 'Map keys must be unique',
  'config.yaml.tab': 'Tabs are not allowed as indentation',
  'config.yaml.quote': 'Missing closing {quote}quote',
  'config.yaml.column': 'All sequence items must start at the same column',
  'config.yaml.key_value': 'Implicit map keys need to be followed by map values',
  'config.yaml.key_line': 'Implicit keys need to be on a single line',
  'config.yaml.other': '{detail} ({code})',
  'config.yaml.alias':
    'config file {path}: YAML alias *{name}{where} names no anchor (&{name} must come before it)',
  'config.yaml.aliases':
    'config file {path}: YAML aliases expand too much (past the limit of {limit}); write the values out',

  'config.env.production_file':
    'env MAILOPS_CONFIG: required when NODE_ENV=production (the bundled sample is demo data)',
  'config.env.demo_in_production':
    "env MAILOPS_CONFIG: {path} is the bundled demo configuration; NODE_ENV=production needs the agency's own file",
  'config.env.no_chat':
    'env SLACK_BOT_TOKEN, TEAMS_CLIENT_ID: NODE_ENV=production needs Slack (SLACK_BOT_TOKEN, …) or Teams ' +
    '(TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID) credentials: the local playground is refused in production',
  'config.env.slack_needs_secret':
    'env SLACK_BOT_TOKEN: needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
  'config.env.slack_needs_token': 'env {name}: is set but SLACK_BOT_TOKEN is not',
  'config.env.teams_together': 'env {names}: must be set together with the other TEAMS_ variables',
  'config.env.removed':
    'env {name}: is no longer read, so its value is ignored ({why}); set {replacement} instead ' +
    '(default {default}) and remove {name}',
  'config.env.removed.outbox_max_attempts':
    'the outbox retries a failing message for a number of hours, not of attempts',
  'config.env.demo': 'MAILOPS_CONFIG is not set: using the demo configuration {path}; set it before real use',

  'config.duplicate.id': '{at}: id "{value}" is already used by {first} ({owner})',
  'config.duplicate.slack': '{at}: Slack user "{value}" is already used by {first} ({owner})',
  'config.duplicate.teams': '{at}: Teams user "{value}" is already used by {first} ({owner})',
  'config.duplicate.email': '{at}: e-mail "{value}" is already used by {first} ({owner})',
  'config.roles.no_approver':
    'people: nobody has the approver role (MAMPU/JDN approves change requests, SOP 4.1 step 4)',
  'config.roles.no_soc':
    'people: nobody has the soc role (VAS SOC implements and investigates, SOP 4.1 step 7, 4.2 step 3)',
  'config.roles.no_manager':
    'endorsement.required: is true but nobody has the manager role; add a manager or set it to false',
  'config.roles.no_service_desk':
    'people: nobody has the service_desk role (SLA escalations will reach only the service desk channel)',
  'config.roles.no_vendor':
    'people: nobody has the vendor role (vendor escalations will reach only the vendor channel)',
  'config.roles.no_admin': 'people: nobody has the admin role (nobody can change settings from chat)',
  'config.roles.approver_and_soc':
    '{at}: {id} is both approver and soc; they will be refused as implementer of any request they approved ' +
    '(separation of duties)',
  'config.calendar.no_holiday':
    'calendar.holidays: no holiday in {year}; keep the list current from the federal gazette',

  'config.password.env_unset': '{at}: the environment variable {name} is not set',
  'config.password.file_empty': '{at}: {file} is empty',
  'config.password.file_open': '{at}: {file} can be read by other users; chmod 600 it',
  'config.file_unreadable': '{at}: {file} cannot be read',
  'config.delivery.no_imap': '{at}: not set, so deliveries into {domain} are known only from replies',
  'config.ca.no_certificate': '{at}: {file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)',
  'config.ca.bad_certificate': '{at}: certificate {index} in {file} cannot be read',

  'config.reach.nobody': '{at}: {what} reach nobody on {platform}: {why}',
  'config.reach.no_holder': 'no {channel} channel, and nobody with the {role} role has {id}',
  'config.reach.channel_only': 'no {channel} channel (they go to a channel only)',
  'config.reach.any_id': 'an id',
  'config.reach.platform_id': 'a {platform} id ({key})',
  'config.reach.no_manager':
    'people: no manager has a {platforms} id ({keys}), so no change request can be endorsed (endorsement.required)',
  'config.reach.either': '{first} or {second}',
  'config.reach.playground': 'the local playground',
  'config.reach.approvals': 'approval cards (SOP 4.1 step 4)',
  'config.reach.soc': 'SOC cards (SOP 4.1 step 7, 4.2 step 3)',
  'config.reach.vendor': 'vendor escalations',
  'config.reach.service_desk': 'service desk cards and SLA escalations',
  'config.reach.announcements': 'announcements of closed tickets',
};

export const configChecks = { ms, en };
