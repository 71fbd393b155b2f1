import { describe, expect, it } from 'vitest';
import { FORM_FOR_ACTION, formDefinition } from '../../../cards/forms/definitions.ts';
import type { FormKind, FormView } from '../../../cards/forms/types.ts';
import type { ExecuteAction } from '../../../cards/teams/adaptive-card.ts';
import { renderTeamsForm } from '../../../cards/teams/render-form.ts';
import { buildCardModel } from '../../../cards/ticket-card.ts';
import { adaptiveCardProblems } from '../../support/adaptive-card-checks.ts';
import { FILLED } from '../forms/filled.ts';
import { essaySource, plainSource } from '../slack/fixtures.ts';
import { elementsOf, en, ms, textOf } from './fixtures.ts';

// A form opened by a button on a ticket card takes the card's place for the person who pressed it (the
// invoke's answer is their card). UX review: an approver who pressed "Tolak" by mistake could no longer see
// the request nor approve it. The form keeps the ticket above its fields and offers Cancel back to the card.

/** The forms a button on a ticket card opens: every one but those a command opens. */
const TICKET_FORMS = Object.values(FORM_FOR_ACTION).filter(
  (kind) => kind !== 'change_request' && kind !== 'complaint',
);
const approval = () => buildCardModel('approval', plainSource('change_request', 'awaiting_approval'));

function view(kind: FormKind, over: Partial<FormView> = {}): FormView {
  return {
    definition: formDefinition(kind, { endorsementRequired: true }),
    context: { kind, ticketId: 'tkt-1', ticketNumber: 'CR-2025-000042', version: 3 },
    values: {},
    errors: {},
    ...over,
  };
}

describe('a form opened from a ticket card', () => {
  it('offers Cancel, which asks for the person’s own card back without sending or checking the inputs', () => {
    const card = renderTeamsForm(view('reject'), ms, { people: [], ticket: approval() });
    const [submit, cancel] = card.actions as ExecuteAction[];
    expect(submit).toMatchObject({ verb: 'form:reject', title: 'Tolak' });
    expect(cancel).toEqual({
      type: 'Action.Execute',
      verb: 'cancel',
      title: 'Batal',
      data: { ticketId: approval().ticketId, version: approval().version, card: 'approval' },
      associatedInputs: 'none',
    });
    const english = renderTeamsForm(view('reject'), en, { people: [], ticket: approval() });
    expect(english.actions?.[1]).toMatchObject({ title: 'Cancel' });
  });

  it('keeps the ticket in view above the fields: number, title, status, requester and what is asked', () => {
    const card = renderTeamsForm(view('reject'), ms, { people: [], ticket: approval() });
    const [summary] = card.body;
    expect(summary).toMatchObject({ type: 'Container', style: 'emphasis' });
    const said = textOf(summary);
    for (const text of [
      'CR-2025-000042 · Tambah rakan.edu.my ke senarai putih',
      'Menunggu kelulusan MAMPU/JDN',
      'Aminah binti Ali',
      'Tambah <rakan.edu.my> & subdomain ke senarai putih.',
    ])
      expect(said).toContain(text);
    const titles = card.body.map((e) => (e.type === 'TextBlock' ? e.text : e.type));
    expect(titles.indexOf('Tolak permohonan')).toBeGreaterThan(0);
    // The number is in the summary's heading; the form does not repeat it.
    expect(titles).not.toContain('Tiket CR-2025-000042');
  });

  it('keeps whose step it is and by when in view while the form is open', () => {
    const model = approval();
    expect(model.nextActor).not.toBeNull();
    const said = textOf(renderTeamsForm(view('reject'), ms, { people: [], ticket: model }).body[0]);
    expect(said).toMatch(/Menunggu tindakan Pelulus.* sebelum 18 Jun 2025, 10:00 PG \(MYT\)/);
    const mine = { ...model, nextActor: { ...model.nextActor!, you: true as const } };
    const yours = textOf(renderTeamsForm(view('reject'), ms, { people: [], ticket: mine }).body[0]);
    expect(yours).toMatch(/Menunggu tindakan Pelulus: anda.* sebelum/);
  });

  it.each(TICKET_FORMS)('is a valid card for %s, even about a ticket written at full length', (kind) => {
    const essay = buildCardModel('soc', essaySource());
    for (const texts of [ms, en]) {
      for (const over of [
        {},
        {
          values: FILLED[kind],
          errors: { [formDefinition(kind, { endorsementRequired: true }).fields[0]!.id]: 'x' },
        },
      ]) {
        const card = renderTeamsForm(view(kind, over), texts, { people: [], ticket: essay });
        expect(adaptiveCardProblems(card)).toEqual([]);
        expect(elementsOf<ExecuteAction>(card, 'Action.Execute').map((a) => a.verb)).toEqual([
          `form:${kind}`,
          'cancel',
        ]);
      }
    }
  });

  it('has no Cancel where no ticket card was left behind (a command typed in chat)', () => {
    const card = renderTeamsForm(view('change_request', { context: { kind: 'change_request' } }), ms, {
      people: [],
    });
    expect(elementsOf<ExecuteAction>(card, 'Action.Execute').map((a) => a.verb)).toEqual([
      'form:change_request',
    ]);
  });
});
