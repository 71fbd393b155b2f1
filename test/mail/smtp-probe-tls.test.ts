import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import { SMTP_CHECKS } from '../../src/mail/smtp-probe.ts';
import { RESET, SILENCE, type TestCertificate, type TestPki } from '../support/fake-smtp.ts';
import { freePort } from '../support/free-port.ts';
import { daysFromNow, HOST, SHORT, useSmtpProbeBed, verdicts } from './smtp-probe-bed.ts';

// The SMTP probe (issue 5, circular 4(f)) on the session itself, against fake servers: the greeting and what a
// dead or broken server leaves untested, the banner and EHLO names against PTR, STARTTLS offered, and the TLS
// version and certificate reported apart from it. Size, relay, VRFY and the client are in smtp-probe.test.ts.

const bed = useSmtpProbeBed();
const { fake, probe, withTls } = bed;
let pki: TestPki;
let good: TestCertificate;
beforeAll(() => {
  ({ pki, good } = bed);
});

describe('smtp.connect', () => {
  it('passes when the server greets with 220, showing the banner', async () => {
    const found = await probe(await fake(withTls()));
    expect(found['smtp.connect']).toMatchObject({
      verdict: 'pass',
      requirement: '4f-v',
      params: { banner: '220 mx.agency.test ESMTP Postfix (fake)' },
    });
  });

  it('is untested (timeout) within the banner deadline when the server never greets, and so is every check', async () => {
    const server = await fake({ banner: SILENCE });
    const started = Date.now();
    const found = await probe(server, { timeouts: SHORT });
    expect(Date.now() - started).toBeLessThan(2_000);
    for (const finding of Object.values(found)) {
      expect(finding).toMatchObject({ verdict: 'untested', params: { reason: 'timeout' } });
    }
    expect(found['smtp.connect']!.params.detail).toBe('banner: 300 ms');
  });

  it('keeps what it judged and leaves the rest untested (timeout) when a tarpit holds the probe past its budget', async () => {
    // Each reply well inside its own deadline, yet thirty of them would hold the run for minutes.
    const tarpit = await fake({ ...withTls(), delayMs: 120 });
    const found = await probe(tarpit, { budgetMs: 600 });
    expect(found['smtp.connect']!.verdict).toBe('pass');
    const cut = Object.values(found).filter((f) => f.verdict === 'untested');
    expect(cut.map((f) => f.check)).toContain('smtp.vrfy');
    for (const finding of cut)
      expect(finding.params).toMatchObject({
        reason: 'timeout',
        detail: expect.stringMatching(/: 600 ms in all$/),
      });
    expect(tarpit.commands.some((c) => c.startsWith('VRFY'))).toBe(false);
    // QUIT is written as the probe lets go; the fake reads it a moment later on a busy machine.
    await expect.poll(() => tarpit.commands.at(-1)).toBe('QUIT');

    // The same server, given the time, is judged in full: the delay alone is not what cut it.
    const patient = await probe(await fake({ ...withTls(), delayMs: 120 }));
    expect(Object.values(patient).filter((f) => f.verdict === 'untested')).toEqual([]);
  });

  it('ends at once when mailops stops, keeping what it judged and leaving the rest untested (stopped)', async () => {
    const stopping = new AbortController();
    // mailops stops while the server takes its time over EHLO: without the stop this would be a timeout.
    const server = await fake({
      ...withTls(),
      reply: (command) => {
        if (!command.startsWith('EHLO')) return undefined;
        stopping.abort();
        return SILENCE;
      },
    });
    const found = await probe(server, { signal: stopping.signal, budgetMs: 60_000 });
    expect(found['smtp.connect']!.verdict).toBe('pass');
    const cut = Object.values(found).filter((f) => f.verdict === 'untested');
    expect(cut.map((f) => f.check)).toEqual(
      expect.arrayContaining(['smtp.starttls', 'smtp.relay', 'smtp.vrfy']),
    );
    for (const finding of cut)
      expect(finding.params).toMatchObject({ reason: 'stopped', detail: 'EHLO: stopped' });
    expect(describeFinding(found['smtp.relay']!, 'en').text).toContain(
      'mailops was stopped before the test finished',
    );
    expect(Object.values(found).filter((f) => f.verdict === 'fail')).toEqual([]);

    // Stopped before it starts, a probe does not wait for a greeting either.
    const late = await probe(await fake(withTls()), { signal: stopping.signal });
    expect(late['smtp.connect']).toMatchObject({ verdict: 'untested', params: { reason: 'stopped' } });
  });

  it('leaves no listener on the stop signal, even when a reply had already been read as a wait began', async () => {
    const stopping = new AbortController();
    // Two replies to RSET: the second is already read when the next MAIL FROM starts waiting.
    const server = await fake({
      ...withTls(),
      reply: (c) => (c === 'RSET' ? ['250 2.0.0 Ok', '250 2.0.0 Ok'] : undefined),
    });
    await probe(server, { signal: stopping.signal });
    expect(getEventListeners(stopping.signal, 'abort')).toEqual([]);
  });

  it('is untested (refused) when nothing listens on the port', async () => {
    const found = await probe(await freePort());
    expect(found['smtp.connect']).toMatchObject({ verdict: 'untested', params: { reason: 'refused' } });
    expect(found['smtp.relay']).toMatchObject({ verdict: 'untested', params: { reason: 'refused' } });
  });

  it('is untested, not failed, when the server greets with 554 (RFC 5321 §3.1 "no service")', async () => {
    const found = await probe(await fake({ banner: '554 5.7.1 No SMTP service here' }));
    expect(found['smtp.connect']).toMatchObject({
      verdict: 'untested',
      params: { reason: 'rejected', detail: '554 5.7.1 No SMTP service here' },
    });
  });

  it('is untested (protocol) when the greeting is not an SMTP reply', async () => {
    const found = await probe(await fake({ banner: 'HTTP/1.1 400 Bad Request' }));
    expect(found['smtp.connect']).toMatchObject({ verdict: 'untested', params: { reason: 'protocol' } });
  });

  it('keeps the greeting but leaves everything after it untested (reset) when the connection is reset mid-EHLO', async () => {
    const server = await fake({ reply: (command) => (command.startsWith('EHLO') ? RESET : undefined) });
    const found = await probe(server);
    expect(found['smtp.connect']!.verdict).toBe('pass');
    for (const check of SMTP_CHECKS.slice(1)) {
      expect(found[check]).toMatchObject({ verdict: 'untested', params: { reason: 'reset' } });
    }
  });
});

