import { expect } from 'vitest';
import type { BusinessCalendar } from '../../flows/business-hours.ts';
import {
  type Actor,
  type CheckRunSummary,
  type Decision,
  type Outcome,
  type Refusal,
  SYSTEM_ACTOR,
  type TicketAction,
  type TicketActionType,
  type TicketKind,
  type TicketSnapshot,
  type TicketState,
} from '../../flows/types.ts';

// People, filled-in forms and ticket snapshots for the flow tests. The forms are what an agency would
// really send (Malay texts, Malaysian numbers); values are written out, never derived from flows/.

export const NOW = new Date('2025-06-16T10:00:00+08:00');
/** When the fixture tickets' current wait runs out: two days after NOW, so nobody is overdue yet. */
export const DUE = new Date('2025-06-18T10:00:00+08:00');
/** When MAMPU approved the fixture change requests (Section C): the morning of NOW. */
export const APPROVED_AT = new Date('2025-06-16T09:00:00+08:00');
/** The configured managers a change request may name to endorse (src/platform/endorsing-managers.ts). */
export const MANAGERS: readonly string[] = ['u-rahman', 'u-lim'];
/** The federal working week, with no holidays: the business hours an SLA's wait is counted in. */
export const CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Kuala_Lumpur',
  weekend: ['saturday', 'sunday'],
  workday: { start: '08:30', end: '17:30' },
  holidays: [],
};

const person = (id: string, name: string, roles: Actor['roles']): Actor => ({ id, name, roles });

export const requester = person('u-aminah', 'Aminah binti Ali', ['requester']);
export const otherRequester = person('u-farid', 'Farid bin Osman', ['requester']);
export const manager = person('u-rahman', 'Rahman bin Yusof', ['manager']);
export const otherManager = person('u-lim', 'Lim Wei Ling', ['manager']);
export const approver = person('u-siti', 'Siti Nurhaliza (JDN)', ['approver']);
export const soc = person('u-kumar', 'Kumar a/l Rajan', ['soc']);
export const socWhoApproves = person('u-siti', 'Siti Nurhaliza (JDN)', ['approver', 'soc']);
/** The manager named on the form who also holds MAMPU's approver role. */
export const managerWhoApproves = person('u-rahman', 'Rahman bin Yusof', ['manager', 'approver']);
export const vendor = person('u-vendor', 'Vendor Support', ['vendor']);
export const desk = person('u-desk', 'Meja Bantuan 1GovUC', ['service_desk']);
export const admin = person('u-admin', 'Pentadbir Sistem', ['admin']);
/** The requester who also holds every deciding role: the rules about their own request still apply. */
export const requesterWithAllRoles = person('u-aminah', 'Aminah binti Ali', [
  'requester',
  'manager',
  'approver',
  'soc',
  'vendor',
  'service_desk',
  'admin',
]);

export const sectionA = (overrides: Record<string, unknown> = {}) => ({
  requester: {
    name: 'Aminah binti Ali',
    unit: 'Bahagian Pengurusan Maklumat, KPM',
    contactNumber: '03-8000 8000',
    email: 'aminah@moe.gov.my',
  },
  manager: {
    id: 'u-rahman',
    name: 'Rahman bin Yusof',
    designation: 'Ketua Penolong Pengarah',
    company: 'Kementerian Pendidikan Malaysia',
    contactNumber: '+60 12-345 6789',
    email: 'rahman@moe.gov.my',
  },
  requestType: 'add',
  requestedAt: '2025-06-20T09:00:00+08:00',
  description: 'Tambah domain rakan kongsi rakan.edu.my ke senarai putih anti-spam.',
  impactIfNotImplemented: 'E-mel daripada rakan kongsi terus ditanda sebagai spam.',
  ...overrides,
});

export const sectionB = (overrides: Record<string, unknown> = {}) => ({
  designation: 'Jurutera Keselamatan',
  typeOfChange: 'normal',
  risk: 'low',
  urgency: 'average',
  impact: 'site_department',
  plannedStart: '2025-06-21T22:00:00+08:00',
  plannedEnd: '2025-06-21T23:00:00+08:00',
  activities: 'Tambah rakan.edu.my ke senarai putih pada gateway anti-spam.',
  fallbackPlan: 'Buang entri senarai putih dan pulihkan konfigurasi sebelumnya.',
  ...overrides,
});

// Done in the minutes before NOW: after the approval, also when a test approves at NOW itself.
export const sectionD = (overrides: Record<string, unknown> = {}) => ({
  actualStart: '2025-06-16T09:57:00+08:00',
  actualEnd: '2025-06-16T09:59:00+08:00',
  status: 'successful',
  ...overrides,
});

export const complaintForm = (overrides: Record<string, unknown> = {}) => ({
  domain: 'Moe.Gov.My',
  direction: 'cannot_receive',
  exampleSender: 'rakan@gmail.com',
  exampleRecipient: 'aminah@moe.gov.my',
  startedAt: '2025-06-16T07:30:00+08:00',
  bounceText: '550 5.1.1 <aminah@moe.gov.my>: Recipient address rejected',
  ...overrides,
});

/** The bot's check runs in the flow tests: its investigation, a re-check, and a daily checklist's run. */
export const RUN_IDS = {
  investigation: '0f6c2d3a-5b8e-4c1f-9a7d-2e4b6c8d0a11',
  recheck: '1a7d3e4b-6c9f-4d20-8b8e-3f5c7d9e1b22',
  checklist: '2b8e4f5c-7d0a-4e31-9c9f-4a6d8e0f2c33',
} as const;

export const run = (
  purpose: CheckRunSummary['purpose'],
  overrides: Partial<CheckRunSummary> = {},
): CheckRunSummary => ({
  id: RUN_IDS[purpose],
  purpose,
  status: 'done',
  attached: true,
  recorded: false,
  counts: { pass: 20, warn: 2, fail: 1, untested: 3 },
  compared: null,
  ...overrides,
});

