import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/investigation/compare.ts';
import { bounceFinding, serviceDomainFindings } from '../../src/investigation/complaint-findings.ts';
import { describeCheck } from '../../src/investigation/describe.ts';
import type { Finding } from '../../src/mail/types.ts';
import { AFTER_FIXED, AFTER_PARTLY, BEFORE, PASTED_BOUNCE } from './fixtures.ts';

// The investigation's own findings (SOP 4.2 step 3: the domains within the service, the pasted bounce) and
// the before/after of a re-check, check by check.

const inService = (d: string) => d === 'moe.gov.my' || d.endsWith('.moe.gov.my');

describe('whether the complaint is within the service (step 3, first bullet)', () => {
  it('passes the complaint domain and example addresses the service serves, once per domain', () => {
    const findings = serviceDomainFindings(
      { domain: 'moe.gov.my', exampleSender: 'a@moe.gov.my', exampleRecipient: 'b@sekolah.moe.gov.my' },
      inService,
    );
    expect(findings.map((f) => [f.subject, f.verdict])).toEqual([
      ['moe.gov.my', 'pass'],
      ['sekolah.moe.gov.my', 'pass'],
    ]);
  });

  it('fails a complaint domain outside the service; an outside example party is untested, never failed', () => {
    const findings = serviceDomainFindings(
      { domain: 'swasta.com.my', exampleSender: 'rakan@gmail.com', exampleRecipient: null },
      inService,
    );
    expect(findings.map((f) => [f.subject, f.verdict])).toEqual([
      ['swasta.com.my', 'fail'],
      ['gmail.com', 'untested'],
    ]);
    expect(describeCheck(findings[0]!, 'ms').text).toBe(
      'swasta.com.my tidak dilayan oleh perkhidmatan e-mel 1GovUC, jadi Meja Bantuan tidak dapat membetulkan e-melnya.',
    );
    expect(describeCheck(findings[1]!, 'en').fix).toContain('VAS SOC tests from an external mailbox');
  });
});

describe('when the configuration names none of the service’s domains', () => {
  it('cannot tell whether the complaint is within the service: one untested finding, never a fail', () => {
    const findings = serviceDomainFindings(
      { domain: 'moe.gov.my', exampleSender: 'rakan@gmail.com', exampleRecipient: 'b@moe.gov.my' },
      () => null,
    );
    expect(findings.map((f) => [f.check, f.subject, f.verdict])).toEqual([
      ['investigation.service_unknown', 'moe.gov.my', 'untested'],
    ]);
    const ms = describeCheck(findings[0]!, 'ms');
    expect(ms.text).toBe(
      'Tidak dapat ditentukan sama ada moe.gov.my dilayan oleh perkhidmatan e-mel 1GovUC: konfigurasi mailops belum menyenaraikan domain perkhidmatan.',
    );
    expect(ms.fix).toContain('VAS SOC menyemak sendiri');
    expect(describeCheck(findings[0]!, 'en').title).toBe('Domain within the 1GovUC e-mail service');
  });
});

describe('the bounce pasted with the complaint (step 3, fourth bullet)', () => {
  it('reads a permanent failure as a fail, with its status, meaning and the server’s words', () => {
    const finding = bounceFinding(PASTED_BOUNCE);
    expect(finding).toMatchObject({
      check: 'investigation.bounce_text',
      verdict: 'fail',
      params: { status: '5.1.1', meaning: 'probe.category.unknown_mailbox' },
    });
    const en = describeCheck(finding, 'en').text;
    expect(en).toMatch(/^The pasted message reports a permanent failure \(5\.1\.1\): /);
    expect(en).not.toContain('probe.category');
    expect(en).toContain('User unknown in virtual mailbox table');
    expect(describeCheck(finding, 'ms').text).toMatch(
      /^Mesej yang ditampal melaporkan kegagalan kekal \(5\.1\.1\)/,
    );
  });

  it('reads a temporary failure as a warning', () => {
    expect(bounceFinding('451 4.7.1 <a@moe.gov.my>: Recipient address rejected: greylisted').verdict).toBe(
      'warn',
    );
  });

  it('is untested when nothing was pasted or the text states no delivery status', () => {
    expect(bounceFinding(undefined)).toMatchObject({ verdict: 'untested', params: {} });
    expect(bounceFinding('   ').verdict).toBe('untested');
    expect(bounceFinding('Saya tidak dapat menghantar e-mel sejak pagi tadi.').verdict).toBe('untested');
  });
});

describe('comparing a re-check with the investigation', () => {
  it('names what was fixed, what still fails and what broke, worst first', () => {
    const { changes, comparison } = compareRuns(BEFORE, AFTER_PARTLY);
    expect(changes.map((c) => [c.finding.check, c.change, c.before, c.after])).toEqual([
      ['dmarc.policy', 'still_failing', 'warn', 'warn'],
      ['smtp.starttls', 'new_problem', 'pass', 'fail'],
      ['spf.lookups', 'fixed', 'fail', 'pass'],
    ]);
    expect(comparison).toEqual({ fixed: 1, stillFailing: 1, newProblems: 1, resolved: false });
  });

  it('is resolved when every failure passes and nothing new fails, even with a warning left', () => {
    expect(compareRuns(BEFORE, AFTER_FIXED).comparison).toEqual({
      fixed: 1,
      stillFailing: 1,
      newProblems: 0,
      resolved: true,
    });
  });

  it('counts a check the re-check could not run as not re-tested, never as fixed', () => {
    const untested: Finding = { ...BEFORE[0]!, verdict: 'untested' };
    const { changes, comparison } = compareRuns(BEFORE, [untested]);
    expect(changes[0]).toMatchObject({ change: 'not_retested', before: 'fail', after: 'untested' });
    expect(comparison.resolved).toBe(false);
  });

  it('reads a probe that found no answer before and was delivered after as fixed, whatever its check id', () => {
    const route = 'inbound rakan.example.net → agensi.gov.my';
    const probe = (check: string, verdict: Finding['verdict']): Finding => ({
      check,
      verdict,
      requirement: '4c',
      params: {},
      subject: route,
    });
    const fixed = compareRuns([probe('delivery.no_answer', 'fail')], [probe('delivery.inbound', 'pass')]);
    expect(fixed.changes.map((c) => [c.finding.check, c.change])).toEqual([['delivery.inbound', 'fixed']]);
    expect(fixed.comparison).toEqual({ fixed: 1, stillFailing: 0, newProblems: 0, resolved: true });
    const worse = compareRuns([probe('delivery.inbound', 'pass')], [probe('delivery.bounce', 'fail')]);
    expect(worse.changes.map((c) => [c.change, c.before, c.after])).toEqual([
      ['new_problem', 'pass', 'fail'],
    ]);
    const still = compareRuns([probe('delivery.no_answer', 'fail')], [probe('delivery.bounce', 'fail')]);
    expect(still.comparison.resolved).toBe(false);
    expect(still.changes.map((c) => c.change)).toEqual(['still_failing']);
  });

  it('leaves the pasted bounce out: it is evidence, not a check that runs again', () => {
    const { changes } = compareRuns([bounceFinding(PASTED_BOUNCE)], []);
    expect(changes).toEqual([]);
  });
});
