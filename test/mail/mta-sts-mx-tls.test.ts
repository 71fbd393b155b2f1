import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import { finding } from '../../src/mail/dns-finding.ts';
import { runMailtest } from '../../src/mail/mailtest.ts';
import { mxTlsFindings, type ProbedAddress } from '../../src/mail/mta-sts-mx-tls.ts';
import type { SmtpProbeOptions } from '../../src/mail/smtp-probe.ts';
import { createTargetPolicy } from '../../src/mail/target-policy.ts';
import type { Finding } from '../../src/mail/types.ts';
import { fakeDns } from '../support/fake-dns.ts';
import { type FakeSmtpOptions, SILENCE, type TestCertificate } from '../support/fake-smtp.ts';
import { expectReadable, verdicts } from './readable.ts';
import { DOMAIN, daysFromNow, HOST, SHORT, useSmtpProbeBed } from './smtp-probe-bed.ts';

// The MTA-STS policy held against what the SMTP probe found at each MX address (RFC 8461 §5): real SMTP
// sessions with the probe's fake servers and test PKI, the policy's mode given as the MTA-STS check gives it.

const bed = useSmtpProbeBed();
const SUBJECT = `${HOST} (127.0.0.1)`;

const policy = (mode: 'enforce' | 'testing' | 'none'): Finding[] => [
  finding('mta_sts.record', 'pass', { name: `_mta-sts.${DOMAIN}`, id: '1' }),
  finding('mta_sts.mode', mode === 'enforce' ? 'pass' : 'warn', { mode }),
];

async function session(
  server: FakeSmtpOptions = bed.withTls(),
  options: Partial<SmtpProbeOptions> = {},
): Promise<ProbedAddress> {
  const found = await bed.probe(await bed.fake(server), options);
  return { host: HOST, address: '127.0.0.1', findings: Object.values(found) };
}

const withCertificate = (cert: TestCertificate) => bed.withTls({}, cert);
/** A server with a valid certificate, but for a name other than the MX host's. */
const wrongNameServer = () =>
  withCertificate(bed.pki.issue({ names: ['www.agency.test'], from: daysFromNow(-1), to: daysFromNow(200) }));

function judged(mtaSts: readonly Finding[], probed: readonly ProbedAddress[]): Finding[] {
  const found = mxTlsFindings(mtaSts, probed);
  expectReadable(found);
  return found;
}

describe('the MX certificate under an MTA-STS policy', () => {
  it('fails a certificate for another host when the policy is enforced: those senders refuse all its mail', async () => {
    const found = judged(policy('enforce'), [await session(wrongNameServer())]);
    expect(verdicts(found)).toEqual([`mta_sts.mx_certificate fail ${SUBJECT}`]);
    expect(found[0]?.params).toEqual({ host: HOST, address: '127.0.0.1', problems: 'name_mismatch' });
    expect(describeFinding(found[0]!, 'en').text).toContain('refuse all mail to this address');
    expect(describeFinding(found[0]!, 'ms').text).toContain('enggan menghantar sebarang mel ke alamat ini');
  });

  it('only warns of the same certificate in testing mode, where senders deliver and report', async () => {
    const found = judged(policy('testing'), [await session(wrongNameServer())]);
    expect(verdicts(found)).toEqual([`mta_sts.mx_certificate warn ${SUBJECT}`]);
  });

  it.each([
    ['self-signed', () => withCertificate(bed.pki.selfSigned(HOST)), {}, 'self_signed'],
    ['from a CA nobody trusts', () => bed.withTls(), { ca: undefined }, 'untrusted'],
    [
      'expired',
      () => withCertificate(bed.pki.issue({ names: [HOST], from: daysFromNow(-400), to: daysFromNow(-3) })),
      {},
      'expired',
    ],
  ])('fails a certificate that is %s under an enforced policy', async (_what, server, options, problem) => {
    const found = judged(policy('enforce'), [await session(server(), options)]);
    expect(found).toMatchObject([
      { check: 'mta_sts.mx_certificate', verdict: 'fail', params: { problems: problem } },
    ]);
  });

  it('passes a valid certificate that only expires soon: senders accept it until it lapses', async () => {
    const soon = bed.pki.issue({ names: [HOST], from: daysFromNow(-80), to: daysFromNow(5) });
    const found = judged(policy('enforce'), [await session(withCertificate(soon))]);
    expect(verdicts(found)).toEqual([`mta_sts.mx_certificate pass ${SUBJECT}`]);
  });

  it('leaves the certificate untested when the session could not show it', async () => {
    const found = judged(policy('enforce'), [await session({ banner: SILENCE }, { timeouts: SHORT })]);
    expect(found).toMatchObject([
      { check: 'mta_sts.mx_certificate', verdict: 'untested', params: { reason: 'timeout' } },
    ]);
  });
});

