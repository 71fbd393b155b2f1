import type { FlowMessageKey } from '../../../flows/flow-messages.ts';

// Texts of every key the SOP flows emit (flows/flow-messages.ts): refusals, per-field form errors, the
// notifications of SOP 4.1 and 4.2, and state and action labels. Malay is the service's language and uses
// the SOP's own terms; typing both tables by FlowMessageKey makes a missing text a compile error.
// `{name}` is a parameter; test/flows holds both languages to the params each key is emitted with.

const ms: Record<FlowMessageKey, string> = {
  'refusal.wrong_role': 'Tindakan ini hanya boleh diambil oleh peranan {role}.',
  'refusal.not_named_manager':
    'Hanya pengurus yang dinamakan dalam borang permohonan boleh menyokong atau tidak menyokong permohonan ini.',
  'refusal.own_request': 'Anda tidak boleh menyokong atau meluluskan permohonan anda sendiri.',
  'refusal.approver_cannot_implement':
    'Anda telah meluluskan permohonan ini, jadi anda tidak boleh melaksanakannya. Pelaksanaan perlu dibuat oleh pegawai VAS SOC yang lain (pengasingan tugas).',
  'refusal.endorser_cannot_approve':
    'Anda telah menyokong permohonan ini bagi pihak agensi (Seksyen A), jadi anda tidak boleh meluluskan atau menolaknya (Seksyen C). Keputusan perlu dibuat oleh pegawai MAMPU/JDN yang lain (pengasingan tugas).',
  'refusal.requester_cannot_implement':
    'Anda ialah pemohon perubahan ini, jadi anda tidak boleh melaksanakannya atau merekodkan Seksyen B dan D. Pelaksanaan perlu dibuat oleh pegawai VAS SOC yang lain (pengasingan tugas).',
  'refusal.requester_cannot_resolve':
    'Anda yang membuat aduan ini, jadi anda tidak boleh menandakannya selesai: anda yang akan mengujinya dan mengesahkannya. Penyelesaian perlu ditandakan oleh pegawai lain (pengasingan tugas).',
  'refusal.confirmation_not_overdue':
    'Pemohon masih mempunyai masa untuk menguji dan mengesahkan tiket ini sehingga {dueAt}. Meja Bantuan 1GovUC hanya boleh menutupnya tanpa pengesahan selepas tarikh akhir itu.',
  'refusal.no_confirmation_deadline':
    'Tiket ini tiada tarikh akhir pengesahan (SLA bagi menunggu pengesahan dimatikan), jadi Meja Bantuan 1GovUC tidak boleh menutupnya tanpa pengesahan. Sila hubungi pemohon supaya mengesahkan atau melaporkan hasil ujian.',
  'refusal.not_requester':
    'Hanya pemohon (Pentadbir UC Agensi) yang membuka tiket ini boleh mengambil tindakan ini.',
  'refusal.system_only':
    'Langkah ini diambil oleh mailops sendiri (siasatan automatik); tiada pengguna boleh mengambilnya.',
  'refusal.illegal_transition': 'Tindakan ini tidak boleh diambil semasa tiket berstatus {state}.',
  'refusal.ticket_finished': 'Tiket ini telah tamat ({state}); tiada tindakan lanjut boleh diambil.',
  'refusal.invalid_input':
    'Sebahagian maklumat tidak sah. Sila betulkan medan yang ditandakan dan hantar semula.',
  'refusal.version_conflict':
    'Tiket ini baru sahaja dikemas kini oleh orang lain. Sila semak status terkini sebelum bertindak.',

  'next.by_role': 'Tindakan seterusnya oleh {role}: {actions}.',
  'next.yours': 'Tindakan yang boleh anda ambil sekarang: {actions}.',
  'next.none': 'Tiada tindakan yang boleh anda ambil pada tiket ini sekarang.',

  'form.error.required': 'Medan ini wajib diisi.',
  'form.error.too_long': 'Terlalu panjang: maksimum {max} aksara.',
  'form.error.invalid': 'Nilai ini tidak sah.',
  'form.error.invalid_choice': 'Sila pilih salah satu pilihan yang disenaraikan.',
  'form.error.invalid_email': 'Alamat e-mel tidak sah.',
  'form.error.invalid_phone': 'Nombor telefon tidak sah: gunakan 7–20 aksara (digit, ruang, + atau -).',
  'form.error.invalid_date': 'Tarikh atau masa tidak sah. Pilih tarikh dan masa dengan pemilih tarikh.',
  'form.error.invalid_domain': 'Nama domain tidak sah (contoh: agensi.gov.my).',
  'form.error.end_before_start': 'Tarikh dan masa tamat mesti selepas tarikh dan masa mula.',
  'form.error.in_future': 'Masa ini belum berlaku: masukkan masa sebenar yang telah berlalu.',
  'form.error.in_past': 'Masa ini telah berlalu: pilih tarikh dan masa yang akan datang.',
  'form.error.time_required': 'Pilih masa juga, bukan tarikh sahaja.',
  'form.error.before_approval':
    'Masa ini lebih awal daripada kelulusan permohonan (Seksyen C): perubahan hanya dilaksanakan selepas diluluskan oleh MAMPU/JDN.',
  'form.error.too_long_ago': 'Tarikh ini lebih daripada setahun yang lalu: sila semak tahun yang dimasukkan.',
  'form.error.comments_required_on_reject': 'Sila nyatakan ulasan apabila permohonan tidak diluluskan.',
  'form.error.pir_required':
    'Sila isi Kajian Semula Pasca Pelaksanaan (Post Implementation Review) kerana pelaksanaan tidak berjaya.',
  'form.error.other_text_required': 'Sila nyatakan jenis permohonan apabila memilih "Lain-lain".',
  'form.error.manager_required':
    'Maklumat pengurus yang menyokong permohonan (Pengurus dan ke atas) wajib diisi.',
  'form.error.manager_is_requester':
    'Anda tidak boleh menamakan diri sendiri sebagai pengurus yang menyokong permohonan anda.',
  'form.error.manager_not_listed':
    'Pilih pengurus yang menyokong daripada senarai: hanya pengurus yang didaftarkan dalam mailops boleh menyokong permohonan. Jika pengurus anda tiada dalam senarai, sila minta pentadbir sistem mailops mendaftarkannya.',
  'form.error.unknown_run': 'Ujian ini bukan milik tiket ini.',
  'form.error.run_not_finished': 'Ujian ini belum selesai.',
  'form.error.run_already_recorded': 'Hasil ujian ini telah pun direkodkan pada tiket.',

  'notify.cr.submitted_for_endorsement':
    'Permohonan perubahan polisi anda telah dihantar kepada {manager} untuk sokongan, dan Meja Bantuan 1GovUC telah membuka tiketnya. Selepas disokong, kelulusan MAMPU/JDN akan dipohon.',
  'notify.cr.endorsement_requested':
    '{requester} ({unit}) memohon sokongan anda bagi permohonan perubahan polisi anti-spam/anti-virus. Sila sokong atau tidak sokong permohonan ini.',
  'notify.cr.submitted':
    'Permohonan perubahan polisi anda telah diterima. Meja Bantuan 1GovUC telah membuka tiket dan memohon kelulusan MAMPU/JDN.',
  'notify.cr.opened': 'Tiket permohonan perubahan polisi baharu daripada {requester} ({unit}).',
  'notify.cr.approval_requested':
    'Permohonan perubahan polisi daripada {requester} ({unit}) menunggu kelulusan anda. Sila luluskan, atau tolak dengan ulasan.',
  'notify.cr.endorsed':
    'Permohonan {number} telah disokong oleh {manager} dan kini menunggu kelulusan MAMPU/JDN.',
  'notify.cr.approval_requested_endorsed':
    'Permohonan perubahan polisi {number} yang disokong oleh {manager} menunggu kelulusan anda. Sila luluskan, atau tolak dengan ulasan.',
  'notify.cr.not_endorsed':
    'Permohonan {number} tidak disokong oleh {manager}. Sebab: {reason}. Permohonan ini tidak dihantar kepada MAMPU/JDN; anda boleh mengemukakan permohonan baharu.',
  'notify.cr.approved':
    'Permohonan {number} telah diluluskan oleh {approver} dan disalurkan kepada VAS SOC untuk pelaksanaan.',
  'notify.cr.routed_to_soc':
    'Permohonan perubahan polisi {number} telah diluluskan oleh MAMPU/JDN. Sila laksanakan perubahan dan isi Seksyen B.',
  'notify.cr.rejected':
    'Permohonan {number} tidak diluluskan oleh {approver}. Ulasan: {comments}. Tiket ini telah tamat; anda boleh mengemukakan permohonan baharu.',
  'notify.cr.implementation_started':
    'Pelaksanaan permohonan {number} telah dimulakan oleh {implementer} (VAS SOC). Anda akan diminta membuat pengujian apabila selesai.',
  'notify.cr.escalated':
    'VAS SOC telah melaporkan permohonan {number} kepada vendor untuk penyelesaian. Anda akan dimaklumkan apabila selesai.',
  'notify.cr.vendor_escalation':
    'VAS SOC memerlukan bantuan anda bagi permohonan perubahan polisi {number}: {request}. Sila rekodkan tindakan anda apabila selesai.',
  'notify.cr.vendor_resolved':
    'Vendor ({vendor}) telah menyelesaikan tindakannya bagi permohonan {number}: {notes}. Sila lengkapkan pelaksanaan dan isi Seksyen D.',
  'notify.cr.implementation_unsuccessful':
    'Pelaksanaan permohonan {number} oleh {implementer} tidak berjaya. VAS SOC akan mencuba semula atau melaporkannya kepada vendor.',
  'notify.cr.confirmation_requested':
    'Perubahan bagi permohonan {number} telah dilaksanakan. Sila buat pengujian, kemudian sahkan ia berfungsi atau laporkan jika masih bermasalah.',
  'notify.cr.closed': 'Pemohon telah mengesahkan permohonan {number}. Tiket telah ditutup.',
  'notify.cr.closed_announcement':
    'Permohonan perubahan polisi {number} telah dilaksanakan, disahkan oleh pemohon dan ditutup.',
  'notify.cr.still_failing':
    'Pemohon melaporkan permohonan {number} masih bermasalah selepas pengujian: {details}. Sila laksanakan semula.',
  'notify.cr.still_failing_desk':
    'Pemohon melaporkan permohonan {number} masih bermasalah selepas pengujian: {details}. mailops telah melaporkannya kepada VAS SOC bagi pihak Meja Bantuan 1GovUC untuk dilaksanakan semula.',
  'notify.cr.withdrawn':
    'Permohonan {number} telah ditarik balik oleh pemohon. Tiada tindakan lanjut diperlukan.',
  'notify.cr.closed_unconfirmed':
    'Meja Bantuan 1GovUC ({closedBy}) telah menutup permohonan {number} tanpa pengesahan anda kerana tiada jawapan diterima sebelum {dueAt}. Catatan: {note}. Jika perubahan masih bermasalah, sila kemukakan permohonan baharu.',
  'notify.cr.closed_unconfirmed_announcement':
    'Permohonan perubahan polisi {number} telah ditutup oleh Meja Bantuan 1GovUC tanpa pengesahan pemohon: tiada pengesahan diterima sebelum {dueAt}.',

  'notify.ad.submitted':
    'Aduan anda bagi domain {domain} telah diterima. Meja Bantuan 1GovUC telah membuka tiket dan VAS SOC akan menjalankan siasatan.',
  'notify.ad.opened':
    'Tiket aduan e-mel baharu daripada {requester}: e-mel tidak dapat dihantar atau diterima bagi domain {domain}.',
  'notify.ad.investigation_requested':
    'Aduan baharu: e-mel tidak dapat dihantar atau diterima bagi domain {domain}. Sila jalankan siasatan dan rekodkan hasilnya.',
  'notify.ad.findings_recorded':
    'VAS SOC telah merekodkan hasil siasatan dan pengujian bagi aduan {number}: {findings}',
  'notify.ad.escalated':
    'VAS SOC telah melaporkan aduan {number} kepada vendor untuk penyelesaian. Anda akan dimaklumkan apabila selesai.',
  'notify.ad.vendor_escalation':
    'VAS SOC memerlukan bantuan anda bagi aduan e-mel {number}: {request}. Sila rekodkan tindakan anda apabila selesai.',
  'notify.ad.vendor_resolved':
    'Vendor ({vendor}) telah menyelesaikan tindakannya bagi aduan {number}: {notes}. Sila semak dan tandakan aduan sebagai selesai.',
  'notify.ad.confirmation_requested':
    'VAS SOC telah menandakan aduan {number} selesai. Sila uji penghantaran dan penerimaan e-mel, kemudian sahkan atau laporkan jika masih bermasalah.',
  'notify.ad.closed': 'Pemohon telah mengesahkan aduan {number} selesai. Tiket telah ditutup.',
  'notify.ad.closed_announcement':
    'Aduan e-mel {number} telah diselesaikan, disahkan oleh pemohon dan ditutup.',
  'notify.ad.still_failing':
    'Pemohon melaporkan aduan {number} masih bermasalah selepas pengujian: {details}. Sila siasat semula.',
  'notify.ad.still_failing_desk':
    'Pemohon melaporkan aduan {number} masih bermasalah selepas pengujian: {details}. mailops telah melaporkannya kepada VAS SOC bagi pihak Meja Bantuan 1GovUC untuk siasatan semula, dan sedang mengulang semakan automatiknya.',
  'notify.ad.withdrawn': 'Aduan {number} telah ditarik balik oleh pemohon. Tiada tindakan lanjut diperlukan.',
  'notify.ad.closed_unconfirmed':
    'Meja Bantuan 1GovUC ({closedBy}) telah menutup aduan {number} tanpa pengesahan anda kerana tiada jawapan diterima sebelum {dueAt}. Catatan: {note}. Jika e-mel masih tidak dapat dihantar atau diterima, sila buat aduan baharu.',
  'notify.ad.closed_unconfirmed_announcement':
    'Aduan e-mel {number} telah ditutup oleh Meja Bantuan 1GovUC tanpa pengesahan pemohon: tiada pengesahan diterima sebelum {dueAt}.',
  'notify.ad.investigation_recorded':
    'mailops telah menjalankan siasatan automatik bagi aduan {number}: {fail} gagal, {warn} amaran, {untested} tidak dapat diuji, {pass} lulus. Hasilnya dipaparkan pada kad tiket.',
  'notify.ad.investigation_failures':
    'Siasatan automatik aduan {number} mendapati {fail} semakan gagal. Sila semak hasil dan cara membetulkannya pada kad tiket, kemudian teruskan siasatan.',
  'notify.ad.investigation_not_run':
    'Siasatan automatik aduan {number} tidak dapat dijalankan kerana ralat dalaman. VAS SOC perlu membuat pengujian secara manual.',
  'notify.ad.resolved_rechecking':
    'VAS SOC telah menandakan aduan {number} selesai. mailops sedang mengulang semakan yang sama; anda akan diminta membuat pengujian dan mengesahkannya bersama hasil semakan tersebut.',
  'notify.ad.recheck_recorded':
    'Semakan semula aduan {number} selepas ditandakan selesai: {fixed} telah dibetulkan, {stillFailing} masih gagal, {newProblems} masalah baharu, {untested} tidak dapat diuji semula.',
  'notify.ad.recheck_failures':
    'Aduan {number} telah ditandakan selesai, tetapi semakan semula mendapati {stillFailing} semakan masih gagal dan {newProblems} masalah baharu. Sila semak kad tiket.',
  'notify.ad.recheck_confirmation_requested':
    'VAS SOC telah menandakan aduan {number} selesai dan mailops telah mengulang semakan: {fixed} telah dibetulkan, {stillFailing} masih gagal, {untested} tidak dapat diuji semula (ujian anda yang menentukannya). Sila uji penghantaran dan penerimaan e-mel, kemudian sahkan atau laporkan jika masih bermasalah.',
  'notify.ad.closed_by_recheck':
    'Aduan {number} dibuka oleh mailops bagi semakan harian yang gagal. Semakan semula mailops kini lulus, jadi mailops telah menutup tiket ini tanpa pengesahan pemohon.',
  'notify.ad.closed_by_recheck_announcement':
    'Aduan e-mel {number} (dibuka oleh mailops bagi semakan harian yang gagal) telah ditutup oleh mailops selepas semakan semulanya lulus.',
  'notify.ad.recheck_still_failing':
    'Semakan semula mailops mendapati aduan {number}, yang dibuka oleh mailops, masih bermasalah: {details}. Aduan ini kembali kepada VAS SOC; sila siasat semula.',
  'notify.ad.recheck_still_failing_desk':
    'Semakan semula mailops mendapati aduan {number}, yang dibuka oleh mailops, masih bermasalah: {details}. mailops telah melaporkannya kepada VAS SOC bagi pihak Meja Bantuan 1GovUC untuk siasatan semula.',
  'notify.ad.check_failed_opened':
    'Senarai semak harian mendapati semakan yang gagal bagi domain {domain}. mailops telah membuka tiket aduan bagi pihak perkhidmatan.',
  'notify.ad.check_failed_investigation_requested':
    'Senarai semak harian mendapati semakan yang gagal bagi domain {domain}. Hasil semakan dipaparkan pada kad tiket; sila jalankan siasatan.',

  'state.awaiting_endorsement': 'Menunggu sokongan pengurus',
  'state.awaiting_approval': 'Menunggu kelulusan MAMPU/JDN',
  'state.awaiting_implementation': 'Menunggu pelaksanaan VAS SOC',
  'state.implementing': 'Dalam pelaksanaan',
  'state.escalated_to_vendor': 'Dirujuk kepada vendor',
  'state.awaiting_confirmation': 'Menunggu pengesahan pemohon',
  'state.closed': 'Ditutup',
  'state.rejected': 'Tidak diluluskan',
  'state.not_endorsed': 'Tidak disokong',
  'state.withdrawn': 'Ditarik balik',
  'state.investigating': 'Dalam siasatan VAS SOC',

  'action.submit_change_request': 'Hantar permohonan perubahan',
  'action.endorse': 'Sokong',
  'action.decline_endorsement': 'Tidak sokong',
  'action.approve': 'Luluskan',
  'action.reject': 'Tolak',
  'action.start_implementation': 'Mulakan pelaksanaan',
  'action.mark_implemented': 'Rekod pasca pelaksanaan',
  'action.submit_complaint': 'Hantar aduan',
  'action.record_findings': 'Rekod hasil siasatan',
  'action.mark_resolved': 'Tandakan selesai',
  'action.escalate_to_vendor': 'Rujuk kepada vendor',
  'action.vendor_resolved': 'Vendor selesai',
  'action.confirm_resolved': 'Sahkan selesai',
  'action.report_still_failing': 'Laporkan masih bermasalah',
  'action.withdraw': 'Tarik balik',
  'action.close_unconfirmed': 'Tutup tanpa pengesahan',
  'action.record_investigation': 'Rekod siasatan automatik',
  'action.report_failed_check': 'Laporkan semakan harian yang gagal',
};

