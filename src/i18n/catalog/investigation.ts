// Texts of the automated complaint investigation (SOP 4.2 step 3, issue 6; src/investigation): the findings
// it adds to the mail checks' (`mailtest.investigation.<check>.<title|verdict|fix>`, read by
// src/mail/describe.ts like every finding), the investigation section of a complaint's cards, and what the
// bot writes when it reports a complaint it opened as still failing. Malay first, in the SOP's terms.

const ms = {
  'mailtest.investigation.service_domain.title': 'Domain dalam perkhidmatan e-mel 1GovUC',
  'mailtest.investigation.service_domain.pass': '{domain} dilayan oleh perkhidmatan e-mel 1GovUC.',
  'mailtest.investigation.service_domain.warn':
    '{domain} hanya sebahagiannya dilayan oleh perkhidmatan e-mel 1GovUC.',
  'mailtest.investigation.service_domain.fail':
    '{domain} tidak dilayan oleh perkhidmatan e-mel 1GovUC, jadi Meja Bantuan tidak dapat membetulkan e-melnya.',
  'mailtest.investigation.service_domain.untested':
    '{domain} (contoh alamat dalam aduan) berada di luar perkhidmatan e-mel 1GovUC; bahagiannya tidak dapat diuji dari sini.',
  'mailtest.investigation.service_domain.fix':
    'Jika {domain} sepatutnya dilayan oleh perkhidmatan, tambahkannya ke domain perkhidmatan (delivery.service_domains dalam konfigurasi); jika tidak, penyedia e-melnya sendiri perlu menyemak, dan VAS SOC menguji menggunakan e-mel luar (SOP 4.2 langkah 3).',

  'mailtest.investigation.service_unknown.title': 'Domain dalam perkhidmatan e-mel 1GovUC',
  'mailtest.investigation.service_unknown.untested':
    'Tidak dapat ditentukan sama ada {domain} dilayan oleh perkhidmatan e-mel 1GovUC: konfigurasi mailops belum menyenaraikan domain perkhidmatan.',
  'mailtest.investigation.service_unknown.fix':
    'Pentadbir mailops perlu menyenaraikan domain yang dilayan oleh perkhidmatan (delivery.domains dan delivery.service_domains dalam konfigurasi). Sementara itu, VAS SOC menyemak sendiri sama ada {domain} dilayan oleh perkhidmatan (SOP 4.2 langkah 3).',

  'mailtest.investigation.bounce_text.title': 'Mesej pemulangan dalam aduan',
  'mailtest.investigation.bounce_text.pass':
    'Mesej yang ditampal melaporkan penghantaran berjaya ({status}): {meaning}.',
  'mailtest.investigation.bounce_text.warn':
    'Mesej yang ditampal melaporkan kegagalan sementara ({status}): {meaning}. Pelayan berkata: {diagnostic}',
  'mailtest.investigation.bounce_text.fail':
    'Mesej yang ditampal melaporkan kegagalan kekal ({status}): {meaning}. Pelayan berkata: {diagnostic}',
  'mailtest.investigation.bounce_text.untested':
    'Aduan tiada mesej pemulangan yang dapat dibaca (tiada yang ditampal, atau ia tidak menyatakan status penghantaran).',
  'mailtest.investigation.bounce_text.fix':
    'Ambil tindakan mengikut apa yang dinyatakan oleh mesej pemulangan (semakan lain menunjukkan sama ada domain itu sendiri bermasalah); jika tiada, minta pemohon menghantar laporan kegagalan penghantaran (non-delivery report) yang diterima.',

  'mailtest.investigation.checks.title': 'Semakan automatik',
  'mailtest.investigation.checks.pass': 'Semakan automatik selesai.',
  'mailtest.investigation.checks.warn': 'Semakan automatik selesai dengan amaran.',
  'mailtest.investigation.checks.fail': 'Semakan automatik gagal.',
  'mailtest.investigation.checks.untested':
    'Semakan terhenti kerana ralat dalaman (rujukan {reference}); hanya apa yang diuji sebelum itu ditunjukkan.',
  'mailtest.investigation.checks.fix':
    'VAS SOC perlu menguji secara manual (SOP 4.2 langkah 3); pentadbir sistem boleh mencari ralat dalam log menggunakan rujukannya.',

  'card.investigation.title': 'Siasatan automatik (SOP 4.2 langkah 3)',
  'card.investigation.running.investigation': 'Sedang menyiasat… dimulakan pada {at}',
  'card.investigation.running.recheck':
    'Sedang menyemak semula selepas ditandakan selesai… dimulakan pada {at}',
  'card.investigation.running.checklist': 'Senarai semak harian sedang berjalan… dimulakan pada {at}',
  'card.investigation.result.investigation': 'Hasil siasatan, {at}:',
  'card.investigation.result.recheck': 'Hasil semakan semula, {at}:',
  'card.investigation.result.checklist': 'Hasil senarai semak harian, {at}:',
  'card.investigation.counts': '{fail} gagal · {warn} amaran · {untested} tidak dapat diuji · {pass} lulus',
  'card.investigation.stopped':
    'Semakan terhenti kerana ralat dalaman; hanya apa yang diuji sebelum itu ditunjukkan.',
  'card.investigation.nothing_to_fix': 'Tiada semakan yang gagal atau memberi amaran.',
  'card.investigation.untested.investigation':
    'Tidak dapat diuji oleh mailops, jadi VAS SOC perlu mengujinya secara manual (SOP 4.2 langkah 3): {checks}.',
  'card.investigation.untested.recheck':
    'Tidak dapat diuji semula oleh mailops, jadi ujian pemohon (SOP 4.2 langkah 7) yang menentukannya: {checks}.',
  'card.investigation.untested.checklist':
    'Tidak dapat diuji oleh senarai semak harian, jadi VAS SOC perlu mengujinya secara manual (SOP 4.2 langkah 3): {checks}.',
  'card.investigation.fix': 'Cara membetulkan:',
  'card.investigation.bounce': 'Mesej pemulangan dalam aduan:',
  'card.investigation.changes': 'Sebelum → selepas ditandakan selesai:',
  'card.investigation.no_changes': 'Tiada semakan yang gagal atau memberi amaran, sebelum atau selepas.',
  'card.investigation.not_run': 'tidak diuji',
  'card.investigation.change.fixed': 'dibetulkan',
  'card.investigation.change.still_failing': 'masih gagal',
  'card.investigation.change.not_retested': 'tidak dapat diuji semula',
  'card.investigation.change.new_problem': 'masalah baharu',

  'investigation.details.still_failing':
    'Semakan semula oleh mailops selepas aduan ditandakan selesai mendapati masih bermasalah: {checks}.',
  'investigation.details.not_run':
    'Semakan semula oleh mailops tidak dapat dijalankan, jadi penyelesaian tidak dapat disahkan. Sila uji secara manual.',
} as const;