describe('STARTTLS on the MX under an MTA-STS policy', () => {
  it('fails an MX without STARTTLS when the policy is enforced, and warns in testing mode', async () => {
    const clear = await session({});
    expect(verdicts(judged(policy('enforce'), [clear]))).toEqual([`mta_sts.mx_starttls fail ${SUBJECT}`]);
    expect(verdicts(judged(policy('testing'), [clear]))).toEqual([`mta_sts.mx_starttls warn ${SUBJECT}`]);
  });
});

describe('what the cross-check leaves alone', () => {
  it('says nothing without a policy, with one in mode none, or with one that could not be read', async () => {
    const clear = await session({});
    const unread = [
      finding('mta_sts.record', 'pass', { name: `_mta-sts.${DOMAIN}`, id: '1' }),
      finding('mta_sts.policy', 'untested', { url: `https://mta-sts.${DOMAIN}/`, reason: 'timeout' }),
    ];
    expect(judged([finding('mta_sts.record', 'warn', { domain: DOMAIN })], [clear])).toEqual([]);
    expect(judged(policy('none'), [clear])).toEqual([]);
    expect(judged(unread, [clear])).toEqual([]);
  });

  it('says nothing of an address /mailtest was not allowed to connect to', () => {
    const kept = {
      host: HOST,
      address: '10.0.0.25',
      findings: [
        { check: 'smtp.target', verdict: 'untested', requirement: '4f-v', params: { address: '10.0.0.25' } },
      ],
    } as const;
    expect(judged(policy('enforce'), [kept])).toEqual([]);
  });
});

describe('a whole /mailtest run', () => {
  const POLICY_HOST = `mta-sts.${DOMAIN}`;
  let https: Server;
  let port: number;
  beforeAll(async () => {
    const cert = bed.pki.issue({ names: [POLICY_HOST], from: daysFromNow(-1), to: daysFromNow(90) });
    https = createServer(cert, (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`version: STSv1\nmode: enforce\nmx: ${HOST}\nmax_age: 604800\n`);
    });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    port = (https.address() as AddressInfo).port;
  });
  afterAll(async () => {
    https.closeAllConnections();
    await new Promise((resolve) => https.close(resolve));
  });

  it('reports the certificate under the enforced policy once the policy and the session are both in', async () => {
    const smtp = await bed.fake(wrongNameServer());
    const dns = fakeDns({
      [DOMAIN]: { mx: [{ exchange: HOST, priority: 10 }] },
      [HOST]: { a: ['127.0.0.1'] },
      '127.0.0.1': { ptr: [HOST] },
      [`_mta-sts.${DOMAIN}`]: { txt: ['v=STSv1; id=20240601'] },
      [POLICY_HOST]: { a: ['127.0.0.1'] },
    });
    const found = await runMailtest({
      domain: DOMAIN,
      dns,
      target: createTargetPolicy(['127.0.0.0/8']),
      settings: bed.mailtestSettings(2_000),
      ports: { smtp: smtp.port, mtaSts: port },
    });
    const transport = verdicts(found).filter((v) => /^mta_sts\.|^smtp\.tls_certificate/.test(v));
    expect(transport).toEqual([
      'mta_sts.record pass',
      'mta_sts.policy pass',
      'mta_sts.mode pass',
      `mta_sts.mx pass ${HOST}`,
      `mta_sts.mx_certificate fail ${SUBJECT}`,
      `smtp.tls_certificate warn ${SUBJECT}`,
    ]);
  });
});