const en: Record<FlowMessageKey, string> = {
  'refusal.wrong_role': 'Only the {role} role can take this action.',
  'refusal.not_named_manager':
    'Only the manager named on the request form can endorse or decline this request.',
  'refusal.own_request': 'You cannot endorse or approve your own request.',
  'refusal.approver_cannot_implement':
    'You approved this request, so you cannot implement it. Another VAS SOC officer must carry it out (separation of duties).',
  'refusal.endorser_cannot_approve':
    'You endorsed this request for the agency (Section A), so you cannot approve or reject it (Section C). Another MAMPU/JDN officer must decide (separation of duties).',
  'refusal.requester_cannot_implement':
    'You requested this change, so you cannot implement it or record Sections B and D. Another VAS SOC officer must carry it out (separation of duties).',
  'refusal.requester_cannot_resolve':
    'You made this complaint, so you cannot mark it resolved: you are the one who tests and confirms it. Another officer must mark it resolved (separation of duties).',
  'refusal.confirmation_not_overdue':
    'The requester still has until {dueAt} to test and confirm this ticket. The 1GovUC Service Desk can close it without confirmation only after that deadline.',
  'refusal.no_confirmation_deadline':
    'This ticket has no confirmation deadline (the SLA for awaiting confirmation is switched off), so the 1GovUC Service Desk cannot close it without confirmation. Please ask the requester to confirm or report the test result.',
  'refusal.not_requester':
    'Only the requester (the agency UC administrator) who raised this ticket can take this action.',
  'refusal.system_only': 'mailops takes this step itself (the automated investigation); no user can take it.',
  'refusal.illegal_transition': 'This action does not apply while the ticket is {state}.',
  'refusal.ticket_finished': 'This ticket has ended ({state}); no further action can be taken.',
  'refusal.invalid_input':
    'Some of the information is not valid. Please correct the marked fields and submit again.',
  'refusal.version_conflict':
    'Someone else has just updated this ticket. Please check its current status before acting.',

  'next.by_role': 'Next step, for {role}: {actions}.',
  'next.yours': 'What you can do now: {actions}.',
  'next.none': 'There is nothing for you to do on this ticket now.',

  'form.error.required': 'This field is required.',
  'form.error.too_long': 'Too long: at most {max} characters.',
  'form.error.invalid': 'This value is not valid.',
  'form.error.invalid_choice': 'Please choose one of the listed options.',
  'form.error.invalid_email': 'This is not a valid e-mail address.',
  'form.error.invalid_phone': 'Not a valid phone number: use 7–20 characters (digits, spaces, + or -).',
  'form.error.invalid_date': 'Not a valid date or time. Choose the date and time with the date picker.',
  'form.error.invalid_domain': 'Not a valid domain name (for example agensi.gov.my).',
  'form.error.end_before_start': 'The end date and time must be after the start.',
  'form.error.in_future': 'This time has not happened yet: enter the actual time, which must be in the past.',
  'form.error.in_past': 'This time has already passed: choose a date and time still to come.',
  'form.error.time_required': 'Choose the time as well as the date.',
  'form.error.before_approval':
    'This time is before the request was approved (Section C): the change is implemented only after MAMPU/JDN approves it.',
  'form.error.too_long_ago': 'This date is more than a year ago: please check the year you entered.',
  'form.error.comments_required_on_reject': 'Please give comments when the request is not approved.',
  'form.error.pir_required':
    'Please fill in the Post Implementation Review, as the implementation was unsuccessful.',
  'form.error.other_text_required': 'Please specify the type of request when choosing "Others".',
  'form.error.manager_required': 'The details of the endorsing manager (Manager and above) are required.',
  'form.error.manager_is_requester': 'You cannot name yourself as the manager who endorses your own request.',
  'form.error.manager_not_listed':
    'Choose the endorsing manager from the list: only managers registered in mailops can endorse a request. If your manager is not listed, please ask the mailops administrator to register them.',
  'form.error.unknown_run': 'This test run does not belong to this ticket.',
  'form.error.run_not_finished': 'This test run has not finished yet.',
  'form.error.run_already_recorded': 'The results of this test run are already recorded on the ticket.',

  'notify.cr.submitted_for_endorsement':
    'Your policy change request has been sent to {manager} for endorsement, and the 1GovUC Service Desk has opened its ticket. Once it is endorsed, approval is requested from MAMPU/JDN.',
  'notify.cr.endorsement_requested':
    '{requester} ({unit}) asks for your endorsement of an anti-spam/anti-virus policy change request. Please endorse or decline it.',
  'notify.cr.submitted':
    'Your policy change request has been received. The 1GovUC Service Desk has opened a ticket and requested approval from MAMPU/JDN.',
  'notify.cr.opened': 'New policy change request ticket from {requester} ({unit}).',
  'notify.cr.approval_requested':
    'A policy change request from {requester} ({unit}) awaits your approval. Please approve it, or reject it with comments.',
  'notify.cr.endorsed': 'Request {number} was endorsed by {manager} and now awaits approval from MAMPU/JDN.',
  'notify.cr.approval_requested_endorsed':
    'Policy change request {number}, endorsed by {manager}, awaits your approval. Please approve it, or reject it with comments.',
  'notify.cr.not_endorsed':
    'Request {number} was not endorsed by {manager}. Reason: {reason}. It was not sent to MAMPU/JDN; you may submit a new request.',
  'notify.cr.approved':
    'Request {number} was approved by {approver} and routed to VAS SOC for implementation.',
  'notify.cr.routed_to_soc':
    'Policy change request {number} has been approved by MAMPU/JDN. Please implement the change and fill in Section B.',
  'notify.cr.rejected':
    'Request {number} was not approved by {approver}. Comments: {comments}. The ticket has ended; you may submit a new request.',
  'notify.cr.implementation_started':
    'Implementation of request {number} was started by {implementer} (VAS SOC). You will be asked to test it when it is done.',
  'notify.cr.escalated':
    'VAS SOC has reported request {number} to the vendor for resolution. You will be told when it is resolved.',
  'notify.cr.vendor_escalation':
    'VAS SOC needs your help with policy change request {number}: {request}. Please record what you did once it is resolved.',
  'notify.cr.vendor_resolved':
    'The vendor ({vendor}) has completed its part of request {number}: {notes}. Please complete the implementation and fill in Section D.',
  'notify.cr.implementation_unsuccessful':
    'The implementation of request {number} by {implementer} was unsuccessful. VAS SOC will retry or report it to the vendor.',
  'notify.cr.confirmation_requested':
    'The change for request {number} has been implemented. Please test it, then confirm it works or report that it still fails.',
  'notify.cr.closed': 'The requester confirmed request {number}. The ticket is closed.',
  'notify.cr.closed_announcement':
    'Policy change request {number} has been implemented, confirmed by the requester and closed.',
  'notify.cr.still_failing':
    'The requester reports that request {number} still fails after testing: {details}. Please implement it again.',
  'notify.cr.still_failing_desk':
    "The requester reports that request {number} still fails after testing: {details}. mailops has reported it to VAS SOC on the service desk's behalf, to be implemented again.",
  'notify.cr.withdrawn': 'Request {number} was withdrawn by the requester. No further action is needed.',
  'notify.cr.closed_unconfirmed':
    'The 1GovUC Service Desk ({closedBy}) closed request {number} without your confirmation, as no answer came by {dueAt}. Note: {note}. If the change still does not work, please submit a new request.',
  'notify.cr.closed_unconfirmed_announcement':
    "Policy change request {number} was closed by the 1GovUC Service Desk without the requester's confirmation: none came by {dueAt}.",

  'notify.ad.submitted':
    'Your complaint about domain {domain} has been received. The 1GovUC Service Desk has opened a ticket and VAS SOC will investigate.',
  'notify.ad.opened':
    'New e-mail complaint ticket from {requester}: mail cannot be sent or received for domain {domain}.',
  'notify.ad.investigation_requested':
    'New complaint: mail cannot be sent or received for domain {domain}. Please investigate and record the findings.',
  'notify.ad.findings_recorded':
    'VAS SOC has recorded the investigation and test results for complaint {number}: {findings}',
  'notify.ad.escalated':
    'VAS SOC has reported complaint {number} to the vendor for resolution. You will be told when it is resolved.',
  'notify.ad.vendor_escalation':
    'VAS SOC needs your help with e-mail complaint {number}: {request}. Please record what you did once it is resolved.',
  'notify.ad.vendor_resolved':
    'The vendor ({vendor}) has completed its part of complaint {number}: {notes}. Please check and mark the complaint resolved.',
  'notify.ad.confirmation_requested':
    'VAS SOC has marked complaint {number} resolved. Please test sending and receiving mail, then confirm or report that it still fails.',
  'notify.ad.closed': 'The requester confirmed complaint {number} is resolved. The ticket is closed.',
  'notify.ad.closed_announcement':
    'E-mail complaint {number} has been resolved, confirmed by the requester and closed.',
  'notify.ad.still_failing':
    'The requester reports that complaint {number} still fails after testing: {details}. Please investigate again.',
  'notify.ad.still_failing_desk':
    "The requester reports that complaint {number} still fails after testing: {details}. mailops has reported it to VAS SOC on the service desk's behalf for a new investigation, and is running its automated checks again.",
  'notify.ad.withdrawn': 'Complaint {number} was withdrawn by the requester. No further action is needed.',
  'notify.ad.closed_unconfirmed':
    'The 1GovUC Service Desk ({closedBy}) closed complaint {number} without your confirmation, as no answer came by {dueAt}. Note: {note}. If mail still cannot be sent or received, please make a new complaint.',
  'notify.ad.closed_unconfirmed_announcement':
    "E-mail complaint {number} was closed by the 1GovUC Service Desk without the requester's confirmation: none came by {dueAt}.",
  'notify.ad.investigation_recorded':
    'mailops ran the automated investigation of complaint {number}: {fail} failed, {warn} warned, {untested} could not be tested, {pass} passed. The results are on the ticket card.',
  'notify.ad.investigation_failures':
    'The automated investigation of complaint {number} found {fail} failing checks. Please read the results and how to fix them on the ticket card, then carry on investigating.',
  'notify.ad.investigation_not_run':
    'The automated investigation of complaint {number} could not run because of an internal error. VAS SOC needs to test by hand.',
  'notify.ad.resolved_rechecking':
    'VAS SOC marked complaint {number} resolved. mailops is running the same checks again; you will be asked to test and confirm, with their results.',
  'notify.ad.recheck_recorded':
    'Re-check of complaint {number} after it was marked resolved: {fixed} fixed, {stillFailing} still failing, {newProblems} new problems, {untested} could not be tested again.',
  'notify.ad.recheck_failures':
    'Complaint {number} was marked resolved, but the re-check found {stillFailing} checks still failing and {newProblems} new problems. Please look at the ticket card.',
  'notify.ad.recheck_confirmation_requested':
    'VAS SOC has marked complaint {number} resolved and mailops checked again: {fixed} fixed, {stillFailing} still failing, {untested} could not be tested again (your test decides those). Please test sending and receiving e-mail, then confirm or report that it still fails.',
  'notify.ad.closed_by_recheck':
    'Complaint {number} was opened by mailops for a failed daily check. The mailops re-check now passes, so mailops has closed the ticket; no requester confirmed it.',
  'notify.ad.closed_by_recheck_announcement':
    'E-mail complaint {number} (opened by mailops for a failed daily check) was closed by mailops after its re-check passed.',
  'notify.ad.recheck_still_failing':
    'The mailops re-check finds complaint {number}, which mailops opened, still failing: {details}. The complaint is back with VAS SOC; please investigate again.',
  'notify.ad.recheck_still_failing_desk':
    "The mailops re-check finds complaint {number}, which mailops opened, still failing: {details}. mailops has reported it to VAS SOC on the service desk's behalf for a new investigation.",
  'notify.ad.check_failed_opened':
    'The daily checklist found a failing check for the domain {domain}. mailops opened a complaint ticket on behalf of the service.',
  'notify.ad.check_failed_investigation_requested':
    'The daily checklist found a failing check for the domain {domain}. The results are on the ticket card; please investigate.',

  'state.awaiting_endorsement': 'Awaiting manager endorsement',
  'state.awaiting_approval': 'Awaiting MAMPU/JDN approval',
  'state.awaiting_implementation': 'Awaiting implementation by VAS SOC',
  'state.implementing': 'Being implemented',
  'state.escalated_to_vendor': 'Escalated to the vendor',
  'state.awaiting_confirmation': "Awaiting the requester's confirmation",
  'state.closed': 'Closed',
  'state.rejected': 'Not approved',
  'state.not_endorsed': 'Not endorsed',
  'state.withdrawn': 'Withdrawn',
  'state.investigating': 'Under investigation by VAS SOC',

  'action.submit_change_request': 'Submit change request',
  'action.endorse': 'Endorse',
  'action.decline_endorsement': 'Decline',
  'action.approve': 'Approve',
  'action.reject': 'Reject',
  'action.start_implementation': 'Start implementation',
  'action.mark_implemented': 'Record post-implementation',
  'action.submit_complaint': 'Submit complaint',
  'action.record_findings': 'Record findings',
  'action.mark_resolved': 'Mark resolved',
  'action.escalate_to_vendor': 'Escalate to vendor',
  'action.vendor_resolved': 'Vendor resolved',
  'action.confirm_resolved': 'Confirm resolved',
  'action.report_still_failing': 'Report still failing',
  'action.withdraw': 'Withdraw',
  'action.close_unconfirmed': 'Close unconfirmed',
  'action.record_investigation': 'Record the automated investigation',
  'action.report_failed_check': 'Report a failed daily check',
};

export const flows = { ms, en };
