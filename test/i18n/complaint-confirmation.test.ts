import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/i18n/index.ts';

// SOP 4.2 step 6 asks the requester to test what VAS SOC says it fixed; step 7, her test, decides. The bot
// reports SOC's word and its own re-check, and never states as fact what the re-check may contradict.

const recheck = (stillFailing: number, untested = 0) => ({
  key: 'notify.ad.recheck_confirmation_requested',
  params: { number: 'AD-2026-000001', fixed: 0, stillFailing, untested },
});

describe('the request to test a complaint VAS SOC marked resolved', () => {
  it('says whose word "resolved" is, beside a re-check that still finds a failure', () => {
    expect(renderMessage(recheck(1), 'ms')).toMatch(
      /^VAS SOC telah menandakan aduan AD-2026-000001 selesai dan mailops telah mengulang semakan: 0 telah dibetulkan, 1 masih gagal, 0 tidak dapat diuji semula/,
    );
    expect(renderMessage(recheck(1), 'en')).toMatch(
      /^VAS SOC has marked complaint AD-2026-000001 resolved and mailops checked again: 0 fixed, 1 still failing, 0 could not be tested again/,
    );
  });

  it('says what the re-check could not test is the requester\'s own test to decide, not "0 still failing" alone', () => {
    expect(renderMessage(recheck(0, 9), 'ms')).toContain(
      '0 masih gagal, 9 tidak dapat diuji semula (ujian anda yang menentukannya). Sila uji',
    );
    expect(renderMessage(recheck(0, 9), 'en')).toContain(
      '0 still failing, 9 could not be tested again (your test decides those). Please test',
    );
  });

  it('says so too when the bot ran no checks to compare', () => {
    const ref = { key: 'notify.ad.confirmation_requested', params: { number: 'AD-2026-000001' } };
    expect(renderMessage(ref, 'ms')).toMatch(/^VAS SOC telah menandakan aduan AD-2026-000001 selesai\. /);
    expect(renderMessage(ref, 'en')).toMatch(/^VAS SOC has marked complaint AD-2026-000001 resolved\. /);
  });
});