describe('smtp.banner_name', () => {
  it('passes when the banner and EHLO names are PTR names of the address, whatever the case and final dot', async () => {
    const found = await probe(await fake(), { ptrNames: ['MX.Agency.Test.'] });
    expect(found['smtp.banner_name']).toMatchObject({
      verdict: 'pass',
      params: { banner: HOST, ehlo: HOST, ptr: HOST },
    });
  });

  it('passes a name in the same organisational domain as the PTR name: one operator naming its own hosts', async () => {
    const found = await probe(await fake(), { ptrNames: ['smtp-out-7.agency.test'] });
    expect(found['smtp.banner_name']).toMatchObject({
      verdict: 'pass',
      params: { ptr: 'smtp-out-7.agency.test' },
    });
  });

  it('warns with both names when the PTR names another host', async () => {
    const found = await probe(await fake(), { ptrNames: ['host-1.isp.test'] });
    expect(found['smtp.banner_name']).toMatchObject({
      verdict: 'warn',
      params: { banner: HOST, ehlo: HOST, ptr: 'host-1.isp.test' },
    });
  });

  it('warns when the EHLO reply gives another name than the banner', async () => {
    const server = await fake({
      reply: (command) => (command.startsWith('EHLO') ? '250 localhost.localdomain' : undefined),
    });
    const found = await probe(server);
    expect(found['smtp.banner_name']).toMatchObject({
      verdict: 'warn',
      params: { ehlo: 'localhost.localdomain' },
    });
  });

  it('warns when the address has no PTR at all', async () => {
    const found = await probe(await fake(), { ptrNames: [] });
    expect(found['smtp.banner_name']).toMatchObject({ verdict: 'warn', params: { ptr: '-' } });
  });

  it('is untested when the PTR names could not be looked up', async () => {
    const found = await probe(await fake(), { ptrNames: undefined });
    expect(found['smtp.banner_name']).toMatchObject({ verdict: 'untested', params: { reason: 'no_ptr' } });
  });
});

