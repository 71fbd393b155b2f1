import { describe, expect, it } from 'vitest';
import { actionIdOf } from '../../../cards/ids.ts';
import type { ActionsBlock, Block, SlackMessage } from '../../../cards/slack/block-kit.ts';
import { blockKitProblems } from '../../../cards/slack/problems.ts';
import { renderSlackCard } from '../../../cards/slack/render-card.ts';
import { buildCardModel } from '../../../cards/ticket-card.ts';
import { CARD_KINDS, CHANGE_REQUEST_STATES, COMPLAINT_STATES } from '../../../flows/types.ts';
import { textsFor } from '../../../src/i18n/texts.ts';
import { BEFORE_DEADLINE, ESSAY_FIELDS, essaySource, longSource, plainSource } from './fixtures.ts';

// Ticket cards as Slack messages: every card in every state stays within Block Kit's limits however long
// the form's answers are, says who acts next and by when, and its buttons identify ticket and version.

const ms = textsFor('ms');
const en = textsFor('en');

const allText = (message: SlackMessage) => JSON.stringify(message.blocks);
/** Every mrkdwn text in a tree of blocks. */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (node === null || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
}
const escaped = (text: string) => text.replaceAll('&', '&amp;');
const actionsOf = (blocks: readonly Block[]) =>
  blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements);

