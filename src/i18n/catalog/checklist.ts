// Texts of the daily e-mail checklist (circular 4(c) and 4(h); src/scheduler/daily-checklist.ts): the summary
// card SOC reads every morning, the complaint it opens when a check fails (SOP 4.2 step 1 on the service's
// behalf), and `mailops checklist run`. A domain that could not be checked is never called failing.

const ms = {
  'checklist.view.title': 'Senarai semak harian e-mel — {at}',
  'checklist.view.title_late':
    'Senarai semak harian e-mel — {at}, dijalankan lewat pada {ranAt} (mailops tidak berjalan pada waktu jadualnya)',
  'checklist.view.title_retried':
    'Senarai semak harian e-mel — {at}, dijalankan semula pada {ranAt} (larian pada waktu jadualnya tidak selesai)',
  'checklist.view.status':
    'Domain: {domains} ({failing} gagal, {notRun} tidak dapat dijalankan, {ok} OK) · Semakan: {counts}',
  'checklist.view.counts': '{fail} gagal · {warn} amaran · {untested} tidak dapat diuji · {pass} lulus',
  'checklist.view.run_by':
    'Pekeliling 4(c) dan 4(h): ujian penghantaran berjadual dan semakan domain, dijalankan oleh mailops',
  'checklist.view.domain_failing': '{domain} — GAGAL: {counts}',
  'checklist.view.domain_ok': '{domain} — OK: {counts}',
  'checklist.view.domain_not_run':
    '{domain} — tidak dapat dijalankan kerana ralat dalaman (rujukan {reference}); bukan keputusan gagal',
  'checklist.view.ticket_opened': 'aduan {ticket} dibuka',
  'checklist.view.ticket_updated': 'direkodkan dalam aduan {ticket} yang sedia dibuka',
  'checklist.view.no_ticket': 'aduan tidak dapat dibuka secara automatik: sila buka dengan /mailcomplaint',

  'checklist.complaint.description':
    'Senarai semak harian e-mel ({at}) mendapati {count} semakan gagal bagi {domain}:',

  'cli.summary.checklist_run':
    'jalankan senarai semak harian e-mel sekarang (Pekeliling 4(c), 4(h)); ringkasan ke saluran SOC',
  'cli.args.checklist_run': '[--domain DOMAIN]',
  'cli.checklist.unexpected':
    'mailops checklist run tidak menerima "{value}": pilih satu domain dengan --domain DOMAIN',
  'cli.checklist.not_monitored':
    '{domain} bukan domain yang dipantau (delivery.domains dalam konfigurasi). Domain dipantau: {domains}',
  'cli.checklist.no_domains':
    'Tiada domain dipantau: tambah domain di bawah delivery.domains dalam fail konfigurasi.',
  'cli.checklist.busy':
    'Larian senarai semak lain bermula pada saat yang sama; jalankan semula sebentar lagi.',
  'cli.checklist.queued':
    'Ringkasan dibaris gilir untuk saluran SOC; `mailops serve` akan menghantarnya dan mencuba semula jika gagal.',
  'cli.summary.checklist_history':
    'senarai semak harian e-mel yang lalu: bila setiap larian dijadualkan dan dijalankan, oleh replika mana, dan dapatannya',
  'cli.args.checklist_history': '[--limit N]',
  'cli.checklist.bad_limit': '--limit mesti nombor bulat 1–1000, bukan "{value}"',
  'cli.checklist.history_unexpected': 'mailops checklist history tidak menerima "{value}"',
  'cli.checklist.no_history': 'Senarai semak harian belum pernah dijalankan.',
  'cli.checklist.history.fire': 'Dijadualkan',
  'cli.checklist.history.schedule': 'Jadual',
  'cli.checklist.history.manual': 'manual',
  'cli.checklist.history.status': 'Status',
  'cli.checklist.history.started': 'Bermula',
  'cli.checklist.history.late': '{started} (lewat {minutes} min)',
  'cli.checklist.history.owner': 'Replika',
  'cli.checklist.history.attempt': 'Cubaan',
  'cli.checklist.history.result': 'Dapatan',
  'cli.checklist.history.ok': 'selesai',
  'cli.checklist.history.failed': 'ralat',
  'cli.checklist.history.running': 'sedang berjalan',
  'cli.checklist.history.interrupted': 'terputus: replikanya terhenti sebelum selesai',
  'cli.checklist.history.counts':
    '{domains} domain: {failed} gagal, {couldNotRun} tidak dapat dijalankan · aduan: {opened} dibuka, {updated} ditambah',
} as const;

