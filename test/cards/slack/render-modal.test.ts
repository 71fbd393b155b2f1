import { describe, expect, it } from 'vitest';
import { formDefinition } from '../../../cards/forms/definitions.ts';
import type { FormKind, FormView } from '../../../cards/forms/types.ts';
import { FORM_IDS } from '../../../cards/ids.ts';
import type { InputBlock, ModalView } from '../../../cards/slack/block-kit.ts';
import { VALUE_ACTION_ID } from '../../../cards/slack/modal-elements.ts';
import { blockKitProblems } from '../../../cards/slack/problems.ts';
import { renderSlackModal, slackErrors } from '../../../cards/slack/render-modal.ts';
import { renderSlackNotice } from '../../../cards/slack/render-notice.ts';
import { textsFor } from '../../../src/i18n/texts.ts';
import { long } from './fixtures.ts';

// Forms as Slack modals: one input block per field, block_id = field id and action_id = 'value', the form's
// context in private_metadata, and Block Kit's limits kept with any prefilled answer.

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
const ms = textsFor('ms');
const en = textsFor('en');
/** The endorsing managers the adapter offers (src/platform/endorsing-managers.ts), as person ids. */
const people = [
  { id: 'u-lim', name: 'Lim Wei Ling' },
  { id: 'u-rahman', name: 'Rahman bin Yusof' },
];

function view(kind: FormKind, values: FormView['values'] = {}, endorsementRequired = true): FormView {
  return {
    definition: formDefinition(kind, { endorsementRequired }),
    context: { kind, ticketId: 'tkt-1', ticketNumber: 'CR-2025-000042', version: 3 },
    values,
    errors: {},
  };
}

const inputs = (modal: ModalView) => modal.blocks.filter((b): b is InputBlock => b.type === 'input');
const input = (modal: ModalView, id: string) => inputs(modal).find((b) => b.block_id === id);

