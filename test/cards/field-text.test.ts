import { describe, expect, it } from 'vitest';
import { fieldValueText } from '../../cards/field-text.ts';
import { textsFor } from '../../src/i18n/texts.ts';

describe('a card field as the reader sees it', () => {
  const ms = textsFor('ms');
  const en = textsFor('en');

  it('shows a moment and a window in Malaysia time, never as a UTC timestamp', () => {
    const at = new Date('2026-12-07T02:00:00Z');
    expect(fieldValueText({ at }, ms)).toBe(ms.formatDate(at));
    expect(fieldValueText({ at }, ms)).toContain('10:00');
    expect(fieldValueText({ at }, ms)).toContain('(MYT)');
    const window = { from: at, to: new Date('2026-12-07T03:30:00Z') };
    expect(fieldValueText(window, en)).toBe(`${en.formatDate(window.from)} – ${en.formatDate(window.to)}`);
    expect(fieldValueText(window, en)).not.toMatch(/T\d{2}:\d{2}/);
  });

  it("shows a moment a field's sentence carries in Malaysia time too", () => {
    const value = { key: 'field.requested_before_due', params: { dueAt: '2026-12-07T02:00:00.000Z' } };
    expect(fieldValueText(value, en)).toBe(
      "the requested date & time falls before this step's deadline (7 Dec 2026, 10:00 AM (MYT)): act sooner to keep it",
    );
  });

  it('keeps typed text as typed and translates a form choice', () => {
    expect(fieldValueText('Tambah rakan.com.my', ms)).toBe('Tambah rakan.com.my');
    expect(fieldValueText({ key: 'option.risk.low' }, en)).toBe(en.t('option.risk.low'));
  });
});
