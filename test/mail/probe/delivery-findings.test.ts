import { describe, expect, it } from 'vitest';
import { deliveryFindings } from '../../../src/mail/probe/delivery-findings.ts';
import type { ProbeReport, QuotaReport } from '../../../src/mail/probe/delivery-types.ts';
import type { Finding } from '../../../src/mail/types.ts';
import { verdicts } from '../readable.ts';
import {
  AGENCY,
  answered,
  autoReply,
  DOMAIN,
  dsn,
  OUTSIDE,
  personReply,
  probe,
  refusedSubmission,
  SETTINGS,
} from './delivery-reports.ts';

// The delivery probes' verdicts (issue 6): what a mail administrator would conclude from each way a probe can
// end, never failing the agency on what could not be tested or on an outside provider's doing.

const IN = `${OUTSIDE} → ${AGENCY}`;
const OUT = `${AGENCY} → ${OUTSIDE}`;

function run(probes: readonly ProbeReport[], quotas: readonly QuotaReport[] = [], settings = SETTINGS) {
  return deliveryFindings({ domain: DOMAIN, probes, quotas, settings });
}

const only = (findings: Finding[], check: string) => {
  const found = findings.filter((f) => f.check === check);
  expect(found, check).toHaveLength(1);
  return found[0]!;
};

describe('a normal probe that arrived', () => {
  it('passes inbound delivery (circular 4(c)) with the time to inbox, and TLS on the one hop between hosts', () => {
    const findings = run([probe()]);
    expect(verdicts(findings)).toEqual([`delivery.inbound pass ${IN}`, `delivery.tls_hops pass ${IN}`]);
    expect(only(findings, 'delivery.inbound')).toMatchObject({
      requirement: '4c',
      params: { from: OUTSIDE, to: AGENCY, duration: '4.2 s' },
    });
    expect(only(findings, 'delivery.tls_hops')).toMatchObject({
      requirement: 'gp-transport',
      params: { count: 1, versions: 'TLSv1.3' },
    });
  });

  it("judges SPF, DKIM and DMARC on the agency's outbound copy only, never on the outside provider's", () => {
    const findings = run([probe(), probe({ kind: 'outbound' })]);
    expect(verdicts(findings)).toEqual([
      `delivery.inbound pass ${IN}`,
      `delivery.outbound pass ${OUT}`,
      `delivery.auth_spf pass ${OUT}`,
      `delivery.auth_dkim pass ${OUT}`,
      `delivery.auth_dkim_key pass ${OUT}`,
      `delivery.auth_dmarc pass ${OUT}`,
      `delivery.tls_hops pass ${IN}`,
      `delivery.tls_hops pass ${OUT}`,
    ]);
    const failingGmail = {
      spf: { result: 'fail', domain: 'gmail.com' },
      dkim: [],
      dmarc: { result: 'fail', policy: 'none', domain: 'gmail.com' },
    };
    expect(verdicts(run([probe({ auth: failingGmail })]))).toEqual([
      `delivery.inbound pass ${IN}`,
      `delivery.tls_hops pass ${IN}`,
    ]);
  });

  it.each([
    [61_000, '1 min 1 s'],
    [300_000, '5 min'],
    [9_960, '9.9 s'],
    [12_400, '12 s'],
    [3_725_000, '1 h 2 min'],
  ])('shows %i ms to inbox as %s', (ms, shown) => {
    expect(only(run([probe({ timeToInboxMs: ms })]), 'delivery.inbound').params.duration).toBe(shown);
  });

  it('takes the time from when the inbox saw it when the engine gives none, and says when it is unknown', () => {
    const seen = probe({ timeToInboxMs: null });
    expect(only(run([seen]), 'delivery.inbound').params.duration).toBe('4.2 s');
    const unknown = probe({ timeToInboxMs: null, seenAt: null });
    expect(only(run([unknown]), 'delivery.inbound').params.duration).toBe('unknown');
    const negative = probe({ timeToInboxMs: -5, seenAt: null });
    expect(only(run([negative]), 'delivery.inbound').params.duration).toBe('unknown');
  });

  it('passes on an RFC 3834 auto-reply when the recipient mailbox cannot be read, saying how sure it is', () => {
    const cases = [
      [autoReply('high'), 'rfc3834'],
      [autoReply('low'), 'hints'],
      [personReply(), 'person'],
    ] as const;
    for (const [reply, evidence] of cases) {
      const findings = run([answered({ result: 'auto_reply', reply })]);
      expect(verdicts(findings)).toEqual([`delivery.auto_reply pass ${IN}`]);
      expect(findings[0]).toMatchObject({ requirement: '4c', params: { reply_from: AGENCY, evidence } });
    }
  });

  it('reads a person’s answer the engine reports as delivered without a copy as reached, with nothing to judge on', () => {
    const findings = run([answered({ kind: 'outbound', result: 'delivered', reply: personReply(OUTSIDE) })]);
    expect(verdicts(findings)).toEqual([`delivery.auto_reply pass ${OUT}`]);
    expect(findings[0]!.params).toMatchObject({ evidence: 'person', reply_from: OUTSIDE });
  });

  it('does not pass an auto-reply it cannot show', () => {
    expect(verdicts(run([answered({ result: 'auto_reply', reply: null })]))).toEqual([
      `delivery.inbound untested ${IN}`,
    ]);
  });
});