describe('renderSlackModal', () => {
  it('says under the ticket number whose step it is and by when, "anda" for the person filling it', () => {
    const nextActor = {
      who: { role: 'approver' as const },
      name: null,
      people: ['Noraini binti Abdullah'],
      you: true as const,
      dueAt: new Date('2025-06-18T02:00:00Z'),
    };
    const modal = renderSlackModal(view('reject'), ms, { people, nextActor });
    expect(blockKitProblems(modal)).toEqual([]);
    const context = JSON.stringify(modal.blocks[0]);
    expect(context).toContain('CR-2025-000042');
    expect(context).toContain(
      'Menunggu tindakan Pelulus: anda, Noraini binti Abdullah sebelum 18 Jun 2025, 10:00 PG (MYT)',
    );
  });

  it.each(KINDS)(
    'renders the %s form within Block Kit limits, even prefilled with over-long answers',
    (kind) => {
      for (const endorsementRequired of [true, false]) {
        const fields = formDefinition(kind, { endorsementRequired }).fields;
        const values = Object.fromEntries(fields.map((f) => [f.id, long(12_000)]));
        for (const texts of [ms, en]) {
          const blank = renderSlackModal(view(kind, {}, endorsementRequired), texts, { people });
          const filled = renderSlackModal(view(kind, values, endorsementRequired), texts, { people });
          expect(blockKitProblems(blank)).toEqual([]);
          expect(blockKitProblems(filled)).toEqual([]);
        }
      }
    },
  );

  it.each(KINDS)('gives every %s field an input block keyed by its id', (kind) => {
    const modal = renderSlackModal(view(kind), ms, { people });
    const fields = formDefinition(kind, { endorsementRequired: true }).fields;
    expect(inputs(modal).map((b) => [b.block_id, b.element.action_id, b.optional])).toEqual(
      fields.map((f) => [f.id, VALUE_ACTION_ID, !f.required]),
    );
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual(view(kind).context);
  });

  it('uses the form ids Slack sends back as callback_id', () => {
    expect(renderSlackModal(view('change_request'), ms).callback_id).toBe(FORM_IDS.changeRequest);
    expect(renderSlackModal(view('complaint'), ms).callback_id).toBe(FORM_IDS.complaint);
    expect(renderSlackModal(view('reject'), ms).callback_id).toBe(FORM_IDS.action);
  });

  it('speaks the reader language and names the ticket', () => {
    const modal = renderSlackModal(view('reject'), ms);
    expect([modal.title.text, modal.submit?.text, modal.close?.text]).toEqual([
      'Tolak permohonan',
      'Tolak',
      'Batal',
    ]);
    expect(JSON.stringify(modal.blocks)).toContain('Tiket CR-2025-000042');
    expect(input(modal, 'comments')?.label.text).toBe('Ulasan pelulus');
    expect(renderSlackModal(view('reject'), en).title.text).toBe('Reject request');
  });

  it('picks the element for each kind of field and shows prefilled answers', () => {
    const modal = renderSlackModal(
      view('change_request', {
        'requester.email': 'aminah@moe.gov.my',
        'manager.id': 'u-rahman',
        requestType: 'others',
        requestedAt: '2025-06-20T09:00:00+08:00',
        description: 'Tambah domain.',
      }),
      ms,
      { people },
    );
    expect(input(modal, 'requester.email')?.element).toEqual({
      type: 'email_text_input',
      action_id: 'value',
      initial_value: 'aminah@moe.gov.my',
    });
    expect(input(modal, 'manager.id')?.element).toMatchObject({
      type: 'static_select',
      initial_option: { value: 'u-rahman', text: { type: 'plain_text', text: 'Rahman bin Yusof' } },
    });
    expect(input(modal, 'requestType')?.element).toMatchObject({
      type: 'static_select',
      initial_option: { value: 'others', text: { type: 'plain_text', text: 'Lain-lain' } },
    });
    expect(input(modal, 'requestedAt')?.element).toEqual({
      type: 'datetimepicker',
      action_id: 'value',
      initial_date_time: Date.parse('2025-06-20T01:00:00Z') / 1000,
    });
    expect(input(modal, 'description')?.element).toMatchObject({
      type: 'plain_text_input',
      multiline: true,
      max_length: 3000,
      initial_value: 'Tambah domain.',
    });
    expect(input(modal, 'requester.contactNumber')?.element).toMatchObject({
      type: 'plain_text_input',
      max_length: 20,
    });
  });

  it('cuts a flow limit above Slack 3000 characters down to what plain_text_input takes', () => {
    const modal = renderSlackModal(view('complaint'), ms);
    expect(input(modal, 'bounceText')?.element).toMatchObject({ max_length: 3000 });
  });

  it('offers only the managers the adapter passes, and preselects nobody it does not offer', () => {
    const modal = renderSlackModal(view('change_request', { 'manager.id': 'u-nobody' }), ms, { people });
    expect(input(modal, 'manager.id')?.element).toEqual({
      type: 'static_select',
      action_id: 'value',
      options: [
        { text: { type: 'plain_text', text: 'Lim Wei Ling' }, value: 'u-lim' },
        { text: { type: 'plain_text', text: 'Rahman bin Yusof' }, value: 'u-rahman' },
      ],
      placeholder: { type: 'plain_text', text: 'Pilih pengguna' },
    });
  });

  it('leaves the manager out, as Teams does, when there is nobody to offer: Block Kit has no empty select', () => {
    const modal = renderSlackModal(view('change_request', {}, false), ms);
    expect(input(modal, 'manager.id')).toBeUndefined();
    expect(input(modal, 'manager.name')).toBeDefined();
    expect(blockKitProblems(modal)).toEqual([]);
  });
});

describe('slackErrors', () => {
  it('puts each flow error on the input block it belongs to', () => {
    const errors = {
      manager: 'Maklumat pengurus wajib diisi.',
      'requester.email': 'Alamat e-mel tidak sah.',
      form: 'Nilai ini tidak sah.',
      'requester.name': 'Medan ini wajib diisi.',
    };
    expect(slackErrors({ ...view('change_request'), errors })).toEqual({
      'manager.id': 'Maklumat pengurus wajib diisi.',
      'requester.email': 'Alamat e-mel tidak sah.',
      'requester.name': 'Nilai ini tidak sah. Medan ini wajib diisi.',
    });
  });
});

describe('renderSlackNotice', () => {
  it('says one thing in a modal with only a close button', () => {
    const modal = renderSlackNotice(`Sudah dibuat <@U1> ${long(5000)}`, ms);
    expect(blockKitProblems(modal)).toEqual([]);
    expect(modal.submit).toBeUndefined();
    expect(JSON.stringify(modal.blocks)).toContain('&lt;@U1&gt;');
  });
});