describe('smtp.starttls', () => {
  it('passes when STARTTLS is offered and the server answers 220', async () => {
    const found = await probe(await fake(withTls()));
    expect(found['smtp.starttls']).toMatchObject({
      verdict: 'pass',
      requirement: 'gp-transport',
      params: { reply: '220 2.0.0 Ready to start TLS' },
    });
  });

  it('fails when STARTTLS is not offered, and the relay and VRFY tries still run in clear', async () => {
    const server = await fake();
    const found = await probe(server);
    expect(found['smtp.starttls']!.verdict).toBe('fail');
    expect(found['smtp.tls_version']).toMatchObject({
      verdict: 'untested',
      params: { reason: 'no_starttls' },
    });
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'untested',
      params: { reason: 'no_starttls' },
    });
    expect(server.commands).not.toContain('STARTTLS');
    expect(verdicts(found)).toMatchObject({ 'smtp.relay': 'pass', 'smtp.vrfy': 'pass' });
  });

  it('fails when the server advertises STARTTLS but refuses it with 5xx', async () => {
    const server = await fake(
      withTls({ reply: (c) => (c === 'STARTTLS' ? '554 5.7.0 TLS disabled' : undefined) }),
    );
    const found = await probe(server);
    expect(found['smtp.starttls']).toMatchObject({
      verdict: 'fail',
      params: { reply: '554 5.7.0 TLS disabled' },
    });
    expect(found['smtp.relay']!.verdict).toBe('pass');
  });

  it('is untested on a temporary 454 and goes on in clear', async () => {
    const reply = (c: string) =>
      c === 'STARTTLS' ? '454 4.7.0 TLS not available due to local problem' : undefined;
    const found = await probe(await fake(withTls({ reply })));
    expect(found['smtp.starttls']).toMatchObject({ verdict: 'untested', params: { reason: 'temporary' } });
    expect(found['smtp.tls_version']).toMatchObject({ verdict: 'untested', params: { reason: 'temporary' } });
    expect(found['smtp.relay']!.verdict).toBe('pass');
  });

  it('leaves STARTTLS and TLS untested, not passed, when the handshake is reset, and tries relay and VRFY in a new clear session', async () => {
    const server = await fake(withTls({ tls: { ...good, resetHandshake: true } }));
    const found = await probe(server);
    expect(found['smtp.starttls']).toMatchObject({ verdict: 'untested', params: { reason: 'reset' } });
    expect(found['smtp.tls_version']).toMatchObject({ verdict: 'untested', params: { reason: 'reset' } });
    expect(found['smtp.tls_certificate']).toMatchObject({ verdict: 'untested', params: { reason: 'reset' } });
    expect(verdicts(found)).toMatchObject({ 'smtp.relay': 'pass', 'smtp.vrfy': 'pass', 'smtp.size': 'pass' });
    expect(server.connections()).toBe(2);
  });

  it('runs the relay and VRFY tries inside TLS and says EHLO again after the upgrade (RFC 3207 §4.2)', async () => {
    const seen: string[] = [];
    const server = await fake(
      withTls({
        reply: (command, { tls }) => {
          if (/^(RCPT|VRFY)/.test(command)) seen.push(`${command.slice(0, 4)} ${tls ? 'tls' : 'clear'}`);
          return undefined;
        },
      }),
    );
    await probe(server);
    expect(new Set(seen)).toEqual(new Set(['RCPT tls', 'VRFY tls']));
    expect(server.commands.filter((c) => c.startsWith('EHLO'))).toEqual([
      'EHLO probe.mailops.test',
      'EHLO probe.mailops.test',
    ]);
  });
});

describe('smtp.tls_version', () => {
  it.each([
    ['TLSv1.3', 'pass', 'TLS 1.3'],
    ['TLSv1.2', 'pass', 'TLS 1.2'],
    ['TLSv1.1', 'fail', 'TLS 1.1'],
    ['TLSv1', 'fail', 'TLS 1.0'],
  ] as const)('a server at most at %s gives %s (%s)', async (maxVersion, verdict, version) => {
    const found = await probe(await fake(withTls({ tls: { ...good, maxVersion } })));
    expect(found['smtp.tls_version']).toMatchObject({ verdict, params: { version } });
    expect(found['smtp.starttls']!.verdict).toBe('pass');
  });
});

