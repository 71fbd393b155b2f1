import { describe, expect, it } from 'vitest';
import { learnedSelectors } from '../../../src/mail/probe/delivery.ts';
import type { AuthResults, ProbeReport } from '../../../src/mail/probe/delivery-types.ts';

const auth = (dkim: { domain: string; selector: string; result?: string }[]): AuthResults => ({
  spf: { result: 'pass', domain: null },
  dkim: dkim.map((d) => ({ result: 'pass', aligned: true, keyType: 'rsa' as const, keyBits: 2048, ...d })),
  dmarc: { result: 'pass', policy: null, domain: null },
});

const report = (result: ProbeReport['result'], dkim: Parameters<typeof auth>[0]): ProbeReport =>
  ({ result, auth: auth(dkim) }) as ProbeReport;

describe('learnedSelectors', () => {
  it("keeps the selectors of delivered copies signed for the agency or the outside mailbox's domain, once", () => {
    const probes = [
      report('delivered', [
        { domain: 'agency.test', selector: 'probe2026' },
        { domain: 'esp.example', selector: 's1' },
      ]),
      report('delivered', [{ domain: 'gmail.com', selector: '20230601', result: 'fail' }]),
      report('delivered', [{ domain: 'agency.test', selector: 'probe2026' }]),
      report('bounce', [{ domain: 'agency.test', selector: 'other' }]),
    ];
    expect(learnedSelectors(probes, ['agency.test', 'gmail.com'])).toEqual([
      { domain: 'agency.test', selector: 'probe2026' },
      { domain: 'gmail.com', selector: '20230601' },
    ]);
  });
});
