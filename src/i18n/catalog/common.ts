// Texts shared across the product: role and language names, generic words, and the SLA reminders and
// escalations of flows/sla.ts. The CLI's own texts (`mailops config check` among them) are in cli.ts.
// `{name}` is a parameter; every key has the same parameters in both languages (test/i18n).

const ms = {
  'role.requester': 'Pemohon (Pentadbir UC Agensi)',
  'role.manager': 'Pengurus (penyokong permohonan)',
  'role.service_desk': 'Meja Bantuan',
  'role.approver': 'Pelulus',
  'role.soc': 'Pusat Operasi Keselamatan (SOC)',
  'role.vendor': 'Vendor',
  'role.admin': 'Pentadbir sistem',

  'locale.ms': 'Bahasa Melayu',
  'locale.en': 'Bahasa Inggeris',

  'common.yes': 'Ya',
  'common.no': 'Tidak',
  'common.none': 'Tiada',
  'common.unknown': 'Tidak diketahui',
  'common.cancel': 'Batal',
  'common.submit': 'Hantar',
  'common.confirm': 'Sahkan',
  'common.close': 'Tutup',
  'common.processing': 'Sedang diproses…',
  'common.more': 'dan {count} lagi',
  'common.business_hours': '{hours} jam bekerja',
  'common.error_reference': 'Ralat berlaku. Rujukan: {ref}. Sila cuba lagi atau hubungi meja bantuan.',
  'common.prefill_shortened':
    '{field}: teks yang anda taip dipendekkan kepada {max} aksara, iaitu had medan ini. Semak hujungnya sebelum menghantar borang.',

  'sla.remind.awaiting_endorsement':
    'Peringatan {count}/{max}: permohonan {number} menunggu sokongan anda melebihi {hours} jam bekerja. Sila sokong atau tidak sokong permohonan ini.',
  'sla.remind.awaiting_approval':
    'Peringatan {count}/{max}: permohonan perubahan {number} menunggu keputusan melebihi {hours} jam bekerja. Sila luluskan atau tolak.',
  'sla.remind.awaiting_implementation':
    'Peringatan {count}/{max}: permohonan {number} yang diluluskan belum dimulakan selepas {hours} jam bekerja. Sila mulakan pelaksanaan.',
  'sla.remind.implementing':
    'Peringatan {count}/{max}: pelaksanaan {number} melebihi {hours} jam bekerja. Sila tandakan selesai atau laporkan kepada vendor.',
  'sla.remind.escalated_to_vendor':
    'Peringatan {count}/{max}: tiket {number} berada dengan vendor melebihi {hours} jam bekerja. Sila rekod tindakan yang telah diambil.',
  'sla.remind.awaiting_confirmation':
    'Peringatan {count}/{max}: tiket {number} menunggu pengesahan anda melebihi {hours} jam bekerja. Sila uji dan sahkan sama ada masalah telah selesai. Tarikh akhir telah berlalu, jadi Meja Bantuan 1GovUC kini boleh menutup tiket ini tanpa pengesahan anda.',
  'sla.remind.awaiting_recheck':
    'Peringatan {count}/{max}: aduan {number}, yang dibuka oleh mailops, masih menunggu keputusan semakan semula mailops selepas {hours} jam bekerja. Anda tidak perlu menguji apa-apa: aduan ini ditutup atau dikembalikan kepada VAS SOC sebaik sahaja semakan selesai. Sila maklumkan kepada pentadbir sistem mailops kerana semakan automatiknya mungkin telah terhenti.',
  'sla.remind.investigating':
    'Peringatan {count}/{max}: aduan {number} (e-mel tidak dapat dihantar atau diterima) masih disiasat selepas {hours} jam bekerja. Sila rekod hasil siasatan.',

  'sla.escalate.awaiting_endorsement':
    'Eskalasi: permohonan {number} belum disokong dan telah melepasi SLA {hours} jam bekerja sebanyak {overdue} jam. Sila hubungi pengurus yang dinamakan.',
  'sla.escalate.awaiting_approval':
    'Eskalasi: permohonan perubahan {number} belum diputuskan dan telah melepasi SLA {hours} jam bekerja sebanyak {overdue} jam. Sila hubungi pelulus.',
  'sla.escalate.awaiting_implementation':
    'Eskalasi: permohonan {number} yang diluluskan belum dimulakan dan telah melepasi SLA {hours} jam bekerja sebanyak {overdue} jam. Sila hubungi SOC.',
  'sla.escalate.implementing':
    'Eskalasi: pelaksanaan {number} belum selesai dan telah melepasi SLA {hours} jam bekerja sebanyak {overdue} jam. Sila hubungi SOC.',
  'sla.escalate.escalated_to_vendor':
    'Eskalasi: tiket {number} masih dengan vendor dan telah melepasi SLA {hours} jam bekerja sebanyak {overdue} jam. Sila hubungi vendor.',
  'sla.escalate.awaiting_confirmation':
    'Eskalasi: pemohon belum mengesahkan tiket {number}; SLA {hours} jam bekerja telah dilepasi sebanyak {overdue} jam. Sila hubungi pemohon, atau tutup tiket tanpa pengesahan dengan catatan (butang Tutup tanpa pengesahan pada kad tiket).',
  'sla.escalate.awaiting_recheck':
    'Eskalasi: semakan semula mailops bagi aduan {number}, yang dibuka oleh mailops, belum selesai; SLA {hours} jam bekerja telah dilepasi sebanyak {overdue} jam. Sila maklumkan kepada pentadbir sistem mailops kerana semakan automatiknya mungkin telah terhenti.',
  'sla.escalate.investigating':
    'Eskalasi: aduan {number} masih disiasat dan telah melepasi SLA {hours} jam bekerja sebanyak {overdue} jam. Sila hubungi SOC.',
};

