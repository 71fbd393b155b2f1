import { describe, expect, it } from 'vitest';
import { deliveryFindings } from '../../../src/mail/probe/delivery-findings.ts';
import type { ProbeReport } from '../../../src/mail/probe/delivery-types.ts';
import {
  answered,
  autoReply,
  DOMAIN,
  dsn,
  LIMIT,
  probe,
  refusedSubmission,
  SETTINGS,
} from './delivery-reports.ts';

// The size probes against circular item 4(f)(iii): mail up to 10 MB gets in, bigger mail is refused cleanly.
// Both are sent from the outside mailbox into the agency, so only the agency's answer may judge them.

const run = (probes: readonly ProbeReport[]) =>
  deliveryFindings({ domain: DOMAIN, probes, quotas: [], settings: SETTINGS });

describe('the size probes (circular 4(f)(iii))', () => {
  const under = (over: Partial<ProbeReport>) => answered({ kind: 'size_under', ...over });
  const over = (o: Partial<ProbeReport>) => answered({ kind: 'size_over', ...o });
  const tooBig = dsn({
    status: '5.3.4',
    category: 'message_too_big',
    diagnosticCode: '552 5.3.4 Message size exceeds fixed limit',
  });

  it('passes a message just under the limit that arrived, shown rounded down so it never reads as 10 MB', () => {
    const found = run([probe({ kind: 'size_under' })])[0]!;
    expect(found).toMatchObject({
      check: 'delivery.size_under',
      verdict: 'pass',
      requirement: '4f-iii',
      params: { mb: '9.99 MB', bytes: '10,475,760', limit: '10 MB', limit_bytes: '10485760' },
    });
    expect(run([under({ result: 'auto_reply', reply: autoReply() })])[0]!.verdict).toBe('pass');
  });

  it('fails a message under the limit refused as too big: the limit is below 10 MB', () => {
    const found = run([under({ result: 'bounce', reply: tooBig })])[0]!;
    expect(found).toMatchObject({
      verdict: 'fail',
      params: { status: '5.3.4', remote: 'mx1.agensi.gov.my' },
    });
  });

  it.each([
    ['5.3.4 message_too_big', tooBig],
    [
      '5.2.3 (too big for the mailbox)',
      dsn({ status: '5.2.3', category: null, diagnosticCode: '552 5.2.3 message too large for mailbox' }),
    ],
    [
      'a bare 552 reply',
      dsn({ status: null, category: null, diagnosticCode: '552 Message size exceeds fixed limit' }),
    ],
  ])('passes a message over the limit refused cleanly: %s', (_, reply) => {
    const found = run([over({ result: 'bounce', reply })])[0]!;
    expect(found).toMatchObject({ check: 'delivery.size_over', verdict: 'pass' });
    expect(found.params.mb).toBe('10.1 MB');
  });

  it('fails a message over the limit that was delivered: no 10 MB limit is enforced', () => {
    expect(run([probe({ kind: 'size_over' })])[0]).toMatchObject({
      check: 'delivery.size_over',
      verdict: 'fail',
    });
  });

  it("leaves untested a refusal by the outside provider's own submission server, pass or fail alike", () => {
    const refused = {
      result: 'refused' as const,
      submission: refusedSubmission(552, '5.3.4 Message size exceeds fixed limit'),
    };
    const findings = run([under(refused), over(refused)]);
    expect(findings.map((f) => `${f.check} ${f.verdict} ${f.params.reason} ${f.params.detail}`)).toEqual([
      'delivery.size_under untested sender_refused 552 5.3.4 Message size exceeds fixed limit',
      'delivery.size_over untested sender_refused 552 5.3.4 Message size exceeds fixed limit',
    ]);
  });

  it('leaves untested what says nothing about size: another bounce, a delay, no answer, no test', () => {
    const spam = dsn({
      status: '5.7.1',
      category: 'policy_refused',
      diagnosticCode: '550 5.7.1 Message rejected as spam',
    });
    const delayed = dsn({ action: 'delayed', status: '4.4.1', category: 'no_answer' });
    const findings = run([
      over({ result: 'bounce', reply: spam }),
      under({ result: 'bounce', reply: delayed }),
      under({ result: 'no_answer' }),
      over({ result: 'untested', untestedReason: 'imap_login' }),
    ]);
    expect(findings.map((f) => `${f.verdict} ${f.params.reason}`)).toEqual([
      'untested delayed',
      'untested no_answer',
      'untested bounced_other',
      'untested imap_login',
    ]);
    expect(findings[2]!.params.detail).toBe('5.7.1 550 5.7.1 Message rejected as spam');
  });

  it('gives the reason a size probe was not sent, not its size (the engine reports 0 bytes then)', () => {
    const notSent = under({ result: 'untested', untestedReason: 'imap_login', sizeBytes: 0 });
    expect(run([notSent])[0]!.params).toMatchObject({ reason: 'imap_login', detail: '—' });
  });

  it('does not judge a probe whose size contradicts its kind', () => {
    const findings = run([
      probe({ kind: 'size_under', sizeBytes: LIMIT + 1 }),
      probe({ kind: 'size_over', sizeBytes: LIMIT }),
      probe({ kind: 'size_over', sizeBytes: Number.NaN }),
    ]);
    expect(findings.map((f) => `${f.verdict} ${f.params.reason}`)).toEqual([
      'untested size_mismatch',
      'untested size_mismatch',
      'untested size_mismatch',
    ]);
  });
});
