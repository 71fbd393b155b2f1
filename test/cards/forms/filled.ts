import type { FormKind, FormValues } from '../../../cards/forms/types.ts';

// Every form filled in as an agency would (Malay texts, Malaysian numbers), as the flat answers a platform
// reads back from a modal or an Adaptive Card: strings, dates with an offset, people as person ids. Blank
// strings are boxes left untouched.

export const FILLED: Record<FormKind, FormValues> = {
  change_request: {
    'requester.name': 'Aminah binti Ali',
    'requester.unit': 'Bahagian Pengurusan Maklumat, KPM',
    'requester.contactNumber': '03-8000 8000',
    'requester.email': 'aminah@moe.gov.my',
    'manager.id': 'u-rahman',
    'manager.name': 'Rahman bin Yusof',
    'manager.designation': 'Ketua Penolong Pengarah',
    'manager.company': 'Kementerian Pendidikan Malaysia',
    'manager.contactNumber': '+60 12-345 6789',
    'manager.email': 'rahman@moe.gov.my',
    requestType: 'add',
    requestTypeOther: '',
    requestedAt: '2025-06-20T09:00:00+08:00',
    description: 'Tambah domain rakan kongsi rakan.edu.my ke senarai putih anti-spam.',
    impactIfNotImplemented: 'E-mel daripada rakan kongsi terus ditanda sebagai spam.',
  },
  complaint: {
    domain: 'moe.gov.my',
    direction: 'cannot_receive',
    exampleSender: 'rakan@gmail.com',
    exampleRecipient: '',
    startedAt: '2025-06-16T07:30:00+08:00',
    bounceText: '550 5.1.1 <aminah@moe.gov.my>: Recipient address rejected',
  },
  decline_endorsement: { reason: 'Sila dapatkan justifikasi daripada unit.' },
  approve: { comments: '' },
  reject: { comments: 'Domain rakan kongsi belum disahkan.' },
  start_implementation: {
    name: '',
    designation: 'Jurutera Keselamatan',
    typeOfChange: 'normal',
    risk: 'low',
    urgency: 'average',
    impact: 'site_department',
    plannedStart: '2025-06-21T22:00:00+08:00',
    plannedEnd: '2025-06-21T23:00:00+08:00',
    activities: 'Tambah rakan.edu.my ke senarai putih pada gateway anti-spam.',
    fallbackPlan: 'Buang entri senarai putih dan pulihkan konfigurasi sebelumnya.',
  },
  mark_implemented: {
    actualStart: '2025-06-16T09:57:00+08:00',
    actualEnd: '2025-06-16T09:59:00+08:00',
    status: 'successful',
    postImplementationReview: '',
  },
  record_findings: { notes: 'MX moe.gov.my menolak e-mel dari luar: 550 5.1.1.' },
  mark_resolved: { notes: 'Peti mel dipulihkan; ujian Gmail → moe.gov.my berjaya.' },
  escalate_to_vendor: { request: 'Gateway menolak konfigurasi senarai putih.' },
  vendor_resolved: { notes: 'Tampalan firmware 7.2.1 dipasang.' },
  report_still_failing: { details: 'E-mel dari rakan.edu.my masih masuk ke kuarantin.' },
  withdraw: { reason: '' },
  close_unconfirmed: {
    note: 'Pemohon tidak menjawab sebelum 18 Jun 2025 walaupun telah diingatkan dua kali.',
  },
};
