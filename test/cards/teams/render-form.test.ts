import { describe, expect, it } from 'vitest';
import { formDefinition } from '../../../cards/forms/definitions.ts';
import type { FormKind, FormValues, FormView } from '../../../cards/forms/types.ts';
import type {
  AdaptiveCard,
  CardElement,
  CardInput,
  ExecuteAction,
} from '../../../cards/teams/adaptive-card.ts';
import { readTeamsForm, renderTeamsForm } from '../../../cards/teams/render-form.ts';
import { adaptiveCardProblems } from '../../support/adaptive-card-checks.ts';
import { FILLED } from '../forms/filled.ts';
import { long } from '../slack/fixtures.ts';
import { en, ms } from './fixtures.ts';

// Forms as Adaptive Cards: one input per field keyed by the field id (a date-time is Input.Date `<id>` plus
// Input.Time `<id>__time`), the flows' errors right under their field, and a submit that carries the
// form's context; what Teams sends back reads into the same FormValues a Slack modal gives.

const KINDS: readonly FormKind[] = [
  'change_request',
  'complaint',
  'decline_endorsement',
  'approve',
  'reject',
  'start_implementation',
  'mark_implemented',
  'record_findings',
  'mark_resolved',
  'escalate_to_vendor',
  'vendor_resolved',
  'report_still_failing',
  'withdraw',
  'close_unconfirmed',
];
const PEOPLE = [
  { id: 'u-rahman', name: 'Rahman bin Yusof' },
  { id: 'u-lim', name: 'Lim Wei Ling' },
];
const CONTEXT = { ticketId: 'tkt-1', ticketNumber: 'CR-2025-000042', version: 3 };

function view(kind: FormKind, over: Partial<FormView> = {}, endorsementRequired = true): FormView {
  return {
    definition: formDefinition(kind, { endorsementRequired }),
    context: { kind, ...CONTEXT },
    values: {},
    errors: {},
    ...over,
  };
}

const isInput = (e: CardElement): e is CardInput => e.type.startsWith('Input.');
const inputsOf = (body: readonly CardElement[]) => body.filter(isInput);
const input = (body: readonly CardElement[], id: string) => inputsOf(body).find((i) => i.id === id);
/** The element right after an input: where its error belongs. */
const below = (body: readonly CardElement[], id: string) =>
  body[body.findIndex((e) => 'id' in e && e.id === id) + 1];

const submitOf = (card: AdaptiveCard) => card.actions?.[0] as ExecuteAction;

/** What Teams sends on submit: every input's current value under its id, plus the action's data. */
function submitted(body: readonly CardElement[], data: Record<string, unknown>): Record<string, unknown> {
  return {
    ...data,
    ...Object.fromEntries(inputsOf(body).map((i) => [i.id, 'value' in i ? (i.value ?? '') : ''])),
  };
}

