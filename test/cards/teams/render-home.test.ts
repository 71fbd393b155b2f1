import { describe, expect, it } from 'vitest';
import type { HomeModel, HomeTicket } from '../../../cards/home-model.ts';
import { renderSlackHome } from '../../../cards/slack/render-home.ts';
import type { Container } from '../../../cards/teams/adaptive-card.ts';
import { renderTeamsHome } from '../../../cards/teams/render-home.ts';
import { renderTeamsNotice } from '../../../cards/teams/render-notice.ts';
import { adaptiveCardProblems } from '../../support/adaptive-card-checks.ts';
import { long } from '../slack/fixtures.ts';
import { elementsOf, en, ms, textOf } from './fixtures.ts';

// The home card: my open tickets, what waits for me, what closed recently, each with an Open button
// (Action.Execute verb 'open'); one card within Teams' payload limit however many tickets there are.
// And the notice card that answers in place of a form.

const tickets = (count: number, title = 'Tambah rakan.edu.my ke senarai putih'): HomeTicket[] =>
  Array.from({ length: count }, (_, i) => ({
    ticketId: `tkt-${i}`,
    number: `CR-2025-${String(i).padStart(6, '0')}`,
    kind: 'change_request',
    state: 'awaiting_approval',
    title,
    requesterName: 'Aminah binti Ali',
    slaDueAt: new Date('2025-06-18T02:00:00Z'),
    actions: ['approve', 'reject'],
  }));

const home = (over: Partial<HomeModel> = {}): HomeModel => ({
  personName: 'Siti Nurhaliza',
  known: true,
  myOpen: [],
  waitingForMe: [],
  recentlyClosed: [],
  ...over,
});

describe('renderTeamsHome', () => {
  it('stays a valid card within the payload limit with 60 long tickets in every list, and says how many more', () => {
    const many = home({
      myOpen: tickets(60, long(800)),
      waitingForMe: tickets(60, '電子メール'.repeat(200)),
      recentlyClosed: tickets(60, '😀'.repeat(400)),
    });
    for (const texts of [ms, en]) {
      const card = renderTeamsHome(many, texts);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThanOrEqual(24_000);
      expect(elementsOf(card, 'Action.Execute').length).toBeGreaterThanOrEqual(3);
    }
    expect(textOf(renderTeamsHome(many, ms))).toContain('dan 50 lagi');
    expect(textOf(renderTeamsHome(many, en))).toContain('and 50 more');
  });

  it('lists each ticket with its state, SLA due time, my actions and an Open button', () => {
    const card = renderTeamsHome(home({ waitingForMe: tickets(1) }), ms);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('Tiket saya yang terbuka');
    expect(text).toContain('Menunggu tindakan saya');
    expect(text).toContain('Baru ditutup');
    const [ticket] = elementsOf<Container>(card, 'Container');
    expect(ticket?.items.map((e) => (e.type === 'TextBlock' ? e.text : e))).toEqual([
      'CR-2025-000000 · Tambah rakan.edu.my ke senarai putih',
      'Menunggu kelulusan MAMPU/JDN · Tarikh akhir SLA: 18 Jun 2025, 10:00 PG (MYT)',
      'Tindakan: Luluskan, Tolak',
      {
        type: 'ActionSet',
        actions: [{ type: 'Action.Execute', verb: 'open', title: 'Buka', data: { ticketId: 'tkt-0' } }],
      },
    ]);
  });

  it('says whom each of my open tickets waits for and by when, in place of the bare SLA time, on both platforms', () => {
    const next = {
      who: { role: 'approver' as const },
      name: null,
      people: ['Zulkifli bin Hassan', 'Noraini binti Abdullah'],
      dueAt: new Date('2025-06-18T02:00:00Z'),
    };
    const line =
      'Menunggu kelulusan MAMPU/JDN · Menunggu tindakan Pelulus: Zulkifli bin Hassan, Noraini binti Abdullah sebelum 18 Jun 2025, 10:00 PG (MYT)';
    const mine = home({ myOpen: [{ ...tickets(1)[0]!, actions: [], next }] });
    expect(textOf(renderTeamsHome(mine, ms))).toContain(line);
    expect(JSON.stringify(renderSlackHome(mine, ms))).toContain(line);
    expect(textOf(renderTeamsHome(mine, ms))).not.toContain('Tarikh akhir SLA');
  });

  it('lists actions only under "waiting for my action"', () => {
    const card = renderTeamsHome(home({ myOpen: tickets(1) }), en);
    expect(textOf(card)).not.toContain('Actions:');
    expect(elementsOf(card, 'Action.Execute')).toHaveLength(1);
  });

  it('tells someone with nothing to do how to start', () => {
    const card = renderTeamsHome(home(), ms);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('/changerequest');
    expect(textOf(card)).toContain('/mailcomplaint');
  });

  it('tells a person missing from the configuration to ask the administrator', () => {
    const card = renderTeamsHome(home({ known: false, personName: null }), en);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('Please ask the administrator');
    expect(elementsOf(card, 'Action.Execute')).toEqual([]);
  });
});

describe('renderTeamsNotice', () => {
  it('says one thing in a small valid card', () => {
    const card = renderTeamsNotice('Sudah dibuat: Diluluskan oleh Siti Nurhaliza (JDN).', ms);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Sudah dibuat: Diluluskan oleh Siti Nurhaliza (JDN).', wrap: true },
    ]);
    expect(card.actions).toBeUndefined();
  });

  it('cuts a runaway text with the visible note', () => {
    const card = renderTeamsNotice(long(50_000), en);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('… (truncated)');
  });
});
