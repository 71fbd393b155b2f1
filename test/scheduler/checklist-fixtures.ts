import { Secret } from '../../src/config/secret.ts';
import type { DomainChecks } from '../../src/mail/domain-checks.ts';
import type { DeliverySettings, MonitoredDomain, ProbeMailbox } from '../../src/mail/probe/delivery-types.ts';
import type { Finding } from '../../src/mail/types.ts';

// Monitored domains, delivery settings and a DomainChecks fake at the port for the daily checklist's tests:
// the checks answer what each test says, or break with an internal error, and every call is recorded.

const mailbox = (address: string): ProbeMailbox => ({
  address,
  username: address,
  password: new Secret('not-a-real-password'),
  submission: { host: 'smtp.example.net', port: 587, security: 'starttls' },
  imap: { host: 'imap.example.net', port: 993, security: 'tls' },
});

const OUTSIDE = 'mailops.ujian@gmail.com';

export const monitored = (domain: string, schedule = '30 7 * * *'): MonitoredDomain => ({
  domain,
  schedule,
  agency: mailbox(`ujian@${domain}`),
  outside: mailbox(OUTSIDE),
});

export const deliverySettings = (domains: readonly MonitoredDomain[]): DeliverySettings => ({
  deadlineMs: 300_000,
  replyGraceMs: 15_000,
  sizeProbes: true,
  sizeLimitBytes: 10 * 1024 * 1024,
  minimumMailboxBytes: 100 * 1024 * 1024,
  quotaWarningPercents: [80, 90, 95],
  serviceDomains: [],
  domains,
});

export const passing = (domain: string): Finding[] => [
  { check: 'spf.record', verdict: 'pass', requirement: '4f-v', params: { domain, record: 'v=spf1 mx -all' } },
  { check: 'spf.all', verdict: 'pass', requirement: 'gp-spoofing', params: { where: domain, all: '-all' } },
];

/** The outside → agency probe never arrived: circular 4(c)'s delivery test failed, mail cannot be received. */
export const failingInbound = (domain: string): Finding[] => [
  ...passing(domain),
  {
    check: 'delivery.no_answer',
    verdict: 'fail',
    requirement: '4c',
    subject: `${OUTSIDE} → ujian@${domain}`,
    params: { from: OUTSIDE, to: `ujian@${domain}`, deadline: '5 min', message_id: '<p1@mailops>' },
  },
];

export function fakeChecks(answers: Readonly<Record<string, readonly Finding[] | Error>>) {
  const calls: { domain: string; delivery: boolean }[] = [];
  const checks: DomainChecks = {
    monitored: () => null,
    inService: () => true,
    async run({ domain, delivery, onFindings }) {
      calls.push({ domain, delivery });
      const answer = answers[domain];
      if (answer === undefined) throw new Error(`the test gave no answer for ${domain}`);
      if (answer instanceof Error) {
        onFindings?.(passing(domain).slice(0, 1));
        throw answer;
      }
      onFindings?.(answer);
      return answer;
    },
  };
  return { checks, calls };
}
