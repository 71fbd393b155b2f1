import { describe, expect, it } from 'vitest';
import type { HomeModel, HomeTicket } from '../../../cards/home-model.ts';
import { OPEN_TICKET_ACTION_ID } from '../../../cards/ids.ts';
import type { SectionBlock } from '../../../cards/slack/block-kit.ts';
import { blockKitProblems } from '../../../cards/slack/problems.ts';
import { renderSlackHome } from '../../../cards/slack/render-home.ts';
import { textsFor } from '../../../src/i18n/texts.ts';
import { long } from './fixtures.ts';

// App Home: my open tickets, what waits for me, what closed recently, each with an Open button; within
// the 100 blocks of a Home tab however many tickets there are.

const ms = textsFor('ms');
const en = textsFor('en');

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

const text = (view: unknown) => JSON.stringify(view);

describe('renderSlackHome', () => {
  it('stays within 100 blocks with 60 tickets in every list, and says how many more there are', () => {
    const many = home({
      myOpen: tickets(60, long(800)),
      waitingForMe: tickets(60),
      recentlyClosed: tickets(60),
    });
    for (const texts of [ms, en]) expect(blockKitProblems(renderSlackHome(many, texts))).toEqual([]);
    expect(text(renderSlackHome(many, ms))).toContain('dan 35 lagi');
    expect(text(renderSlackHome(many, en))).toContain('and 35 more');
  });

  it('lists each ticket with its state, SLA due time, my actions and an Open button', () => {
    const view = renderSlackHome(home({ waitingForMe: tickets(1) }), ms);
    expect(text(view)).toContain('Tiket saya yang terbuka');
    expect(text(view)).toContain('Menunggu tindakan saya');
    expect(text(view)).toContain('Baru ditutup');
    const ticket = view.blocks.find(
      (b): b is SectionBlock => b.type === 'section' && b.accessory !== undefined,
    );
    expect(ticket?.text?.text).toBe(
      '*CR-2025-000000* · Tambah rakan.edu.my ke senarai putih\n' +
        'Menunggu kelulusan MAMPU/JDN · Tarikh akhir SLA: 18 Jun 2025, 10:00 PG (MYT)\n' +
        'Tindakan: Luluskan, Tolak',
    );
    expect(ticket?.accessory).toMatchObject({
      action_id: OPEN_TICKET_ACTION_ID,
      value: 'tkt-0',
      text: { text: 'Buka' },
    });
  });

  it('tells someone with nothing to do how to start', () => {
    const view = renderSlackHome(home(), ms);
    expect(blockKitProblems(view)).toEqual([]);
    expect(text(view)).toContain('/changerequest');
    expect(text(view)).toContain('/mailcomplaint');
  });

  it('tells a person missing from the configuration to ask the admin for their Slack ID to be added', () => {
    const view = renderSlackHome(home({ known: false, personName: null }), en);
    expect(blockKitProblems(view)).toEqual([]);
    expect(text(view)).toContain('ask the administrator to add your Slack ID to the configuration');
    expect(text(renderSlackHome(home({ known: false }), ms))).toContain('menambah ID Slack anda');
  });
});