describe('a normal probe that bounced', () => {
  it('fails with the status, its meaning, the reporting and refusing servers, the recipient and the reply', () => {
    const findings = run([answered({ result: 'bounce', reply: dsn() })]);
    expect(verdicts(findings)).toEqual([`delivery.bounce fail ${IN}`]);
    expect(findings[0]).toMatchObject({
      requirement: '4c',
      params: {
        status: '5.1.1',
        meaning: 'probe.category.unknown_mailbox',
        reporter: 'googlemail.com',
        remote: 'mx1.agensi.gov.my',
        recipient: AGENCY,
        diagnostic: `550 5.1.1 <${AGENCY}>: Recipient address rejected: User unknown in virtual mailbox table`,
        advice: 'unknown_mailbox',
      },
    });
  });

  it("advises on the agency's own inbound policy when the agency refused the outside provider's mail", () => {
    const blocked = dsn({
      status: '5.7.1',
      category: 'blocklisted',
      diagnosticCode:
        '554 5.7.1 Service unavailable; Client host [209.85.218.41] blocked using zen.spamhaus.org',
    });
    const found = run([answered({ result: 'bounce', reply: blocked })])[0]!;
    expect(found).toMatchObject({ verdict: 'fail', params: { advice: 'inbound_policy', status: '5.7.1' } });
    const outbound = answered({
      kind: 'outbound',
      result: 'bounce',
      reply: dsn({ finalRecipient: OUTSIDE, status: '5.7.1', category: 'blocklisted' }),
    });
    expect(run([outbound])[0]).toMatchObject({ verdict: 'fail', params: { advice: 'blocklisted' } });
  });

  it('does not fail the agency when the outside probe mailbox itself is gone or full', () => {
    for (const category of ['unknown_mailbox', 'mailbox_full', 'mailbox_disabled', 'null_mx'] as const) {
      const reply = dsn({ finalRecipient: OUTSIDE, category, remoteMta: 'gmail-smtp-in.l.google.com' });
      const findings = run([answered({ kind: 'outbound', result: 'bounce', reply })]);
      expect(verdicts(findings), category).toEqual([`delivery.bounce untested ${OUT}`]);
    }
  });

  it('fails an outbound probe the agency could not get out (no answer from the receiving server, 4.4.1)', () => {
    const reply = dsn(
      {
        finalRecipient: OUTSIDE,
        status: '4.4.1',
        statusClass: 'persistent',
        category: 'no_answer',
        diagnosticType: 'x-postfix',
        diagnosticCode: 'connect to gmail-smtp-in.l.google.com[142.250.4.26]:25: Connection timed out',
        remoteMta: null,
      },
      { reportingMta: 'mail.agensi.gov.my' },
    );
    expect(run([answered({ kind: 'outbound', result: 'bounce', reply })])[0]).toMatchObject({
      check: 'delivery.bounce',
      verdict: 'fail',
      params: { meaning: 'probe.category.no_answer', remote: '—', advice: 'no_answer' },
    });
  });

  it('says what a code without a category means, and that the cause is unknown when nothing says', () => {
    const coded = dsn({
      status: '5.3.2',
      category: null,
      diagnosticCode: '553 5.3.2 system not accepting network messages',
    });
    expect(run([answered({ result: 'bounce', reply: coded })])[0]!.params).toMatchObject({
      meaning: 'probe.status_class.permanent',
      advice: 'unknown',
    });
    const unreadable = run([answered({ result: 'bounce', reply: null })])[0]!;
    expect(unreadable).toMatchObject({
      verdict: 'fail',
      params: { status: '—', meaning: 'mailtest.delivery.meaning.unknown', recipient: AGENCY },
    });
  });

  it('picks the DSN recipient that is the probe among several', () => {
    const reply = dsn();
    const other = {
      ...reply.recipients[0]!,
      finalRecipient: 'someone@else.test',
      status: '5.2.2',
      category: 'mailbox_full' as const,
    };
    const found = run([
      answered({ result: 'bounce', reply: { ...reply, recipients: [other, ...reply.recipients] } }),
    ]);
    expect(found[0]!.params).toMatchObject({ status: '5.1.1', recipient: AGENCY });
  });

  it('knows the probe in a utf-8 DSN recipient whose domain is in U-labels (RFC 6533)', () => {
    const reply = dsn();
    const ours = {
      ...reply.recipients[0]!,
      finalRecipient: 'Ujian.Mel@Bücher.my',
      action: 'delayed' as const,
    };
    const other = { ...reply.recipients[0]!, finalRecipient: 'someone@else.test', status: '5.2.2' };
    const found = run([
      answered({
        to: 'ujian.mel@xn--bcher-kva.my',
        result: 'bounce',
        reply: { ...reply, recipients: [other, ours] },
      }),
    ]);
    expect(found[0]!.params).toMatchObject({ status: '5.1.1', recipient: 'Ujian.Mel@Bücher.my' });
  });

  it('fails a delayed DSN as not delivered in time, saying the server retries until when (RFC 3464 §2.3.3)', () => {
    const reply = dsn({
      action: 'delayed',
      status: '4.7.1',
      statusClass: 'persistent',
      category: 'greylisted',
      diagnosticCode:
        '450 4.7.1 <ujian.mel@agensi.gov.my>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/',
      willRetryUntil: new Date('2026-12-03T00:30:00Z'),
    });
    const findings = run([answered({ result: 'bounce', reply })]);
    expect(verdicts(findings)).toEqual([`delivery.delayed fail ${IN}`]);
    expect(findings[0]!.params).toMatchObject({
      until: '2026-12-03 08:30 MYT',
      deadline: '5 min',
      meaning: 'probe.category.greylisted',
      message_id: '<1764289800000.7f3e9a@mailops.agensi.gov.my>',
    });
  });

  it('does not call a success report (relayed, delivered) a bounce', () => {
    const reply = dsn({ action: 'relayed', status: '2.0.0', statusClass: 'success', category: null });
    expect(verdicts(run([answered({ result: 'bounce', reply })]))).toEqual([
      `delivery.inbound untested ${IN}`,
    ]);
  });
});

