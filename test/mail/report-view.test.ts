import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../src/i18n/index.ts';
import { REQUIREMENTS, reportedRequirements, requirementStatus } from '../../src/mail/describe.ts';
import { deliveryFindings } from '../../src/mail/probe/delivery-findings.ts';
import { reportView } from '../../src/mail/report-view.ts';
import type { Finding } from '../../src/mail/types.ts';
import { AGENCY, answered, DOMAIN, OUTSIDE, probe, quota, SETTINGS } from './probe/delivery-reports.ts';

// The /mailtest report card's view model: findings grouped by area in the reader's language, the delivery
// probes last, and the requirements a run could speak to, met or not.

const dns: Finding[] = [
  {
    check: 'dns.mx',
    verdict: 'pass',
    requirement: '4f-v',
    params: { domain: DOMAIN, count: 1, hosts: 'mx1.agensi.gov.my' },
  },
  {
    check: 'dnsbl.listing',
    verdict: 'pass',
    requirement: 'gp-transport',
    subject: '203.0.113.25',
    params: { address: '203.0.113.25', zone: 'zen.spamhaus.org' },
  },
];

const delivery = deliveryFindings({
  domain: DOMAIN,
  probes: [probe(), answered({ kind: 'outbound', result: 'no_answer' }), probe({ kind: 'size_over' })],
  quotas: [quota(90, 100)],
  settings: SETTINGS,
});

const view = (findings: readonly Finding[], locale: 'ms' | 'en' = 'ms') =>
  reportView({
    domain: DOMAIN,
    findings,
    finished: true,
    requestedBy: 'Aminah',
    startedAt: new Date('2026-11-28T00:30:00Z'),
    locale,
  });

describe('reportView', () => {
  it('shows the delivery probes in their own area after the blocklists, each naming its probe or mailbox', () => {
    const { sections } = view([...delivery, ...dns]);
    expect(sections.map((s) => s.title)).toEqual([
      'DNS (Pekeliling 4(f)(v))',
      'Senarai hitam (DNSBL)',
      'Ujian penghantaran (Pekeliling 4(c))',
    ]);
    const probes = sections[2]!.findings;
    expect(probes.map((f) => [f.verdict, f.subject])).toEqual([
      ['pass', `${OUTSIDE} → ${AGENCY}`],
      ['fail', `${AGENCY} → ${OUTSIDE}`],
      ['fail', `${OUTSIDE} → ${AGENCY}`],
      ['pass', AGENCY],
      ['warn', AGENCY],
      ['pass', `${OUTSIDE} → ${AGENCY}`],
    ]);
    expect(probes[1]).toMatchObject({
      title: 'Tiada jawapan dalam tempoh ujian',
      verdictText: 'GAGAL',
      text: expect.stringContaining('Dalam 5 min, ujian daripada ujian.mel@agensi.gov.my tidak muncul'),
      fix: expect.stringContaining('postqueue -p'),
    });
    expect(probes[4]!.text).toBe(
      '90 MB digunakan daripada 100 MB (90%), mencapai paras amaran 90%. Apabila penuh, mel baharu ke peti mel ini akan ditolak (RFC 3463 5.2.2).',
    );
  });

  it('lists the delivery requirements only for a run that tried the probes', () => {
    const plain = view(dns, 'en').requirements.map((r) => r.text);
    expect(plain.some((t) => t.startsWith('Circular 4(c)'))).toBe(false);
    const probed = view([...dns, ...delivery], 'en').requirements.map((r) => r.text);
    expect(probed).toEqual([
      'Circular 4(c): scheduled delivery test from external mail into the agency: NOT met',
      'Circular 4(f)(i): at least 100 MB of mailbox space: met',
      'Circular 4(f)(iii): 10 MB message size limit: NOT met',
      'Circular 4(f)(iv): at least two mail servers: could not be determined',
      'Circular 4(f)(v): A, MX, PTR, SPF and domain key records in DNS: met',
      'Circular 4(f)(vi): relay only for internal servers: could not be determined',
      "Good practice: nobody else can send in the agency's name (DMARC): could not be determined",
      'Good practice: mail protected in transit (TLS, MTA-STS): met',
      'Good practice: a warning before a mailbox is full: met with warnings',
    ]);
  });
});

describe('the requirements', () => {
  it('each have a text in both languages', () => {
    for (const r of REQUIREMENTS) expect(hasMessage(`mailtest.requirement.${r}`), r).toBe(true);
  });

  it('are all listed, as undetermined, when the probes were asked for but could not run', () => {
    const notConfigured: Finding = {
      check: 'delivery.inbound',
      verdict: 'untested',
      requirement: '4c',
      params: { reason: 'not_configured' },
    };
    expect(reportedRequirements([...dns, notConfigured])).toEqual(REQUIREMENTS);
    expect(requirementStatus([notConfigured])).toMatchObject({
      '4c': 'unknown',
      '4f-i': 'unknown',
      'gp-quota': 'unknown',
    });
  });

  it('leave the probes’ requirements out of a run without them, in the summary order', () => {
    expect(reportedRequirements(dns)).toEqual([
      '4f-iii',
      '4f-iv',
      '4f-v',
      '4f-vi',
      'gp-spoofing',
      'gp-transport',
    ]);
  });
});
