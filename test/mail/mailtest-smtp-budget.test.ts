import { expect, it } from 'vitest';
import { runMailtest } from '../../src/mail/mailtest.ts';
import { createTargetPolicy } from '../../src/mail/target-policy.ts';
import { fakeDns } from '../support/fake-dns.ts';
import { DOMAIN, HOST, useSmtpProbeBed } from './smtp-probe-bed.ts';

// A whole /mailtest run against an MX that tarpits: every reply comes inside `timeout_seconds`, but the address's
// probe is held to six of them in all, so the run ends and says "could not test" for what it did not reach.

const bed = useSmtpProbeBed();
const TIMEOUT_MS = 600;

it('cuts an address’s SMTP probe at six timeouts in all, keeping what it judged before', async () => {
  const smtp = await bed.fake({ ...bed.withTls(), delayMs: TIMEOUT_MS / 3 });
  const found = await runMailtest({
    domain: DOMAIN,
    dns: fakeDns({
      [DOMAIN]: { mx: [{ exchange: HOST, priority: 10 }] },
      [HOST]: { a: ['127.0.0.1'] },
      '127.0.0.1': { ptr: [HOST] },
    }),
    target: createTargetPolicy(['127.0.0.0/8']),
    settings: bed.mailtestSettings(TIMEOUT_MS),
    ports: { smtp: smtp.port },
  });
  const smtpFindings = found.filter((f) => f.check.startsWith('smtp.'));
  expect(smtpFindings.find((f) => f.check === 'smtp.connect')?.verdict).toBe('pass');
  expect(smtpFindings.find((f) => f.check === 'smtp.starttls')?.verdict).toBe('pass');
  const vrfy = smtpFindings.find((f) => f.check === 'smtp.vrfy')!;
  expect(vrfy).toMatchObject({ verdict: 'untested', params: { reason: 'timeout' } });
  expect(vrfy.params.detail).toMatch(new RegExp(`: ${TIMEOUT_MS * 6} ms in all$`));
  expect(smtp.commands.some((c) => c.startsWith('VRFY'))).toBe(false);
});
