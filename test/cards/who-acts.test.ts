import { describe, expect, it } from 'vitest';
import { renderSlackCard } from '../../cards/slack/render-card.ts';
import { renderTeamsCard } from '../../cards/teams/render-card.ts';
import { buildCardModel } from '../../cards/ticket-card.ts';
import type { Role } from '../../flows/types.ts';
import { BEFORE_DEADLINE, plainSource } from './slack/fixtures.ts';
import { en, ms, textOf } from './teams/fixtures.ts';

// "Waiting for …" names the people who may act when a role must, not the role alone (UX review): the
// first three, then how many more, on Slack and Teams alike.

const APPROVERS = [
  'Zulkifli bin Hassan',
  'Noraini binti Ahmad',
  'Lim Mei Ling',
  'Kumar a/l Rajan',
  'Siti Aishah',
];

/** People with ids made from their names, as the directory gives them. */
const peopleNamed = (names: readonly string[]) =>
  names.map((name) => ({ id: `u-${name.split(' ')[0]!.toLowerCase()}`, name }));

function approval(names: readonly string[], reader?: string) {
  const peopleWithRole = (role: Role) => (role === 'approver' ? peopleNamed(names) : []);
  return buildCardModel('approval', {
    ...plainSource('change_request', 'awaiting_approval'),
    peopleWithRole,
    ...(reader ? { reader } : {}),
  });
}

describe('who must act next', () => {
  it('names the first three people of the role and counts the others', () => {
    const line =
      'Menunggu tindakan Pelulus: Zulkifli bin Hassan, Noraini binti Ahmad, Lim Mei Ling, +2 lagi sebelum';
    expect(textOf(renderTeamsCard(approval(APPROVERS), ms))).toContain(line);
    expect(JSON.stringify(renderSlackCard(approval(APPROVERS), ms))).toContain(line);
    expect(textOf(renderTeamsCard(approval(APPROVERS), en))).toContain(
      'Waiting for Approver: Zulkifli bin Hassan, Noraini binti Ahmad, Lim Mei Ling, +2 more by',
    );
  });

  it('lists everyone when there are three or fewer, and the role alone when nobody holds it', () => {
    expect(textOf(renderTeamsCard(approval(APPROVERS.slice(0, 2)), en))).toContain(
      'Waiting for Approver: Zulkifli bin Hassan, Noraini binti Ahmad by',
    );
    expect(textOf(renderTeamsCard(approval([]), en))).toContain('Waiting for Approver by');
  });

  it('past the requester’s deadline to test, says the desk may now close it unconfirmed, and whose that is', () => {
    // Drawn a day after the deadline (SOP 4.2.1 step 9: "Menutup tiket. — 1GovUC SD").
    const peopleWithRole = (role: Role) =>
      role === 'service_desk' ? peopleNamed(['Nur Farah binti Ahmad']) : [];
    const source = { ...plainSource('complaint', 'awaiting_confirmation'), peopleWithRole };
    for (const card of ['confirmation', 'desk'] as const) {
      const model = buildCardModel(card, source);
      expect(textOf(renderTeamsCard(model, ms))).toContain(
        'Menunggu tindakan Aminah binti Ali; tarikh akhir 18 Jun 2025, 10:00 PG (MYT) telah berlalu, jadi Meja Bantuan (Nur Farah binti Ahmad) kini boleh menutup tiket ini tanpa pengesahan',
      );
      expect(JSON.stringify(renderSlackCard(model, en))).toContain(
        'Waiting for Aminah binti Ali; the deadline, 18 Jun 2025, 10:00 AM (MYT), has passed, so Service desk (Nur Farah binti Ahmad) may now close this ticket without confirmation',
      );
    }
  });

  it('before that deadline, names only the requester and the deadline', () => {
    const source = plainSource('complaint', 'awaiting_confirmation');
    const early = { ...source, now: BEFORE_DEADLINE };
    const line = textOf(renderTeamsCard(buildCardModel('desk', early), en));
    expect(line).toContain('Waiting for Aminah binti Ali by 18 Jun 2025, 10:00 AM (MYT)');
    expect(line).not.toContain('may now close');
  });

  describe('on a copy drawn for one reader (their chat with the bot, their own view in Teams)', () => {
    it('says "you" to the person who must act, not their own name', () => {
      const source = { ...plainSource('complaint', 'awaiting_confirmation'), now: BEFORE_DEADLINE };
      const mine = buildCardModel('confirmation', { ...source, reader: 'u-aminah' });
      expect(textOf(renderTeamsCard(mine, ms))).toContain(
        'Menunggu tindakan anda sebelum 18 Jun 2025, 10:00 PG (MYT)',
      );
      expect(JSON.stringify(renderSlackCard(mine, en))).toContain(
        'Waiting for you by 18 Jun 2025, 10:00 AM (MYT)',
      );
      // Anyone else's copy names her.
      const theirs = buildCardModel('confirmation', { ...source, reader: 'u-zulkifli' });
      expect(textOf(renderTeamsCard(theirs, en))).toContain('Waiting for Aminah binti Ali by');
    });

    it('puts "you" first among the people of the role, and still counts them all', () => {
      const line = textOf(renderTeamsCard(approval(APPROVERS, 'u-lim'), en));
      expect(line).toContain(
        'Waiting for Approver: you, Zulkifli bin Hassan, Noraini binti Ahmad, +2 more by',
      );
      expect(line).not.toContain('Lim Mei Ling');
      expect(textOf(renderTeamsCard(approval(APPROVERS.slice(0, 2), 'u-noraini'), ms))).toContain(
        'Menunggu tindakan Pelulus: anda, Zulkifli bin Hassan sebelum',
      );
      // A reader who does not hold the role reads the names alone.
      expect(textOf(renderTeamsCard(approval(APPROVERS.slice(0, 2), 'u-aminah'), en))).toContain(
        'Waiting for Approver: Zulkifli bin Hassan, Noraini binti Ahmad by',
      );
    });

    it('past the deadline, tells a desk officer that they may close it', () => {
      const peopleWithRole = (role: Role) =>
        role === 'service_desk' ? peopleNamed(['Nur Farah binti Ahmad', 'Ravi a/l Muthu']) : [];
      const source = { ...plainSource('complaint', 'awaiting_confirmation'), peopleWithRole };
      const desk = buildCardModel('desk', { ...source, reader: 'u-ravi' });
      expect(textOf(renderTeamsCard(desk, en))).toContain(
        'so Service desk (you, Nur Farah binti Ahmad) may now close this ticket',
      );
      const requester = buildCardModel('confirmation', { ...source, reader: 'u-aminah' });
      expect(JSON.stringify(renderSlackCard(requester, ms))).toContain(
        'Menunggu tindakan anda; tarikh akhir 18 Jun 2025, 10:00 PG (MYT) telah berlalu, jadi Meja Bantuan (Nur Farah binti Ahmad, Ravi a/l Muthu) kini boleh',
      );
    });
  });
});