describe('renderTeamsForm', () => {
  it.each(KINDS)(
    'renders the %s form as a valid card: empty, filled, at every limit and with errors',
    (kind) => {
      for (const endorsementRequired of [true, false]) {
        const fields = formDefinition(kind, { endorsementRequired }).fields;
        const atLimit = Object.fromEntries(fields.map((f) => [f.id, long(f.max ?? 40)]));
        const errors = Object.fromEntries(fields.map((f) => [f.id, 'Medan ini wajib diisi.']));
        for (const texts of [ms, en]) {
          for (const over of [
            {},
            { values: FILLED[kind] },
            { values: atLimit },
            { values: FILLED[kind], errors },
          ]) {
            const card = renderTeamsForm(view(kind, over, endorsementRequired), texts, { people: PEOPLE });
            expect(adaptiveCardProblems(card)).toEqual([]);
          }
        }
      }
    },
  );

  it.each(KINDS)(
    'gives every %s field an input keyed by its id, labelled, required as the form says',
    (kind) => {
      const { body } = renderTeamsForm(view(kind), en, { people: PEOPLE });
      const fields = formDefinition(kind, { endorsementRequired: true }).fields;
      expect(inputsOf(body).map((i) => [i.id, i.label, i.isRequired])).toEqual(
        fields.flatMap((f) => {
          const row = [f.id, en.t(f.label), f.required];
          // The time box says it is the time, in Malaysia time, so it is told apart from the date box.
          const time = [`${f.id}__time`, `${en.t(f.label)}: time (Malaysia time)`, f.required];
          return f.kind === 'datetime' ? [row, time] : [row];
        }),
      );
      for (const i of inputsOf(body)) {
        // The type-ahead manager list says what is wrong with a name typed that is not on it (UX review, 05).
        const own = i.type === 'Input.ChoiceSet' && i.style === 'filtered';
        const required = i.isRequired ? 'This field is required.' : undefined;
        expect(i.errorMessage).toBe(own ? 'Choose a manager from the list.' : required);
      }
    },
  );

  it('submits with Action.Execute verb form:<kind>, carrying the context, in the reader language', () => {
    const card = renderTeamsForm(view('reject'), ms, { people: PEOPLE });
    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        verb: 'form:reject',
        title: 'Tolak',
        data: { context: { kind: 'reject', ...CONTEXT } },
        style: 'destructive',
      },
    ]);
    expect(card.body.slice(0, 3).map((e) => (e.type === 'TextBlock' ? e.text : e.type))).toEqual([
      'Tolak permohonan',
      'Tiket CR-2025-000042',
      'Seksyen C: Pelulus (CAB / Pengurus Unit / Pengurusan VADS).',
    ]);
    expect(submitOf(renderTeamsForm(view('complaint'), en, { people: [] })).verb).toBe('form:complaint');
  });

  it('picks the input for each kind of field and shows prefilled answers, dates in Malaysia time', () => {
    const { body } = renderTeamsForm(
      view('change_request', {
        values: {
          ...FILLED.change_request,
          requestType: 'others',
          requestedAt: '2025-06-20T01:30:00Z',
        },
      }),
      ms,
      { people: PEOPLE },
    );
    expect(input(body, 'requester.email')).toMatchObject({
      type: 'Input.Text',
      style: 'email',
      maxLength: 254,
      value: 'aminah@moe.gov.my',
    });
    expect(input(body, 'requester.contactNumber')).toMatchObject({
      type: 'Input.Text',
      style: 'tel',
      maxLength: 20,
      placeholder: 'Contoh: 03-8000 8000',
    });
    expect(input(body, 'manager.id')).toEqual({
      type: 'Input.ChoiceSet',
      id: 'manager.id',
      label: 'Disokong oleh (Pengurus)',
      isRequired: true,
      errorMessage: 'Pilih pengurus daripada senarai.',
      choices: [
        { title: 'Rahman bin Yusof', value: 'u-rahman' },
        { title: 'Lim Wei Ling', value: 'u-lim' },
      ],
      style: 'filtered',
      placeholder: 'Taip nama pengurus untuk melihat pilihan',
      value: 'u-rahman',
    });
    expect(input(body, 'requestType')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'compact',
      value: 'others',
    });
    expect(input(body, 'requestType')).toHaveProperty(
      'choices',
      expect.arrayContaining([{ title: 'Lain-lain', value: 'others' }]),
    );
    expect(input(body, 'requestedAt')).toMatchObject({ type: 'Input.Date', value: '2025-06-20' });
    expect(input(body, 'requestedAt__time')).toMatchObject({ type: 'Input.Time', value: '09:30' });
    expect(input(body, 'description')).toMatchObject({
      type: 'Input.Text',
      isMultiline: true,
      maxLength: 3000,
    });
  });

  it('leaves out a prefilled person or option that is not among the choices', () => {
    const { body } = renderTeamsForm(
      view('change_request', { values: { 'manager.id': 'u-nobody', requestType: 'delete_everything' } }),
      ms,
      { people: PEOPLE },
    );
    expect(input(body, 'manager.id')).not.toHaveProperty('value');
    expect(input(body, 'requestType')).not.toHaveProperty('value');
  });

  it('shows each flow error right under its field, keeping what was typed', () => {
    const values = { ...FILLED.change_request, 'requester.email': 'aminah@' };
    const errors = {
      'requester.email': 'Alamat e-mel tidak sah.',
      manager: 'Maklumat pengurus wajib diisi.',
      requestedAt: 'Tarikh atau masa tidak sah.',
      form: 'Nilai ini tidak sah.',
      'requester.name': 'Medan ini wajib diisi.',
    };
    const { body } = renderTeamsForm(view('change_request', { values, errors }), ms, { people: PEOPLE });
    const attention = (text: string) => ({
      type: 'TextBlock',
      text,
      wrap: true,
      color: 'attention',
      spacing: 'small',
    });
    expect(input(body, 'requester.email')).toMatchObject({ value: 'aminah@' });
    expect(below(body, 'requester.email')).toEqual(attention('Alamat e-mel tidak sah.'));
    expect(below(body, 'manager.id')).toEqual(attention('Maklumat pengurus wajib diisi.'));
    expect(below(body, 'requestedAt__time')).toEqual(attention('Tarikh atau masa tidak sah.'));
    expect(below(body, 'requester.name')).toEqual(attention('Nilai ini tidak sah. Medan ini wajib diisi.'));
    expect(body.filter((e) => e.type === 'TextBlock' && e.color === 'attention')).toHaveLength(4);
    const hint = below(body, 'requestTypeOther');
    expect(hint).toMatchObject({
      type: 'TextBlock',
      isSubtle: true,
      text: 'Wajib jika jenis permohonan ialah "Lain-lain".',
    });
  });

  it('cuts a prefilled answer longer than the flows accept to their limit', () => {
    const { body } = renderTeamsForm(view('reject', { values: { comments: 'x'.repeat(5000) } }), ms, {
      people: [],
    });
    expect(input(body, 'comments')).toMatchObject({ maxLength: 3000, value: 'x'.repeat(3000) });
  });
});

