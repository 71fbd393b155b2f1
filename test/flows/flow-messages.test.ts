import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import { FLOW_MESSAGE_KEYS } from '../../flows/flow-messages.ts';
import {
  type Actor,
  CHANGE_REQUEST_STATES,
  COMPLAINT_STATES,
  type MessageRef,
  REFUSAL_CODES,
  SYSTEM_ACTOR,
  type TicketAction,
  type TicketSnapshot,
} from '../../flows/types.ts';
import { flows } from '../../src/i18n/catalog/flows.ts';
import { renderMessage } from '../../src/i18n/index.ts';
import { LOCALES } from '../../src/i18n/locale.ts';
import * as f from './fixtures.ts';

// Every message the flows can emit must render in Malay and English with exactly the params it carries.
// The messages are collected by running the flows, not read from the key list, so a key emitted but never
// catalogued (or catalogued with other params) fails here.

const ACTORS: readonly Actor[] = [
  f.requester,
  f.otherRequester,
  f.manager,
  f.otherManager,
  f.approver,
  f.soc,
  f.socWhoApproves,
  f.managerWhoApproves,
  f.vendor,
  f.desk,
  f.admin,
  f.requesterWithAllRoles,
  SYSTEM_ACTOR,
];

const submit = (form: unknown, endorsementRequired = true): TicketAction => ({
  type: 'submit_change_request',
  form,
  endorsementRequired,
  managers: f.MANAGERS,
});

/** Valid actions plus the variants that take other branches or fail one field each. */
const ACTIONS: readonly TicketAction[] = [
  ...Object.values(f.VALID),
  submit(f.sectionA({ manager: undefined }), false),
  submit(f.sectionA({ manager: { ...f.sectionA().manager, id: undefined } })),
  submit(f.sectionA({ manager: undefined })),
  submit(f.sectionA({ manager: { ...f.sectionA().manager, id: f.requester.id } })),
  submit(f.sectionA({ requestType: 'others' })),
  submit(f.sectionA({ manager: { ...f.sectionA().manager, id: 'slack:U0NOTCONFIGURED' } })),
  submit(f.sectionA({ requestedAt: '2025-06-16T09:00:00+08:00' })),
  submit(f.sectionA({ requestedAt: '2025-06-20' })),
  submit(f.sectionA({ requestType: 'upgrade', description: 'x'.repeat(3001), requestedAt: 'esok' })),
  submit(f.sectionA({ requester: { ...f.sectionA().requester, email: 'aminah', contactNumber: '12' } })),
  submit(f.sectionA({ requester: 7 })),
  { type: 'reject', sectionC: {} },
  {
    type: 'mark_implemented',
    sectionD: f.sectionD({ status: 'unsuccessful', postImplementationReview: 'Gagal.' }),
  },
  { type: 'mark_implemented', sectionD: f.sectionD({ status: 'unsuccessful' }) },
  { type: 'mark_implemented', sectionD: f.sectionD({ actualEnd: '2025-06-16T23:00:00+08:00' }) },
  { type: 'mark_implemented', sectionD: f.sectionD({ actualStart: '2025-06-16T08:00:00+08:00' }) },
  { type: 'start_implementation', sectionB: f.sectionB({ plannedEnd: '2025-06-01T00:00:00Z' }) },
  {
    type: 'start_implementation',
    sectionB: f.sectionB({
      plannedStart: '2025-06-15T22:00:00+08:00',
      plannedEnd: '2025-06-15T23:00:00+08:00',
    }),
  },
  { type: 'submit_complaint', complaint: f.complaintForm({ domain: 'not a domain' }) },
  { type: 'submit_complaint', complaint: f.complaintForm({ startedAt: '2026-01-01' }) },
  { type: 'submit_complaint', complaint: f.complaintForm({ startedAt: '2024-01-01' }) },
  { type: 'decline_endorsement', reason: '' },
  { type: 'withdraw' },
  { type: 'record_investigation', runId: f.RUN_IDS.recheck, purpose: 'recheck' },
  { type: 'record_investigation', runId: f.RUN_IDS.checklist, purpose: 'checklist' },
  { type: 'record_investigation', runId: 'not-a-run', purpose: 'audit' as never },
  { type: 'report_failed_check', complaint: f.complaintForm({ domain: '' }), runId: '' },
];

function tickets(): TicketSnapshot[] {
  const all: TicketSnapshot[] = [];
  // The desk's close: before the requester's deadline (the fixtures' DUE), after it, and with none set.
  const deadlines = [{ slaDueAt: new Date('2025-06-13T17:30:00+08:00') }, { slaDueAt: null }];
  for (const state of CHANGE_REQUEST_STATES) {
    all.push(f.ticket('change_request', state), f.ticket('change_request', state, { managerId: null }));
    all.push(...deadlines.map((d) => f.ticket('change_request', state, d)));
  }
  const compared = { fixed: 1, stillFailing: 1, newProblems: 1, resolved: false };
  for (const state of COMPLAINT_STATES) {
    all.push(
      f.ticket('complaint', state),
      f.investigated(state),
      f.investigated(state, [], { requesterId: SYSTEM_ACTOR.id }),
      f.investigated(state, [f.run('recheck', { compared })]),
      f.investigated(state, [f.run('recheck', { status: 'failed' })]),
      f.investigated(state, [f.run('recheck', { status: 'pending' })]),
      f.investigated(state, [f.run('recheck', { recorded: true })]),
      f.investigated(state, [f.run('checklist', { attached: false })]),
      f.ticket('complaint', state, { checkRuns: [f.run('investigation', { status: 'failed' })] }),
      ...deadlines.map((d) => f.ticket('complaint', state, d)),
    );
  }
  return all;
}

