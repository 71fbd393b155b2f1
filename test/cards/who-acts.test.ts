import { describe, expect, it } from 'vitest';
import { renderSlackCard } from '../../cards/slack/render-card.ts';
import { renderTeamsCard } from '../../cards/teams/render-card.ts';
import { buildCardModel } from '../../cards/ticket-card.ts';
import type { Role } from '../../flows/types.ts';
import { plainSource } from './slack/fixtures.ts';
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

function approval(names: readonly string[]) {
  const namesWithRole = (role: Role) => (role === 'approver' ? names : []);
  return buildCardModel('approval', { ...plainSource('change_request', 'awaiting_approval'), namesWithRole });
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
});
