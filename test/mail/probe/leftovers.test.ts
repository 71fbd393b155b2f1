import { describe, expect, it } from 'vitest';
import { probesNamedIn } from '../../../src/mail/probe/leftovers.ts';

// Which probes a leftover in a probe mailbox names, before classify-message.ts decides whether it is one of
// theirs (the sweep itself runs against Dovecot in test/delivery/run-delivery.integration.test.ts).

describe('probesNamedIn', () => {
  it('finds probe ids as whole tokens, once each, whatever their case', () => {
    const raw = [
      'Subject: Re: mailops probe mop-abcdefghij',
      'X-Mailops-Probe: MOP-ABCDEFGHIJ',
      '',
      'quoted: mop-0123456789 and not xmop-0123456789z nor mop-0123456789abc',
    ].join('\r\n');
    expect(probesNamedIn(raw)).toEqual([{ id: 'mop-abcdefghij' }, { id: 'mop-0123456789' }]);
  });

  it("finds the probes' own Message-IDs, which stand for a probe whose id the message no longer carries", () => {
    const raw = 'In-Reply-To: <1764300000000.0123456789ab@mailops.agency.gov.my>\r\nSubject: Cuti\r\n\r\n';
    expect(probesNamedIn(raw)).toEqual([
      {
        id: '<1764300000000.0123456789ab@mailops.agency.gov.my>',
        messageId: '<1764300000000.0123456789ab@mailops.agency.gov.my>',
      },
    ]);
  });

  it('finds nothing in a message that names no probe', () => {
    expect(
      probesNamedIn('Subject: Mesyuarat esok\r\nMessage-ID: <abc@agency.gov.my>\r\n\r\nmop-short'),
    ).toEqual([]);
  });
});
