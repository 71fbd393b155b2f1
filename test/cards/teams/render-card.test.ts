import { describe, expect, it } from 'vitest';
import type { CardField } from '../../../cards/card-model.ts';
import { actionIdOf } from '../../../cards/ids.ts';
import type { ExecuteAction } from '../../../cards/teams/adaptive-card.ts';
import { renderTeamsCard } from '../../../cards/teams/render-card.ts';
import { buildCardModel } from '../../../cards/ticket-card.ts';
import { CARD_KINDS, CHANGE_REQUEST_STATES, COMPLAINT_STATES } from '../../../flows/types.ts';
import { adaptiveCardProblems } from '../../support/adaptive-card-checks.ts';
import { BEFORE_DEADLINE, ESSAY_FIELDS, essaySource, longSource, plainSource } from '../slack/fixtures.ts';
import { elementsOf, en, ms, textOf } from './fixtures.ts';

// Ticket cards as Adaptive Cards for Teams: every card in every state, in both languages and in every
// variant (processing, status-only, user-specific refresh), is a valid 1.5 card within Teams' limits
// however long the form's answers are; it says who acts next and by when, and its Action.Execute buttons
// identify the action, the ticket and its version.

const USERS_60 = Array.from({ length: 60 }, (_, i) => `29:1aad-user-${i}`);
const VARIANTS = [
  {},
  { processing: true },
  { showActions: false },
  { refreshUserIds: ['29:1aad-siti'] },
  { refreshUserIds: USERS_60, showActions: false },
  { refreshUserIds: USERS_60, processing: true },
] as const;

const approval = () => buildCardModel('approval', plainSource('change_request', 'awaiting_approval'));
const buttonsOf = (card: { actions?: unknown[] }) => (card.actions ?? []) as ExecuteAction[];
const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');
/** The form's fields on the card: the rows of its one FactSet after status and requester. */
const fieldFacts = (card: unknown) =>
  (elementsOf<{ facts: { title: string; value: string }[] }>(card, 'FactSet')[0]?.facts ?? []).slice(2);