function collect(): MessageRef[] {
  const refs: MessageRef[] = [];
  for (const t of [null, ...tickets()]) {
    for (const actor of ACTORS) {
      for (const action of ACTIONS) {
        const o = decide(t, action, actor, f.NOW);
        if (o.ok) refs.push(...o.notify.map((n) => n.message));
        else refs.push(o.reason, ...Object.values(o.fieldErrors ?? {}), ...(o.whatNow ?? []));
      }
    }
  }
  return refs;
}

const placeholders = (text: string | undefined) =>
  [...new Set([...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const catalogs = { ms: flows.ms as Record<string, string>, en: flows.en as Record<string, string> };

describe('flow messages and the catalogs', () => {
  const emitted = collect();
  const keys = new Set(emitted.map((r) => r.key));

  it('every emitted message exists in Malay and English with exactly the params it is emitted with', () => {
    const problems: string[] = [];
    for (const ref of emitted) {
      const params = Object.keys(ref.params ?? {}).sort();
      for (const [locale, texts] of Object.entries(catalogs)) {
        const text = texts[ref.key];
        if (text === undefined) problems.push(`${locale}: no text for ${ref.key}`);
        else if (placeholders(text).join() !== params.join()) {
          problems.push(`${locale}: ${ref.key} uses {${placeholders(text)}} but is emitted with {${params}}`);
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('every emitted key is in the published key list', () => {
    expect([...keys].filter((k) => !(FLOW_MESSAGE_KEYS as readonly string[]).includes(k))).toEqual([]);
  });

  it('every notification, refusal and form error in the list can actually be emitted', () => {
    // version_conflict is the ticket service's refusal (optimistic locking), never a flow's.
    const emittable = FLOW_MESSAGE_KEYS.filter(
      (k) => !/^(state|action)\./.test(k) && k !== 'refusal.version_conflict',
    );
    expect(emittable.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('the catalogs hold exactly the listed keys, with the same params in both languages', () => {
    expect(Object.keys(catalogs.ms).sort()).toEqual([...FLOW_MESSAGE_KEYS].sort());
    expect(Object.keys(catalogs.en).sort()).toEqual([...FLOW_MESSAGE_KEYS].sort());
    for (const key of FLOW_MESSAGE_KEYS) {
      expect(placeholders(catalogs.en[key]), key).toEqual(placeholders(catalogs.ms[key]));
      expect(catalogs.ms[key]?.trim(), key).not.toBe('');
    }
  });

  it('names every refusal code, every state of both procedures and every action', () => {
    const states = [...new Set([...CHANGE_REQUEST_STATES, ...COMPLAINT_STATES])];
    const expected = [
      ...REFUSAL_CODES.map((c) => `refusal.${c}`),
      ...states.map((s) => `state.${s}`),
      ...Object.keys(f.VALID).map((a) => `action.${a}`),
    ];
    for (const key of expected) {
      expect(catalogs.ms[key], key).toBeTypeOf('string');
      expect(catalogs.en[key], key).toBeTypeOf('string');
    }
  });

  it('speaks the SOP language in Malay', () => {
    const malay = Object.values(catalogs.ms).join('\n');
    for (const term of [
      'Meja Bantuan 1GovUC',
      'VAS SOC',
      'MAMPU/JDN',
      'Pentadbir UC Agensi',
      'tiket',
      'kelulusan',
    ]) {
      expect(malay).toContain(term);
    }
  });
});

describe('what people typed, inside the flows’ messages', () => {
  // Comments, reasons, notes and details are the person's own words, often ending a sentence already.
  // Typed text often keeps a space or a line break after its last full stop.
  const endings = [
    'perniagaan.',
    'perniagaan!',
    'perniagaan?',
    'perniagaan…',
    'perniagaan. ',
    'perniagaan.\n',
  ];

  it.each(LOCALES)('never doubles a full stop after text that ends its own sentence (%s)', (locale) => {
    const doubled: string[] = [];
    for (const key of FLOW_MESSAGE_KEYS) {
      const names = placeholders(catalogs[locale][key]);
      for (const name of names) {
        for (const ending of endings) {
          const params = Object.fromEntries(names.map((n) => [n, n === name ? ending : 'X']));
          const text = renderMessage({ key, params }, locale);
          if (/[.!?…]\s*\./.test(text)) doubled.push(`${key} {${name}}: ${text}`);
        }
      }
    }
    expect(doubled).toEqual([]);
  });

  it('keeps the full stop after text that does not end a sentence', () => {
    const params = {
      number: 'CR-2026-000007',
      approver: 'Noraini',
      comments: 'tiada justifikasi perniagaan',
    };
    expect(renderMessage({ key: 'notify.cr.rejected', params }, 'ms')).toContain(
      'Ulasan: tiada justifikasi perniagaan. Tiket ini telah tamat',
    );
    const ended = { ...params, comments: 'tiada justifikasi perniagaan.' };
    expect(renderMessage({ key: 'notify.cr.rejected', params: ended }, 'ms')).toContain(
      'Ulasan: tiada justifikasi perniagaan. Tiket ini telah tamat',
    );
  });

  it('tells a date picker’s user what to do, with no ISO example that lies in the past', () => {
    for (const locale of LOCALES) {
      for (const key of ['form.error.invalid_date', 'form.error.time_required'] as const) {
        expect(catalogs[locale][key], `${locale} ${key}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      }
    }
    expect(catalogs.ms['form.error.invalid_date']).toContain('Pilih tarikh dan masa');
  });
});