const en: Record<keyof typeof ms, string> = {
  'role.requester': 'Requester (agency UC administrator)',
  'role.manager': 'Manager (endorses the request)',
  'role.service_desk': 'Service desk',
  'role.approver': 'Approver',
  'role.soc': 'Security operations centre (SOC)',
  'role.vendor': 'Vendor',
  'role.admin': 'Administrator',

  'locale.ms': 'Malay',
  'locale.en': 'English',

  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': 'None',
  'common.unknown': 'Unknown',
  'common.cancel': 'Cancel',
  'common.submit': 'Submit',
  'common.confirm': 'Confirm',
  'common.close': 'Close',
  'common.processing': 'Processing…',
  'common.more': 'and {count} more',
  'common.business_hours': '{hours} business hours',
  'common.error_reference':
    'Something went wrong. Reference: {ref}. Please try again or contact the service desk.',
  'common.prefill_shortened':
    "{field}: the text you typed was shortened to {max} characters, this field's limit. Check its end before you send the form.",

  'sla.remind.awaiting_endorsement':
    'Reminder {count}/{max}: request {number} has waited more than {hours} business hours for your endorsement. Please endorse or decline it.',
  'sla.remind.awaiting_approval':
    'Reminder {count}/{max}: change request {number} has waited more than {hours} business hours for a decision. Please approve or reject it.',
  'sla.remind.awaiting_implementation':
    'Reminder {count}/{max}: approved request {number} has not been started after {hours} business hours. Please start the implementation.',
  'sla.remind.implementing':
    'Reminder {count}/{max}: implementing {number} has taken more than {hours} business hours. Please mark it done or report it to the vendor.',
  'sla.remind.escalated_to_vendor':
    'Reminder {count}/{max}: ticket {number} has been with the vendor for more than {hours} business hours. Please record what has been done.',
  'sla.remind.awaiting_confirmation':
    'Reminder {count}/{max}: ticket {number} has waited more than {hours} business hours for your confirmation. Please test and confirm whether it is solved. The deadline has passed, so the 1GovUC service desk may now close this ticket without your confirmation.',
  'sla.remind.awaiting_recheck':
    'Reminder {count}/{max}: complaint {number}, which mailops opened, has waited more than {hours} business hours for the result of the mailops re-check. You need not test anything: the complaint closes or goes back to VAS SOC as soon as the re-check finishes. Please tell the mailops administrator: its automated checks may have stopped.',
  'sla.remind.investigating':
    'Reminder {count}/{max}: complaint {number} (e-mail cannot be sent or received) is still under investigation after {hours} business hours. Please record the findings.',

  'sla.escalate.awaiting_endorsement':
    'Escalation: request {number} is not endorsed yet and is {overdue} hours past its {hours} business-hour SLA. Please follow up with the named manager.',
  'sla.escalate.awaiting_approval':
    'Escalation: change request {number} has no decision yet and is {overdue} hours past its {hours} business-hour SLA. Please follow up with the approvers.',
  'sla.escalate.awaiting_implementation':
    'Escalation: approved request {number} has not been started and is {overdue} hours past its {hours} business-hour SLA. Please follow up with SOC.',
  'sla.escalate.implementing':
    'Escalation: implementing {number} is not finished and is {overdue} hours past its {hours} business-hour SLA. Please follow up with SOC.',
  'sla.escalate.escalated_to_vendor':
    'Escalation: ticket {number} is still with the vendor and is {overdue} hours past its {hours} business-hour SLA. Please follow up with the vendor.',
  'sla.escalate.awaiting_confirmation':
    'Escalation: the requester has not confirmed ticket {number}, which is {overdue} hours past its {hours} business-hour SLA. Please follow up with the requester, or close the ticket unconfirmed with a note (Close unconfirmed on the ticket card).',
  'sla.escalate.awaiting_recheck':
    'Escalation: the mailops re-check of complaint {number}, which mailops opened, has not finished and is {overdue} hours past its {hours} business-hour SLA. Please tell the mailops administrator: its automated checks may have stopped.',
  'sla.escalate.investigating':
    'Escalation: complaint {number} is still under investigation and is {overdue} hours past its {hours} business-hour SLA. Please follow up with SOC.',
};

export const common = { ms, en };