describe('a normal probe with no answer or no test', () => {
  it('fails after the deadline and gives the message id to look for in the queue and the log', () => {
    const findings = run([answered({ result: 'no_answer' })]);
    expect(verdicts(findings)).toEqual([`delivery.no_answer fail ${IN}`]);
    expect(findings[0]!.params).toEqual({
      from: OUTSIDE,
      to: AGENCY,
      deadline: '5 min',
      message_id: '<1764289800000.7f3e9a@mailops.agensi.gov.my>',
    });
  });

  it.each([
    ['submission_timeout', { ok: false, failure: 'timeout', code: null, response: null }],
    ['imap_login', undefined],
    ['imap_timeout', undefined],
    ['imap_tls', undefined],
  ] as const)('is untested, never failed, when it could not run: %s', (reason, submission) => {
    const report = answered({
      result: 'untested',
      untestedReason: reason,
      ...(submission ? { submission } : {}),
    });
    const findings = run([report, { ...report, kind: 'outbound', direction: 'outbound' }]);
    expect(findings.map((f) => `${f.check} ${f.verdict} ${f.params.reason}`)).toEqual([
      `delivery.inbound untested ${reason}`,
      `delivery.outbound untested ${reason}`,
    ]);
  });

  it('reads the reason from a failed submission when the engine gives none', () => {
    for (const failure of ['auth', 'timeout', 'connection', 'tls'] as const) {
      const report = answered({
        result: 'untested',
        submission: { ok: false, failure, code: null, response: null },
      });
      expect(run([report])[0]!.params.reason).toBe(`submission_${failure}`);
    }
  });

  it("does not fail a probe its sender's own server refused, whoever runs it, and shows the reply", () => {
    const quotaHit = answered({
      result: 'refused',
      submission: refusedSubmission(
        550,
        '5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852',
      ),
    });
    const relayDenied = answered({
      kind: 'outbound',
      result: 'refused',
      submission: refusedSubmission(554, `5.7.1 <${OUTSIDE}>: Relay access denied`),
    });
    const findings = run([quotaHit, relayDenied]);
    expect(verdicts(findings)).toEqual([
      `delivery.refused untested ${IN}`,
      `delivery.refused untested ${OUT}`,
    ]);
    expect(findings[1]!.params.reply).toBe(`554 5.7.1 <${OUTSIDE}>: Relay access denied`);
  });

  it('never fails on any way a submission can fail, for any kind of probe', () => {
    const failures = ['auth', 'timeout', 'connection', 'tls', 'refused'] as const;
    const kinds = ['inbound', 'outbound', 'size_under', 'size_over'] as const;
    const reports = kinds.flatMap((kind) =>
      failures.flatMap((failure) =>
        (['untested', 'refused'] as const).map((result) =>
          answered({
            kind,
            result,
            submission: { ok: false, failure, code: 451, response: '4.3.0 try later' },
          }),
        ),
      ),
    );
    const findings = run(reports);
    expect(findings).toHaveLength(reports.length);
    expect(findings.filter((f) => f.verdict !== 'untested')).toEqual([]);
  });
});