/** A complaint the bot investigated: its investigation run recorded, and whatever runs follow it. */
export function investigated(
  state: TicketState,
  runs: readonly CheckRunSummary[] = [],
  overrides: Partial<TicketSnapshot> = {},
): TicketSnapshot {
  return ticket('complaint', state, {
    investigated: true,
    checkRuns: [run('investigation', { recorded: runs.length > 0 }), ...runs],
    ...overrides,
  });
}

/** A valid action of every type, as the card or modal would send it. */
export const VALID: { readonly [T in TicketActionType]: Extract<TicketAction, { type: T }> } = {
  submit_change_request: {
    type: 'submit_change_request',
    form: sectionA(),
    endorsementRequired: true,
    managers: MANAGERS,
  },
  endorse: { type: 'endorse' },
  decline_endorsement: { type: 'decline_endorsement', reason: 'Sila dapatkan justifikasi daripada unit.' },
  approve: { type: 'approve', sectionC: { comments: 'Diluluskan.' } },
  reject: { type: 'reject', sectionC: { comments: 'Domain rakan kongsi belum disahkan.' } },
  start_implementation: { type: 'start_implementation', sectionB: sectionB() },
  mark_implemented: { type: 'mark_implemented', sectionD: sectionD() },
  submit_complaint: { type: 'submit_complaint', complaint: complaintForm() },
  record_findings: { type: 'record_findings', notes: 'MX moe.gov.my menolak e-mel dari luar: 550 5.1.1.' },
  mark_resolved: { type: 'mark_resolved', notes: 'Peti mel dipulihkan; ujian Gmail → moe.gov.my berjaya.' },
  escalate_to_vendor: { type: 'escalate_to_vendor', request: 'Gateway menolak konfigurasi senarai putih.' },
  vendor_resolved: { type: 'vendor_resolved', notes: 'Tampalan firmware 7.2.1 dipasang.' },
  confirm_resolved: { type: 'confirm_resolved' },
  report_still_failing: {
    type: 'report_still_failing',
    details: 'E-mel dari rakan.edu.my masih masuk ke kuarantin.',
  },
  withdraw: { type: 'withdraw', reason: 'Tidak lagi diperlukan.' },
  close_unconfirmed: {
    type: 'close_unconfirmed',
    note: 'Pemohon tidak menjawab sebelum tarikh akhir walaupun telah diingatkan dua kali.',
  },
  record_investigation: {
    type: 'record_investigation',
    runId: RUN_IDS.investigation,
    purpose: 'investigation',
  },
  report_failed_check: {
    type: 'report_failed_check',
    complaint: complaintForm({
      exampleSender: undefined,
      bounceText: undefined,
      description: 'Senarai semak harian: ujian penghantaran ke moe.gov.my gagal.',
    }),
    runId: RUN_IDS.checklist,
  },
};

/** Someone allowed to take each action on the tickets below. */
export const ACTOR_FOR: { readonly [T in TicketActionType]: Actor } = {
  submit_change_request: requester,
  endorse: manager,
  decline_endorsement: manager,
  approve: approver,
  reject: approver,
  start_implementation: soc,
  mark_implemented: soc,
  submit_complaint: requester,
  record_findings: soc,
  mark_resolved: soc,
  escalate_to_vendor: soc,
  vendor_resolved: vendor,
  confirm_resolved: requester,
  report_still_failing: requester,
  withdraw: requester,
  close_unconfirmed: desk,
  record_investigation: SYSTEM_ACTOR,
  report_failed_check: SYSTEM_ACTOR,
};

export function ticket(
  kind: TicketKind,
  state: TicketState,
  overrides: Partial<TicketSnapshot> = {},
): TicketSnapshot {
  return {
    id: 'tkt-1',
    kind,
    number: kind === 'change_request' ? 'CR-2025-000042' : 'AD-2025-000042',
    state,
    version: 3,
    requesterId: requester.id,
    managerId: kind === 'change_request' ? manager.id : null,
    approverId: kind === 'change_request' ? approver.id : null,
    approvedAt: kind === 'change_request' ? APPROVED_AT : null,
    implementerId: null,
    slaDueAt: DUE,
    investigated: false,
    checkRuns: [],
    ...overrides,
  };
}

export function expectDecision(outcome: Outcome): Decision {
  if (!outcome.ok)
    expect.fail(`expected a decision, got refusal ${outcome.code} ${JSON.stringify(outcome.reason)}`);
  return outcome;
}

export function expectRefusal(outcome: Outcome): Refusal {
  if (outcome.ok) expect.fail(`expected a refusal, got ${outcome.from} → ${outcome.to}`);
  return outcome;
}

/**
 * What the ticket service does with a decision, reduced to the snapshot: the new state and the per-ticket
 * roles the decision assigns. Used to walk a whole SOP one reloaded snapshot at a time.
 */
export function applyDecision(
  kind: TicketKind,
  before: TicketSnapshot | null,
  d: Decision,
  at: Date = NOW,
): TicketSnapshot {
  const fresh = { version: 0, requesterId: '', managerId: null, approverId: null, approvedAt: null };
  const base = before ?? ticket(kind, d.to, fresh);
  const next = { ...base, state: d.to, version: base.version + 1 };
  for (const a of d.assign ?? []) {
    if (a.role === 'requester') next.requesterId = a.person;
    if (a.role === 'manager') next.managerId = a.person;
    if (a.role === 'approver') next.approverId = a.person;
    if (a.role === 'soc') next.implementerId = a.person;
  }
  if (d.event.type === 'cr.approved') next.approvedAt = at;
  return next;
}