describe('renderTeamsCard', () => {
  const cases = CARD_KINDS.flatMap((card) => [
    ...CHANGE_REQUEST_STATES.map((state) => [card, 'change_request', state] as const),
    ...COMPLAINT_STATES.map((state) => [card, 'complaint', state] as const),
  ]);

  it.each(cases)(
    'renders the %s card of a %s in %s as a valid card in every variant',
    (card, kind, state) => {
      for (const source of [plainSource(kind, state), longSource(kind, state)]) {
        const model = buildCardModel(card, source);
        for (const texts of [ms, en]) {
          for (const options of VARIANTS) {
            const rendered = renderTeamsCard(model, texts, options);
            expect(adaptiveCardProblems(rendered), JSON.stringify(options)).toEqual([]);
            expect(rendered).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
          }
        }
      }
    },
  );

  it.each(cases)(
    'gives the %s card of a %s in %s one Action.Execute per action the card offers',
    (card, kind, state) => {
      const model = buildCardModel(card, plainSource(kind, state));
      const buttons = buttonsOf(renderTeamsCard(model, en));
      expect(buttons.map((b) => [b.type, b.verb, b.title])).toEqual(
        model.actions.map((a) => ['Action.Execute', actionIdOf(a), en.t(`action.${a}`)]),
      );
      for (const b of buttons) expect(b.data).toEqual({ ticketId: 'tkt-1', version: 3, card });
    },
  );

  it('shows Approve (positive) and Reject (destructive) on a pending approval, in the reader language', () => {
    const buttons = buttonsOf(renderTeamsCard(approval(), ms));
    expect(buttons).toEqual([
      {
        type: 'Action.Execute',
        verb: 'mailops.act.approve',
        title: 'Luluskan',
        data: { ticketId: 'tkt-1', version: 3, card: 'approval' },
        style: 'positive',
      },
      {
        type: 'Action.Execute',
        verb: 'mailops.act.reject',
        title: 'Tolak',
        data: { ticketId: 'tkt-1', version: 3, card: 'approval' },
        style: 'destructive',
      },
    ]);
    const soc = buildCardModel('soc', plainSource('change_request', 'implementing'));
    expect(buttonsOf(renderTeamsCard(soc, en)).map((b) => [b.verb, b.style])).toEqual([
      ['mailops.act.mark_implemented', undefined],
      ['mailops.act.escalate_to_vendor', undefined],
    ]);
  });

  it("gives the desk's card, after the requester's deadline, a Close unconfirmed Action.Execute", () => {
    const model = buildCardModel('desk', plainSource('change_request', 'awaiting_confirmation'));
    expect(buttonsOf(renderTeamsCard(model, ms))).toEqual([
      {
        type: 'Action.Execute',
        verb: 'mailops.act.close_unconfirmed',
        title: 'Tutup tanpa pengesahan',
        data: { ticketId: 'tkt-1', version: 3, card: 'desk' },
      },
    ]);
  });

  it('says what the ticket is, its state, the requester and who must act by when', () => {
    const card = renderTeamsCard(approval(), ms);
    expect(card.body[0]).toEqual({
      type: 'TextBlock',
      text: 'CR-2025-000042 · Tambah rakan.edu.my ke senarai putih',
      wrap: true,
      style: 'heading',
      size: 'large',
      weight: 'bolder',
    });
    // Status and requester lead the one FactSet of the fields: a FactSet of their own would have a title
    // column of its own, and its values would not line up with the fields' (UX review, 08).
    expect(elementsOf(card, 'FactSet')).toHaveLength(1);
    expect(card.body[1]).toMatchObject({ type: 'FactSet' });
    expect((card.body[1] as { facts: unknown[] }).facts.slice(0, 2)).toEqual([
      { title: 'Status', value: 'Menunggu kelulusan MAMPU/JDN' },
      { title: 'Pemohon (Pentadbir UC Agensi)', value: 'Aminah binti Ali' },
    ]);
    expect(card.fallbackText).toBe(
      'CR-2025-000042 · Tambah rakan.edu.my ke senarai putih (Menunggu kelulusan MAMPU/JDN)',
    );
    expect(textOf(card)).toContain('Menunggu tindakan Pelulus sebelum 18 Jun 2025, 10:00 PG (MYT)');
    // Drawn before the requester's deadline to test: after it, the desk may close (test/cards/who-acts.test.ts).
    const testing = { ...plainSource('change_request', 'awaiting_confirmation'), now: BEFORE_DEADLINE };
    const confirmation = buildCardModel('ticket', testing);
    expect(textOf(renderTeamsCard(confirmation, en))).toContain(
      'Waiting for Aminah binti Ali by 18 Jun 2025, 10:00 AM (MYT)',
    );
  });

  it("shows the form's fields as facts, translated", () => {
    expect(fieldFacts(renderTeamsCard(approval(), en))).toEqual([
      { title: 'Type of request', value: 'Add' },
      { title: 'Change description', value: 'Tambah <rakan.edu.my> & subdomain ke senarai putih.' },
    ]);
  });

  it('shows a typed markdown link as the words and the address, never as a link that hides where it goes', () => {
    const bait = '[Klik di sini untuk lulus segera](https://evil.example/login)';
    const source = plainSource('change_request', 'awaiting_approval');
    const card = renderTeamsCard(
      buildCardModel('approval', {
        ...source,
        title: bait,
        requesterName: `Aminah ${bait}`,
        fields: [{ label: { key: 'field.description' }, value: `Sila lihat ${bait}.` }],
      }),
      en,
    );
    const json = JSON.stringify(card);
    expect(json).not.toContain('](https://evil.example');
    expect(json).toContain('Klik di sini untuk lulus segera]\u200b(https://evil.example/login)');
  });

  it('replaces the buttons with "Processing…" right after a click', () => {
    const processing = renderTeamsCard(approval(), ms, { processing: true });
    expect(processing.actions).toBeUndefined();
    expect(textOf(processing)).toContain('Sedang diproses…');
    expect(textOf(renderTeamsCard(approval(), en, { processing: true }))).toContain('Processing…');
    expect(textOf(renderTeamsCard(approval(), en))).not.toContain('Processing…');
  });

  it('shows people who may not act the status only: no buttons, still who acts next', () => {
    const card = renderTeamsCard(approval(), en, { showActions: false });
    expect(card.actions).toBeUndefined();
    expect(elementsOf(card, 'Action.Execute')).toEqual([]);
    expect(textOf(card)).toContain('Waiting for Approver by 18 Jun 2025, 10:00 AM (MYT)');
  });

  it('shows the decision that took the buttons away', () => {
    const model = buildCardModel('approval', plainSource('change_request', 'awaiting_implementation'));
    const card = renderTeamsCard(model, ms);
    expect(card.actions).toBeUndefined();
    expect(textOf(card)).toContain('Diluluskan oleh Siti Nurhaliza (JDN) pada 16 Jun 2025, 10:00 PG (MYT)');
    expect(textOf(renderTeamsCard(model, en))).toContain(
      'Approved by Siti Nurhaliza (JDN) at 16 Jun 2025, 10:00 AM (MYT)',
    );
  });

  it('folds the ticket history behind a "Ticket history" toggle', () => {
    const card = renderTeamsCard(buildCardModel('ticket', plainSource('change_request', 'closed')), ms);
    const [toggle] = elementsOf<{ title: string; targetElements: string[] }>(card, 'Action.ToggleVisibility');
    expect(toggle?.title).toBe('Sejarah tiket');
    const [history] = elementsOf<{ id: string; isVisible: boolean }>(card, 'Container');
    expect(history).toMatchObject({ id: toggle?.targetElements[0], isVisible: false });
    expect(textOf(history)).toContain('15 Jun 2025, 9:00 PG (MYT) · Aminah binti Ali · Permohonan dihantar');
  });

  it('asks Teams to refresh the card for the given users, so each sees their own view', () => {
    const card = renderTeamsCard(approval(), ms, { refreshUserIds: ['29:1aad-siti', '29:1aad-kumar'] });
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'refresh',
        data: { ticketId: 'tkt-1', version: 3, card: 'approval' },
      },
      userIds: ['29:1aad-siti', '29:1aad-kumar'],
    });
    expect(renderTeamsCard(approval(), ms, { refreshUserIds: USERS_60 }).refresh?.userIds).toHaveLength(60);
    expect(renderTeamsCard(approval(), ms).refresh).toBeUndefined();
  });

  it('refuses more than the 60 users Teams gives user-specific views, instead of dropping some', () => {
    const users = [...USERS_60, '29:1aad-one-too-many'];
    expect(() => renderTeamsCard(approval(), ms, { refreshUserIds: users })).toThrow(
      /61 refresh user ids for CR-2025-000042; Teams shows user-specific views to at most 60 users/,
    );
  });

  it('cuts a very long answer with a visible note and keeps the card within the payload limit', () => {
    const description: CardField = {
      label: { key: 'field.description' },
      value: 'Tambah domain. '.repeat(4000),
    };
    const source = { ...plainSource('change_request', 'awaiting_approval'), fields: [description] };
    const card = renderTeamsCard(buildCardModel('approval', source), ms);
    const value = fieldFacts(card)[0]?.value ?? '';
    expect(value.startsWith('Tambah domain. Tambah domain.')).toBe(true);
    expect(value.endsWith('… (dipendekkan)')).toBe(true);
    expect(value.length).toBeLessThan(2100);
    expect(textOf(renderTeamsCard(buildCardModel('approval', source), en))).toContain('… (truncated)');
  });

  it('measures the limit in UTF-8 bytes and counts the fields left out', () => {
    const wide = (value: string): CardField => ({ label: { key: 'field.description' }, value });
    const fields = Array.from({ length: 150 }, (_, i) =>
      wide((i % 2 === 0 ? '電子メール' : '😀').repeat(3000)),
    );
    const source = { ...longSource('complaint', 'investigating'), fields };
    for (const texts of [ms, en]) {
      const card = renderTeamsCard(buildCardModel('soc', source), texts, { refreshUserIds: USERS_60 });
      expect(bytes(card)).toBeLessThanOrEqual(24_000);
      expect(adaptiveCardProblems(card)).toEqual([]);
    }
    expect(textOf(renderTeamsCard(buildCardModel('soc', source), ms))).toMatch(/dan \d+ medan lagi/);
  });

  it('shows every field of a change request written at full length, the long answers sharing the room', () => {
    // Sixteen fields of 3000 characters: whole, they would overrun Teams' payload budget.
    const fields = [
      ...ESSAY_FIELDS,
      ...ESSAY_FIELDS.filter((f) => typeof f.value === 'string' && f.value.length > 2000).flatMap((f) => [
        f,
        f,
        f,
      ]),
    ];
    for (const texts of [ms, en]) {
      const card = renderTeamsCard(buildCardModel('approval', { ...essaySource(), fields }), texts);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(textOf(card)).not.toMatch(/dan \d+ medan lagi|and \d+ more fields/);
      const facts = fieldFacts(card);
      expect(facts.map((f) => f.title)).toEqual(fields.map((f) => texts.t(f.label.key)));
      expect(facts.map((f) => f.value)).toContain('03-8888 0000');
      const clipped = facts.filter((f) => f.value.endsWith(texts.t('card.truncated')));
      expect(clipped).toHaveLength(16);
      const lengths = clipped.map((f) => Buffer.byteLength(f.value));
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThan(80);
    }
  });
});