describe('renderSlackCard', () => {
  const cases = CARD_KINDS.flatMap((card) => [
    ...CHANGE_REQUEST_STATES.map((state) => [card, 'change_request', state] as const),
    ...COMPLAINT_STATES.map((state) => [card, 'complaint', state] as const),
  ]);

  it.each(cases)(
    'keeps the %s card of a %s in %s within Block Kit limits with 40 long fields',
    (card, kind, state) => {
      const model = buildCardModel(card, longSource(kind, state));
      for (const texts of [ms, en]) {
        for (const processing of [false, true]) {
          const message = renderSlackCard(model, texts, { processing });
          expect(blockKitProblems(message)).toEqual([]);
        }
      }
    },
  );

  it('clips long fields with a visible truncation note and counts the ones left out', () => {
    const source = longSource('change_request', 'awaiting_approval');
    const fields = [...source.fields, ...source.fields, ...source.fields];
    const model = buildCardModel('approval', { ...source, fields });
    const msText = allText(renderSlackCard(model, ms));
    expect(msText).toContain('… (dipendekkan)');
    expect(msText).toMatch(/dan \d+ medan lagi/);
    expect(allText(renderSlackCard(model, en))).toContain('… (truncated)');
  });

  it('shows every field of a change request written at full length, the long answers sharing the room', () => {
    for (const texts of [ms, en]) {
      const message = renderSlackCard(buildCardModel('approval', essaySource()), texts);
      expect(blockKitProblems(message)).toEqual([]);
      const text = mrkdwnTexts(message.blocks).join('\n');
      expect(text).not.toMatch(/dan \d+ medan lagi|and \d+ more fields/);
      // Section B's plan reaches the approver even though Section A came first at full length.
      for (const field of ESSAY_FIELDS) expect(text).toContain(`*${escaped(texts.t(field.label.key))}*`);
      for (const short of ['rakan.edu.my', '03-8888 0000', '20 Jun 2025, 10:00 PG'])
        expect(text).toContain(short);
      const essays = mrkdwnTexts(message.blocks).filter((t) => t.includes(texts.t('card.truncated')));
      expect(essays).toHaveLength(4);
      // One level for the four: none is starved for another's sake.
      const lengths = essays.map((t) => t.length);
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThan(60);
      expect(Math.min(...lengths)).toBeGreaterThan(1500);
    }
  });

  it('shares the room only among the fields the block limit lets in', () => {
    // Sixty long answers: Block Kit's 50 blocks leave some out, and those must not take a share of the room.
    const fields = Array.from({ length: 60 }, () => ESSAY_FIELDS[2]!);
    const message = renderSlackCard(buildCardModel('approval', { ...essaySource(), fields }), ms);
    expect(blockKitProblems(message)).toEqual([]);
    const essays = mrkdwnTexts(message.blocks).filter((t) => t.startsWith('*Keterangan perubahan*'));
    expect(essays.length).toBeLessThan(60);
    expect(allText(message)).toMatch(/dan \d+ medan lagi/);
    const used = essays.reduce((sum, t) => sum + t.length, 0);
    expect(used).toBeGreaterThan(0.85 * 9000);
  });

  it('says what the ticket is, its state, and who must act by when', () => {
    const message = renderSlackCard(
      buildCardModel('approval', plainSource('change_request', 'awaiting_approval')),
      ms,
    );
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'CR-2025-000042 · Tambah rakan.edu.my ke senarai putih' },
    });
    expect(message.text).toBe(
      'CR-2025-000042 · Tambah rakan.edu.my ke senarai putih (Menunggu kelulusan MAMPU/JDN)',
    );
    const text = allText(message);
    expect(text).toContain('Menunggu kelulusan MAMPU/JDN');
    expect(text).toContain('Menunggu tindakan Pelulus sebelum 18 Jun 2025, 10:00 PG (MYT)');
    expect(text).toContain('Tambah');
    // Drawn before the requester's deadline to test: after it, the desk may close (test/cards/who-acts.test.ts).
    const testing = { ...plainSource('change_request', 'awaiting_confirmation'), now: BEFORE_DEADLINE };
    expect(allText(renderSlackCard(buildCardModel('ticket', testing), en))).toContain(
      'Waiting for Aminah binti Ali by 18 Jun 2025, 10:00 AM (MYT)',
    );
  });

  it('escapes typed text so it cannot mention a channel or forge a link', () => {
    const text = allText(
      renderSlackCard(buildCardModel('approval', plainSource('change_request', 'awaiting_approval')), ms),
    );
    expect(text).toContain('Tambah &lt;rakan.edu.my&gt; &amp; subdomain');
    const message = renderSlackCard(
      buildCardModel('approval', longSource('change_request', 'awaiting_approval')),
      ms,
    );
    // Plain text (the header, buttons) is never parsed for mentions; mrkdwn and the fallback text are.
    const mrkdwn = [message.text, ...mrkdwnTexts(message.blocks)];
    expect(mrkdwn.filter((t) => t.includes('<'))).toEqual([]);
    expect(mrkdwn.join('\n')).toContain('&lt;!channel&gt;');
  });

  it('gives each button its action id and the ticket id and version, approve primary and reject danger', () => {
    const model = buildCardModel('approval', plainSource('change_request', 'awaiting_approval'));
    const buttons = actionsOf(renderSlackCard(model, ms).blocks);
    expect(buttons.map((b) => b.action_id)).toEqual([actionIdOf('approve'), actionIdOf('reject')]);
    expect(buttons.map((b) => b.text.text)).toEqual(['Luluskan', 'Tolak']);
    expect(buttons.map((b) => b.style)).toEqual(['primary', 'danger']);
    for (const b of buttons) expect(JSON.parse(b.value ?? '')).toEqual({ ticketId: 'tkt-1', version: 3 });
  });

  it("gives the desk's card, after the requester's deadline, a Close unconfirmed button opening its form", () => {
    const model = buildCardModel('desk', plainSource('complaint', 'awaiting_confirmation'));
    const buttons = actionsOf(renderSlackCard(model, ms).blocks);
    expect(buttons.map((b) => [b.action_id, b.text.text, b.style])).toEqual([
      [actionIdOf('close_unconfirmed'), 'Tutup tanpa pengesahan', undefined],
    ]);
    expect(actionsOf(renderSlackCard(model, en).blocks)[0]?.text.text).toBe('Close unconfirmed');
  });

  it('replaces the buttons with "Processing…" right after a click', () => {
    const model = buildCardModel('approval', plainSource('change_request', 'awaiting_approval'));
    const ms1 = renderSlackCard(model, ms, { processing: true });
    expect(actionsOf(ms1.blocks)).toEqual([]);
    expect(allText(ms1)).toContain('Sedang diproses…');
    expect(allText(renderSlackCard(model, en, { processing: true }))).toContain('Processing…');
  });

  it('shows the decision that took the buttons away', () => {
    const model = buildCardModel('approval', plainSource('change_request', 'awaiting_implementation'));
    const message = renderSlackCard(model, ms);
    expect(actionsOf(message.blocks)).toEqual([]);
    expect(allText(message)).toContain(
      'Diluluskan oleh Siti Nurhaliza (JDN) pada 16 Jun 2025, 10:00 PG (MYT)',
    );
    expect(allText(renderSlackCard(model, en))).toContain(
      'Approved by Siti Nurhaliza (JDN) at 16 Jun 2025, 10:00 AM (MYT)',
    );
  });

  it('shows the ticket history', () => {
    const text = allText(
      renderSlackCard(buildCardModel('ticket', plainSource('change_request', 'closed')), ms),
    );
    expect(text).toContain('Sejarah tiket');
    expect(text).toContain('15 Jun 2025, 9:00 PG (MYT) · Aminah binti Ali · Permohonan dihantar');
  });
});