const en: Record<keyof typeof ms, string> = {
  'mailtest.investigation.service_domain.title': 'Domain within the 1GovUC e-mail service',
  'mailtest.investigation.service_domain.pass': '{domain} is served by the 1GovUC e-mail service.',
  'mailtest.investigation.service_domain.warn':
    '{domain} is served only in part by the 1GovUC e-mail service.',
  'mailtest.investigation.service_domain.fail':
    '{domain} is not served by the 1GovUC e-mail service, so the service desk cannot fix its mail.',
  'mailtest.investigation.service_domain.untested':
    '{domain} (an example address in the complaint) is outside the 1GovUC e-mail service; its side cannot be tested from here.',
  'mailtest.investigation.service_domain.fix':
    'If {domain} should be served by the service, add it to the service domains (delivery.service_domains in the configuration); otherwise its own mail provider must look at its side, and VAS SOC tests from an external mailbox (SOP 4.2 step 3).',

  'mailtest.investigation.service_unknown.title': 'Domain within the 1GovUC e-mail service',
  'mailtest.investigation.service_unknown.untested':
    'Whether {domain} is served by the 1GovUC e-mail service cannot be told: the mailops configuration lists none of the service’s domains yet.',
  'mailtest.investigation.service_unknown.fix':
    'The mailops administrator should list the domains the service serves (delivery.domains and delivery.service_domains in the configuration). Meanwhile VAS SOC checks by hand whether {domain} is served by the service (SOP 4.2 step 3).',
  'mailtest.investigation.bounce_text.title': 'Bounce pasted with the complaint',
  'mailtest.investigation.bounce_text.pass':
    'The pasted message reports a successful delivery ({status}): {meaning}.',
  'mailtest.investigation.bounce_text.warn':
    'The pasted message reports a temporary failure ({status}): {meaning}. The server said: {diagnostic}',
  'mailtest.investigation.bounce_text.fail':
    'The pasted message reports a permanent failure ({status}): {meaning}. The server said: {diagnostic}',
  'mailtest.investigation.bounce_text.untested':
    'The complaint has no bounce the bot could read (none was pasted, or it states no delivery status).',
  'mailtest.investigation.bounce_text.fix':
    'Act on what the bounce says (the other checks show whether the domain itself is at fault); if there is none, ask the requester for the non-delivery report they received.',

  'mailtest.investigation.checks.title': 'Automated checks',
  'mailtest.investigation.checks.pass': 'The automated checks finished.',
  'mailtest.investigation.checks.warn': 'The automated checks finished with warnings.',
  'mailtest.investigation.checks.fail': 'The automated checks failed.',
  'mailtest.investigation.checks.untested':
    'The checks stopped with an internal error (reference {reference}); only what was tested before is shown.',
  'mailtest.investigation.checks.fix':
    'VAS SOC tests by hand (SOP 4.2 step 3); the system administrator finds the error in the log by its reference.',

  'card.investigation.title': 'Automated investigation (SOP 4.2 step 3)',
  'card.investigation.running.investigation': 'Investigating… started at {at}',
  'card.investigation.running.recheck': 'Re-checking after it was marked resolved… started at {at}',
  'card.investigation.running.checklist': 'Daily checklist running… started at {at}',
  'card.investigation.result.investigation': 'Investigation results, {at}:',
  'card.investigation.result.recheck': 'Re-check results, {at}:',
  'card.investigation.result.checklist': 'Daily checklist results, {at}:',
  'card.investigation.counts': '{fail} failed · {warn} warned · {untested} could not test · {pass} passed',
  'card.investigation.stopped':
    'The checks stopped with an internal error; only what was tested before is shown.',
  'card.investigation.nothing_to_fix': 'No check failed or warned.',
  'card.investigation.untested.investigation':
    'mailops could not test these, so VAS SOC tests them by hand (SOP 4.2 step 3): {checks}.',
  'card.investigation.untested.recheck':
    "mailops could not test these again, so the requester's own test (SOP 4.2 step 7) decides them: {checks}.",
  'card.investigation.untested.checklist':
    'The daily checklist could not test these, so VAS SOC tests them by hand (SOP 4.2 step 3): {checks}.',
  'card.investigation.fix': 'How to fix:',
  'card.investigation.bounce': 'Bounce pasted with the complaint:',
  'card.investigation.changes': 'Before → after it was marked resolved:',
  'card.investigation.no_changes': 'No check failed or warned, before or after.',
  'card.investigation.not_run': 'not tested',
  'card.investigation.change.fixed': 'fixed',
  'card.investigation.change.still_failing': 'still failing',
  'card.investigation.change.not_retested': 'could not re-test',
  'card.investigation.change.new_problem': 'new problem',

  'investigation.details.still_failing':
    "mailops' re-check after the complaint was marked resolved still finds problems: {checks}.",
  'investigation.details.not_run':
    "mailops' re-check could not run, so the fix cannot be confirmed. Please test by hand.",
};

export const investigation = { ms, en };