describe('smtp.tls_certificate', () => {
  it('passes for a valid certificate naming the MX host from a trusted CA, with its dates', async () => {
    const found = await probe(await fake(withTls()));
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'pass',
      params: {
        subject: HOST,
        issuer: 'Mailops Test CA',
        verify: 'OK',
        problems: '',
        expires: daysFromNow(365).toISOString().slice(0, 10),
      },
    });
  });

  it('fails for an expired certificate', async () => {
    const expired = pki.issue({ names: [HOST], from: daysFromNow(-400), to: daysFromNow(-35) });
    const found = await probe(await fake(withTls({}, expired)));
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'fail',
      params: { problems: 'expired', expires: daysFromNow(-35).toISOString().slice(0, 10) },
    });
  });

  it('fails for a certificate that is not valid yet', async () => {
    const future = pki.issue({ names: [HOST], from: daysFromNow(10), to: daysFromNow(400) });
    const found = await probe(await fake(withTls({}, future)));
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'fail',
      params: { problems: 'not_yet_valid' },
    });
  });

  it('warns when the certificate names another host (opportunistic TLS still encrypts)', async () => {
    const wrong = pki.issue({ names: ['www.agency.test'], from: daysFromNow(-1), to: daysFromNow(200) });
    const found = await probe(await fake(withTls({}, wrong)));
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'warn',
      params: { problems: 'name_mismatch', names: 'DNS:www.agency.test', verify: 'OK' },
    });
  });

  it('warns when the certificate expires in less than 14 days, asking for renewal without saying senders refuse it', async () => {
    const soon = pki.issue({ names: [HOST], from: daysFromNow(-80), to: daysFromNow(5) });
    const found = await probe(await fake(withTls({}, soon)));
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'warn',
      params: { problems: 'expires_soon', days: 4 },
    });
    const renew = { en: /renew it before then/, ms: /perbaharuinya sebelum itu/ };
    for (const locale of ['ms', 'en'] as const) {
      const { text } = describeFinding(found['smtp.tls_certificate']!, locale);
      expect(text).toMatch(renew[locale]);
      expect(text).not.toMatch(/refuse it|menolaknya/);
    }
  });

  it('warns when the certificate names the MX host only in its CN, with no subjectAltName (RFC 8461 §4.2)', async () => {
    const cnOnly = issueWithoutSubjectAltName(HOST);
    const found = await probe(await fake(withTls({}, cnOnly)), { ca: cnOnly.ca });
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'warn',
      params: { subject: HOST, names: '-', verify: 'OK', problems: 'name_mismatch' },
    });
  });

  it('warns when the certificate is self-signed', async () => {
    const found = await probe(await fake(withTls({}, pki.selfSigned(HOST))));
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'warn',
      params: { problems: 'self_signed', verify: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
  });

  it('warns when the chain does not lead to a trusted root', async () => {
    const found = await probe(await fake(withTls()), { ca: undefined });
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'warn',
      params: { problems: 'untrusted' },
    });
    expect(found['smtp.tls_certificate']!.params.verify).not.toBe('OK');
  });
});

/** A CA of its own and a leaf from it naming `name` in the CN alone, which the bed's PKI cannot issue. */
function issueWithoutSubjectAltName(name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mailops-cn-only-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const ca = ['-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign'];
  openssl(
    ...['req', '-x509', ...newKey, ...ca],
    ...['-days', '30', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=CA'],
  );
  writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=CA:false\nextendedKeyUsage=serverAuth\n');
  openssl('req', ...newKey, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${name}`);
  openssl(
    ...['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial'],
    ...['-days', '20', '-extfile', 'leaf.ext', '-out', 'leaf.crt'],
  );
  const issued = { key: read('leaf.key'), cert: read('leaf.crt'), ca: read('ca.crt') };
  rmSync(dir, { recursive: true, force: true });
  return issued;
}