const en: Record<keyof typeof ms, string> = {
  'checklist.view.title': 'Daily e-mail checklist — {at}',
  'checklist.view.title_late':
    'Daily e-mail checklist — {at}, run late at {ranAt} (mailops was not running at its scheduled time)',
  'checklist.view.title_retried':
    'Daily e-mail checklist — {at}, run again at {ranAt} (the run at its scheduled time did not finish)',
  'checklist.view.status':
    'Domains: {domains} ({failing} failing, {notRun} could not run, {ok} OK) · Checks: {counts}',
  'checklist.view.counts': '{fail} failed · {warn} warned · {untested} could not test · {pass} passed',
  'checklist.view.run_by':
    'Circular 4(c) and 4(h): scheduled delivery tests and domain checks, run by mailops',
  'checklist.view.domain_failing': '{domain} — FAILING: {counts}',
  'checklist.view.domain_ok': '{domain} — OK: {counts}',
  'checklist.view.domain_not_run':
    '{domain} — could not run on an internal error (reference {reference}); not a failed check',
  'checklist.view.ticket_opened': 'complaint {ticket} opened',
  'checklist.view.ticket_updated': 'added to the open complaint {ticket}',
  'checklist.view.no_ticket': 'no complaint could be opened automatically: open one with /mailcomplaint',

  'checklist.complaint.description':
    'The daily e-mail checklist ({at}) found {count} failing checks for {domain}:',

  'cli.summary.checklist_run':
    'run the daily e-mail checklist now (circular 4(c), 4(h)); the summary goes to the SOC channel',
  'cli.args.checklist_run': '[--domain DOMAIN]',
  'cli.checklist.unexpected':
    'mailops checklist run does not take "{value}": pick one domain with --domain DOMAIN',
  'cli.checklist.not_monitored':
    '{domain} is not a monitored domain (delivery.domains in the configuration). Monitored domains: {domains}',
  'cli.checklist.no_domains':
    'No monitored domains: add them under delivery.domains in the configuration file.',
  'cli.checklist.busy': 'Another checklist run started in the same second; run it again in a moment.',
  'cli.checklist.queued':
    'The summary is queued for the SOC channel; `mailops serve` delivers it and retries if delivery fails.',
  'cli.summary.checklist_history':
    'past daily e-mail checklists: when each fire was due and ran, on which replica, and what it found',
  'cli.args.checklist_history': '[--limit N]',
  'cli.checklist.bad_limit': '--limit must be a whole number 1–1000, not "{value}"',
  'cli.checklist.history_unexpected': 'mailops checklist history does not take "{value}"',
  'cli.checklist.no_history': 'The daily checklist has never run.',
  'cli.checklist.history.fire': 'Due',
  'cli.checklist.history.schedule': 'Schedule',
  'cli.checklist.history.manual': 'by hand',
  'cli.checklist.history.status': 'Status',
  'cli.checklist.history.started': 'Started',
  'cli.checklist.history.late': '{started} ({minutes} min late)',
  'cli.checklist.history.owner': 'Replica',
  'cli.checklist.history.attempt': 'Attempt',
  'cli.checklist.history.result': 'Found',
  'cli.checklist.history.ok': 'done',
  'cli.checklist.history.failed': 'error',
  'cli.checklist.history.running': 'running',
  'cli.checklist.history.interrupted': 'interrupted: its replica stopped before finishing',
  'cli.checklist.history.counts':
    '{domains} domains: {failed} failing, {couldNotRun} could not run · complaints: {opened} opened, {updated} added to',
};

export const checklist = { ms, en };