describe('readTeamsForm', () => {
  it.each(KINDS)('reads a submitted %s form back into the answers it was filled with', (kind) => {
    const card = renderTeamsForm(view(kind, { values: FILLED[kind] }), en, { people: PEOPLE });
    const data = submitted(card.body, submitOf(card).data ?? {});
    const definition = formDefinition(kind, { endorsementRequired: true });
    const expected: FormValues = Object.fromEntries(
      definition.fields.map((f) => [f.id, FILLED[kind][f.id] === '' ? undefined : FILLED[kind][f.id]]),
    );
    expect(readTeamsForm(definition, data)).toEqual(expected);
  });

  it('joins date and time into ISO 8601 in Malaysia time, and leaves blanks out', () => {
    const definition = formDefinition('mark_implemented', { endorsementRequired: true });
    const values = readTeamsForm(definition, {
      actualStart: '2025-06-16',
      actualStart__time: '08:05',
      actualEnd: '2025-06-16',
      actualEnd__time: '23:59:30',
      status: 'unsuccessful',
      postImplementationReview: '   ',
      context: { kind: 'mark_implemented' },
    });
    expect(values).toEqual({
      actualStart: '2025-06-16T08:05:00+08:00',
      actualEnd: '2025-06-16T23:59:30+08:00',
      status: 'unsuccessful',
      postImplementationReview: undefined,
    });
    expect(Date.parse(values.actualStart ?? '')).toBe(Date.parse('2025-06-16T00:05:00Z'));
  });

  it('passes a date without a time on as a date, drops a time without a date, and ignores what is not text', () => {
    const definition = formDefinition('start_implementation', { endorsementRequired: true });
    const values = readTeamsForm(definition, {
      plannedStart: '2025-06-21',
      plannedStart__time: '',
      plannedEnd__time: '23:00',
      risk: 2,
      urgency: ['high'],
      name: 'Kumar a/l Rajan',
    });
    expect(values).toMatchObject({
      plannedStart: '2025-06-21',
      plannedEnd: undefined,
      risk: undefined,
      urgency: undefined,
      name: 'Kumar a/l Rajan',
    });
    expect(Object.keys(values)).toEqual(definition.fields.map((f) => f.id));
  });
});
