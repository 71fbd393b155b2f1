import { describe, expect, it } from 'vitest';
import { createTranslator, renderMessage } from '../../src/i18n/index.ts';

describe('createTranslator', () => {
  it('fills parameters in the chosen language', () => {
    expect(createTranslator('en')('common.more', { count: 3 })).toBe('and 3 more');
    expect(createTranslator('ms')('common.more', { count: 3 })).toBe('dan 3 lagi');
  });

  it('returns an unknown key as itself and tells the caller, instead of throwing', () => {
    const missing: string[] = [];
    const t = createTranslator('ms', { onMissing: (key) => missing.push(key) });
    expect(t('no.such.key')).toBe('no.such.key');
    expect(missing).toEqual(['no.such.key']);
  });

  it('leaves a parameter the caller did not pass visible', () => {
    expect(createTranslator('en')('common.more')).toBe('and {count} more');
  });
});

describe('renderMessage', () => {
  it('renders a flow message reference for the reader', () => {
    const ref = {
      key: 'sla.remind.awaiting_approval',
      params: { number: 'CR-2026-000042', hours: 18, count: 1, max: 3 },
    };
    expect(renderMessage(ref, 'en')).toBe(
      'Reminder 1/3: change request CR-2026-000042 has waited more than 18 business hours for a decision. ' +
        'Please approve or reject it.',
    );
    expect(renderMessage(ref, 'ms')).toContain('CR-2026-000042');
    expect(renderMessage(ref, 'ms')).toContain('18 jam bekerja');
  });

  it('shows a deadline the flows pass as ISO 8601 in Malaysia time, in the reader language', () => {
    const ref = { key: 'refusal.confirmation_not_overdue', params: { dueAt: '2025-06-18T02:00:00.000Z' } };
    expect(renderMessage(ref, 'ms')).toContain('sehingga 18 Jun 2025, 10:00 PG (MYT).');
    expect(renderMessage(ref, 'en')).toContain('until 18 Jun 2025, 10:00 AM (MYT) to test');
  });
});
