import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import type { Actor } from '../../flows/types.ts';
import { tickets } from '../../src/i18n/catalog/tickets.ts';
import { renderMessage } from '../../src/i18n/index.ts';
import { describeResult, namesNextStep } from '../../src/tickets/describe-result.ts';
import { NOW, ticket, VALID } from '../flows/fixtures.ts';
import { WRONG_ROLE_ON_APPROVAL } from './refusals.ts';

// What a person is told after acting, in Malay (default) and English.

const siti = {
  actorId: 'u-siti',
  actorName: 'Siti Nurhaliza (JDN)',
  at: new Date('2026-03-02T02:05:00Z'),
  action: 'approve',
  toState: 'awaiting_implementation',
};

describe('the reply to an action', () => {
  it("tells a press on a card whose ticket is gone where the list is on either platform, not Slack's alone", () => {
    const result = { status: 'not_found' } as const;
    expect(describeResult(result, 'ms').text).toContain('(App Home di Slack; taip `tiket` di Teams)');
    expect(describeResult(result, 'en').text).toContain('(App Home in Slack; type `tickets` in Teams)');
  });

  it('tells a repeated click who already did it and when, in Malaysia time', () => {
    const result = { status: 'already_done', ticketNumber: 'CR-2026-000007', by: siti } as const;
    expect(describeResult(result, 'ms').text).toBe(
      'Sudah dibuat: Diluluskan oleh Siti Nurhaliza (JDN) pada 2 Mac 2026, 10:05 PG (MYT).',
    );
    expect(describeResult(result, 'en').text).toBe(
      'Already done: Approved by Siti Nurhaliza (JDN) at 2 Mar 2026, 10:05 AM (MYT).',
    );
  });

  it('names the decision that won when a late click no longer applies', () => {
    const result = {
      status: 'refused',
      refusal: {
        ok: false,
        code: 'illegal_transition',
        reason: { key: 'refusal.illegal_transition', params: { state: 'awaiting_implementation' } },
      },
      lastDecision: siti,
    } as const;
    const text = describeResult(result, 'en').text;
    expect(
      text.startsWith('Already done: Approved by Siti Nurhaliza (JDN) at 2 Mar 2026, 10:05 AM (MYT).'),
    ).toBe(true);
    expect(text).not.toContain('awaiting_implementation');
  });

  it('tells the approver who lost a race who decided, who acts next, and offers no step of SOC', () => {
    const approved = ticket('change_request', 'awaiting_implementation', { approverId: siti.actorId });
    const noraini: Actor = { id: 'u-noraini', name: 'Noraini binti Abdullah', roles: ['approver'] };
    const refusal = decide(approved, VALID.approve, noraini, NOW);
    if (refusal.ok) return expect.fail('expected a refusal');
    const result = { status: 'refused', refusal, lastDecision: siti } as const;
    expect(describeResult(result, 'ms').text).toBe(
      'Sudah dibuat: Diluluskan oleh Siti Nurhaliza (JDN) pada 2 Mac 2026, 10:05 PG (MYT). ' +
        'Tindakan ini tidak boleh diambil semasa tiket berstatus Menunggu pelaksanaan VAS SOC. ' +
        'Tindakan seterusnya oleh Pusat Operasi Keselamatan (SOC): Mulakan pelaksanaan. ' +
        'Tiada tindakan yang boleh anda ambil pada tiket ini sekarang.',
    );
    expect(describeResult(result, 'en').text).not.toContain('What you can do now');
  });

  it('tells a repeated click who acts next as well', () => {
    const whatNow = [
      { key: 'next.by_role', params: { role: 'soc', actions: 'start_implementation' } },
      { key: 'next.none' },
    ];
    const result = { status: 'already_done', ticketNumber: 'CR-2026-000007', by: siti, whatNow } as const;
    expect(describeResult(result, 'en').text).toBe(
      'Already done: Approved by Siti Nurhaliza (JDN) at 2 Mar 2026, 10:05 AM (MYT). ' +
        'Next step, for Security operations centre (SOC): Start implementation. ' +
        'There is nothing for you to do on this ticket now.',
    );
  });

  it('names the people the ticket waits for, in the card’s words, where the role alone would be said', () => {
    const refused = WRONG_ROLE_ON_APPROVAL;
    const waiting =
      'Menunggu tindakan Pelulus: Noraini binti Abdullah, Zulkifli sebelum 2 Dis 2026, 3:00 PTG (MYT)';
    expect(describeResult(refused, 'ms', '', waiting).text).toBe(
      `Tindakan ini hanya boleh diambil oleh peranan Pelulus. ${waiting}. ` +
        'Tiada tindakan yang boleh anda ambil pada tiket ini sekarang.',
    );
    // Without the names (the card could not be read), the role is still said.
    expect(describeResult(refused, 'ms').text).toContain('Tindakan seterusnya oleh Pelulus: Luluskan');
    expect(namesNextStep(refused)).toBe(true);
    expect(
      namesNextStep({ status: 'refused', refusal: { ...refused.refusal, whatNow: [] }, lastDecision: null }),
    ).toBe(false);
  });

  it('gives a wrong-role refusal no “already done”, and puts form errors on their fields', () => {
    const wrongRole = {
      status: 'refused',
      refusal: {
        ok: false,
        code: 'wrong_role',
        reason: { key: 'refusal.wrong_role', params: { role: 'approver' } },
      },
      lastDecision: siti,
    } as const;
    expect(describeResult(wrongRole, 'en').text).not.toContain('Already done');
    const invalid = {
      status: 'refused',
      refusal: {
        ok: false,
        code: 'invalid_input',
        reason: { key: 'refusal.invalid_input' },
        fieldErrors: { comments: { key: 'form.error.comments_required_on_reject' } },
      },
      lastDecision: null,
    } as const;
    const described = describeResult(invalid, 'ms');
    expect(Object.keys(described.fieldErrors ?? {})).toEqual(['comments']);
    expect(described.fieldErrors?.comments).not.toContain('form.error');
  });

  it('says which ticket was not found and what a number looks like', () => {
    expect(describeResult({ status: 'not_found' }, 'en', 'CR-2026-999999').text).toBe(
      'Ticket CR-2026-999999 was not found. Check the ticket number (for example CR-2026-000123).',
    );
  });
});

describe('who did a step, in one phrase', () => {
  const steps = Object.keys(tickets.ms).filter((key) => key.startsWith('past.'));
  const by = { ms: / oleh /g, en: / by /g } as const;

  it.each(steps)('%s names the person once: "oleh" and "by" appear once', (step) => {
    for (const locale of ['ms', 'en'] as const) {
      const action = renderMessage({ key: step }, locale);
      const params = { action, name: 'Azlan bin Omar', at: '30 Nov 2026' };
      for (const key of ['done.by', 'done.already']) {
        const text = renderMessage({ key, params }, locale);
        expect(text.match(by[locale])?.length, text).toBe(1);
      }
    }
  });

  it('says who resolved it on the vendor’s side', () => {
    const action = renderMessage({ key: 'past.vendor_resolved' }, 'ms');
    const params = { action, name: 'Azlan bin Omar', at: '30 Nov 2026' };
    expect(renderMessage({ key: 'done.by', params }, 'ms')).toBe(
      'Diselesaikan di pihak vendor oleh Azlan bin Omar pada 30 Nov 2026',
    );
  });
});
