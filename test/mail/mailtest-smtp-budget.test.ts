import { expect, it } from 'vitest';
import { runMailtest } from '../../src/mail/mailtest.ts';
import { finishedStatusOf } from '../../src/mail/runs.ts';
import { createTargetPolicy } from '../../src/mail/target-policy.ts';
import type { Finding } from '../../src/mail/types.ts';
import { fakeDns } from '../support/fake-dns.ts';
import { SILENCE } from '../support/fake-smtp.ts';
import { DOMAIN, HOST, useSmtpProbeBed } from './smtp-probe-bed.ts';

// A whole /mailtest run against an MX that tarpits: every reply comes inside `timeout_seconds`, but the address's
// probe is held to six of them in all, so the run ends and says "could not test" for what it did not reach.
// And a run mailops stops (Ctrl-C, a shutdown) ends at once, whatever its timeouts.

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

it('ends a whole run at once when mailops stops: what was judged stays, the rest is could not test (stopped)', async () => {
  const stopping = new AbortController();
  // mailops stops while the MX takes its time over EHLO; the DNS questions still to come are stopped too.
  const smtp = await bed.fake({
    ...bed.withTls(),
    reply: (command) => {
      if (!command.startsWith('EHLO')) return undefined;
      stopping.abort();
      return SILENCE;
    },
  });
  const dns = fakeDns({
    [DOMAIN]: { mx: [{ exchange: HOST, priority: 10 }] },
    [HOST]: { a: ['127.0.0.1'] },
    '127.0.0.1': { ptr: [HOST] },
  });
  const found = await runMailtest({
    domain: DOMAIN,
    // A DNSBL question waits a minute for its answer: only the stop ends it.
    dns: { ...dns, a: (name) => (name.endsWith('.bl.test') ? new Promise(() => {}) : dns.a(name)) },
    target: createTargetPolicy(['127.0.0.0/8']),
    settings: { ...bed.mailtestSettings(60_000), dnsblZones: ['bl.test'] },
    ports: { smtp: smtp.port },
    signal: stopping.signal,
  });
  expect(found.find((f) => f.check === 'dns.mx')?.verdict).toBe('pass');
  expect(found.find((f) => f.check === 'smtp.connect')?.verdict).toBe('pass');
  expect(found.find((f) => f.check === 'smtp.relay')).toMatchObject({
    verdict: 'untested',
    params: { reason: 'stopped' },
  });
  expect(found.find((f) => f.check.startsWith('dnsbl.'))).toMatchObject({ verdict: 'untested' });
  // The fails are the domain's own (it publishes no SPF or DMARC), answered before the stop; none comes of it.
  expect(found.filter((f) => f.verdict === 'fail').map((f) => f.check)).toEqual([
    'spf.record',
    'dmarc.record',
  ]);
  expect(finishedStatusOf(found)).toBe('stopped');
});

it('stores a run stopped when a stop left any check untested, whatever its code is named', () => {
  const untested = (params: Record<string, string>): Finding => ({
    check: 'dnsbl.listing',
    verdict: 'untested',
    requirement: 'gp-spoofing',
    params,
  });
  for (const params of [{ reason: 'stopped' }, { failure: 'stopped' }, { answer: 'stopped' }] as Record<
    string,
    string
  >[])
    expect(finishedStatusOf([untested(params)])).toBe('stopped');
  expect(finishedStatusOf([untested({ answer: 'timeout' })])).toBe('done');
});
