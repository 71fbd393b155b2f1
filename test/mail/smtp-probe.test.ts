import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/index.ts';
import { SmtpClient } from '../../src/mail/smtp-client.ts';
import { probeSmtp, SMTP_CHECKS, type SmtpProbeOptions } from '../../src/mail/smtp-probe.ts';
import type { Finding } from '../../src/mail/types.ts';
import {
  createTestPki,
  type FakeSmtp,
  type FakeSmtpOptions,
  RESET,
  SILENCE,
  startFakeSmtp,
  type TestCertificate,
  type TestPki,
} from '../support/fake-smtp.ts';
import { freePort } from '../support/free-port.ts';

const HOST = 'mx.agency.test';
// Generous where an answer is expected (a loaded CI machine must not turn a slow reply into a timeout), short
// where the test waits for a deadline on purpose.
const TIMEOUTS = { connect: 2_000, banner: 2_000, reply: 2_000, tls: 2_000, quit: 1_000 };
const SHORT = { ...TIMEOUTS, banner: 300, quit: 300 };
const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

let pki: TestPki;
let good: TestCertificate;
const servers: FakeSmtp[] = [];

beforeAll(() => {
  pki = createTestPki();
  good = pki.issue({ names: [HOST], from: daysFromNow(-30), to: daysFromNow(365) });
});
afterAll(() => pki.dispose());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function fake(options: FakeSmtpOptions = {}): Promise<FakeSmtp> {
  const server = await startFakeSmtp(options);
  servers.push(server);
  return server;
}

const withTls = (options: FakeSmtpOptions = {}, cert = good): FakeSmtpOptions => ({
  ...options,
  tls: { key: cert.key, cert: cert.cert, ...options.tls },
});

const DATA_OR_BDAT = /^(DATA|BDAT)\b/i;
const PLACEHOLDER = /\{[A-Za-z0-9_]+\}/;

/** Every finding must have its texts in both languages with every placeholder filled from its params. */
function expectRenderable(findings: readonly Finding[]): void {
  for (const locale of ['ms', 'en'] as const) {
    const missing: string[] = [];
    const t = createTranslator(locale, { onMissing: (key) => missing.push(key) });
    for (const finding of findings) {
      const prefix = `mailtest.${finding.check}`;
      expect(t(`${prefix}.${finding.verdict}`, finding.params)).not.toMatch(PLACEHOLDER);
      t(`${prefix}.title`);
      t(`${prefix}.fix`);
      if (finding.verdict === 'untested') t(`mailtest.smtp.reason.${finding.params.reason}`);
    }
    expect(missing).toEqual([]);
  }
}

async function probe(
  server: FakeSmtp | number,
  options: Partial<SmtpProbeOptions> = {},
): Promise<Record<string, Finding>> {
  const port = typeof server === 'number' ? server : server.port;
  const findings = await probeSmtp({
    address: '127.0.0.1',
    host: HOST,
    domain: 'agency.test',
    ptrNames: [HOST],
    heloName: 'probe.mailops.test',
    outsideSender: 'probe@outside.test',
    outsideRecipient: 'relaytest@outside.test',
    ca: pki.ca,
    port,
    timeouts: TIMEOUTS,
    ...options,
  });
  expect(findings.map((f) => f.check)).toEqual(SMTP_CHECKS);
  expect(findings.every((f) => f.subject === `${HOST} (127.0.0.1)`)).toBe(true);
  expectRenderable(findings);
  if (typeof server !== 'number') expect(server.commands.filter((c) => DATA_OR_BDAT.test(c))).toEqual([]);
  return Object.fromEntries(findings.map((f) => [f.check, f]));
}

const verdicts = (found: Record<string, Finding>) =>
  Object.fromEntries(Object.values(found).map((f) => [f.check, f.verdict]));

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

  it('leaves TLS untested when the handshake is reset, and tries relay and VRFY in a new clear session', async () => {
    const server = await fake(withTls({ tls: { ...good, resetHandshake: true } }));
    const found = await probe(server);
    expect(found['smtp.starttls']!.verdict).toBe('pass');
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

  it('warns when the certificate expires in less than 14 days', async () => {
    const soon = pki.issue({ names: [HOST], from: daysFromNow(-80), to: daysFromNow(5) });
    const found = await probe(await fake(withTls({}, soon)));
    expect(found['smtp.tls_certificate']).toMatchObject({
      verdict: 'warn',
      params: { problems: 'expires_soon', days: 4 },
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

describe('smtp.size', () => {
  it.each([
    ['SIZE 10485760', 'pass', '10485760 (10 MB)'],
    ['SIZE 10240000', 'pass', '10240000 (9.8 MB)'],
    ['SIZE 10000000', 'pass', '10000000 (9.5 MB)'],
    ['SIZE 20971520', 'fail', '20971520 (20 MB)'],
    ['SIZE 0', 'fail', '0'],
    ['SIZE 5242880', 'warn', '5242880 (5 MB)'],
    ['SIZE', 'warn', '-'],
    [undefined, 'warn', '-'],
  ] as const)('EHLO %s gives %s', async (size, verdict, declared) => {
    const found = await probe(await fake({ extensions: ['PIPELINING', ...(size ? [size] : [])] }));
    expect(found['smtp.size']).toMatchObject({ verdict, requirement: '4f-iii', params: { declared } });
  });

  it('names the size a larger limit accepts, and no limit for SIZE 0', async () => {
    const larger = await probe(await fake({ extensions: ['SIZE 52428800'] }));
    expect(larger['smtp.size']!.params.mb).toBe('50');
    const unlimited = await probe(await fake({ extensions: ['SIZE 0'] }));
    expect(unlimited['smtp.size']!.params.mb).toBe('∞');
  });

  it('reads the limit from the EHLO after TLS, which replaces the one given in clear', async () => {
    const ehlo = ['250-mx.agency.test', '250 SIZE 52428800'];
    const found = await probe(
      await fake(withTls({ reply: (c, { tls }) => (tls && c.startsWith('EHLO') ? ehlo : undefined) })),
    );
    expect(found['smtp.size']).toMatchObject({ verdict: 'fail', params: { mb: '50' } });
  });
});

describe('smtp.relay', () => {
  it('passes when every form is refused with 5xx, trying each in its own transaction and never sending DATA', async () => {
    const server = await fake(withTls());
    const found = await probe(server);
    expect(found['smtp.relay']).toMatchObject({
      verdict: 'pass',
      requirement: '4f-vi',
      params: { reply: '554 5.7.1 Relay access denied' },
    });
    const rcpts = server.commands.filter((c) => c.startsWith('RCPT'));
    expect(rcpts.slice(1)).toEqual([
      'RCPT TO:<relaytest@outside.test>',
      'RCPT TO:<relaytest%outside.test@agency.test>',
      'RCPT TO:<@mx.agency.test:relaytest@outside.test>',
      'RCPT TO:<"relaytest@outside.test"@agency.test>',
      'RCPT TO:<outside.test!relaytest>',
    ]);
    expect(rcpts[0]).toMatch(/^RCPT TO:<mailops-probe-[0-9a-f]{12}@agency\.test>$/);
    const transaction = server.commands.slice(server.commands.indexOf('MAIL FROM:<probe@outside.test>'));
    expect(transaction.slice(0, 18)).toEqual(
      rcpts.flatMap((rcpt) => ['MAIL FROM:<probe@outside.test>', rcpt, 'RSET']),
    );
  });

  it('fails naming the percent hack when only that form is accepted', async () => {
    const reply = (c: string) => (c.startsWith('RCPT') && c.includes('%') ? '250 2.1.5 Ok' : undefined);
    const found = await probe(await fake(withTls({ reply })));
    expect(found['smtp.relay']).toMatchObject({
      verdict: 'fail',
      params: {
        form: 'percent-hack',
        recipient: 'relaytest%outside.test@agency.test',
        reply: '250 2.1.5 Ok',
      },
    });
  });

  it('fails naming the plain form when an outside recipient is accepted outright', async () => {
    const reply = (c: string) => (c === 'RCPT TO:<relaytest@outside.test>' ? '250 2.1.5 Ok' : undefined);
    const found = await probe(await fake({ reply }));
    expect(found['smtp.relay']).toMatchObject({ verdict: 'fail', params: { form: 'plain' } });
  });

  it('is untested (temporary) when RCPT gets a 4xx such as greylisting', async () => {
    const reply = (c: string) => (c.startsWith('RCPT') ? '450 4.7.1 Greylisted, try again later' : undefined);
    const found = await probe(await fake({ reply }));
    expect(found['smtp.relay']).toMatchObject({ verdict: 'untested', params: { reason: 'temporary' } });
    expect(String(found['smtp.relay']!.params.detail)).toContain('plain: 450 4.7.1 Greylisted');
  });

  it('is untested, not failed, when the server accepts any local recipient so local-domain forms prove nothing', async () => {
    const local = (c: string) => /@agency\.test>$/.test(c) || !c.includes('@');
    const reply = (c: string) => (c.startsWith('RCPT') && local(c) ? '250 2.1.5 Ok' : undefined);
    const found = await probe(await fake({ reply }));
    expect(found['smtp.relay']).toMatchObject({
      verdict: 'untested',
      params: { reason: 'accepts_all_local' },
    });
  });

  it('is untested (rejected) when the outside sender is refused at MAIL, and VRFY is still asked', async () => {
    const reply = (c: string) => (c.startsWith('MAIL') ? '550 5.7.1 Sender rejected' : undefined);
    const server = await fake({ reply });
    const found = await probe(server);
    expect(found['smtp.relay']).toMatchObject({ verdict: 'untested', params: { reason: 'rejected' } });
    expect(server.commands.some((c) => c.startsWith('RCPT'))).toBe(false);
    expect(found['smtp.vrfy']!.verdict).toBe('pass');
  });
});

describe('smtp.vrfy', () => {
  it.each([
    ['250 2.0.0 postmaster <postmaster@agency.test>', 'warn'],
    ['251 2.1.5 User not local; will forward', 'warn'],
    ['252 2.0.0 postmaster', 'pass'],
    ['502 5.5.1 VRFY command is disabled', 'pass'],
    ['550 5.1.1 <postmaster>: Recipient address rejected', 'pass'],
    ['450 4.7.1 Try again later', 'untested'],
  ] as const)('"%s" gives %s', async (answer, verdict) => {
    const server = await fake({ reply: (c) => (c === 'VRFY postmaster' ? answer : undefined) });
    const found = await probe(server);
    expect(found['smtp.vrfy']!.verdict).toBe(verdict);
    if (verdict !== 'untested') expect(found['smtp.vrfy']!.params.reply).toBe(answer);
  });
});

describe('the SMTP client', () => {
  it('reads multi-line replies and says QUIT at the end of every session', async () => {
    const server = await fake(withTls());
    const found = await probe(server);
    expect(found['smtp.size']!.verdict).toBe('pass');
    expect(server.commands.at(-1)).toBe('QUIT');
  });

  it('falls back to HELO when EHLO is not recognised (RFC 5321 §3.2), which offers neither STARTTLS nor SIZE', async () => {
    const reply = (c: string) =>
      c.startsWith('EHLO') ? '502 5.5.2 Error: command not recognized' : undefined;
    const server = await fake(withTls({ reply }));
    const found = await probe(server);
    expect(server.commands).toContain('HELO probe.mailops.test');
    expect(verdicts(found)).toMatchObject({
      'smtp.banner_name': 'pass',
      'smtp.starttls': 'fail',
      'smtp.size': 'warn',
      'smtp.relay': 'pass',
    });
  });

  it('refuses to send DATA, BDAT or a line carrying CR or LF', async () => {
    const server = await fake();
    const opened = await SmtpClient.open({ address: '127.0.0.1', port: server.port, timeouts: TIMEOUTS });
    if (!opened.ok) throw new Error(opened.detail);
    const { client } = opened.value;
    for (const line of ['DATA', 'BDAT 10 LAST', 'NOOP\r\nDATA']) {
      expect(await client.command(line)).toMatchObject({ ok: false, reason: 'error' });
    }
    expect(await client.command('NOOP')).toMatchObject({ ok: true });
    await client.close();
    expect(server.commands).toEqual(['NOOP', 'QUIT']);
  });

  it('connects from the local address it is given, so a test bed can stand outside mynetworks', async () => {
    const server = await fake();
    await probe(server, { localAddress: '127.0.0.2' });
    expect(server.peers).toEqual(['127.0.0.2']);
  });

  it('leaves no socket or timer behind: a process that probes exits by itself', async () => {
    const healthy = await fake(withTls());
    const silent = await fake({ banner: SILENCE });
    const dir = mkdtempSync(join(tmpdir(), 'mailops-probe-'));
    const script = join(dir, 'probe.ts');
    const probeModule = pathToFileURL(join(import.meta.dirname, '../../src/mail/smtp-probe.ts')).href;
    writeFileSync(
      script,
      `import { probeSmtp } from '${probeModule}';
const base = { address: '127.0.0.1', host: '${HOST}', heloName: 'probe.test', outsideSender: 'a@outside.test',
  outsideRecipient: 'b@outside.test', ca: ${JSON.stringify(pki.ca)} };
const one = await probeSmtp({ ...base, port: ${healthy.port} });
const two = await probeSmtp({ ...base, port: ${silent.port}, timeouts: { banner: 200, quit: 200 } });
console.log(JSON.stringify([...one, ...two].map((f) => f.verdict)));
`,
    );
    try {
      const started = Date.now();
      // The defaults are 5–30 s, so one leaked timer or socket keeps the process alive well past this limit.
      const { code, stdout } = await run(process.execPath, [script], 4_000);
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(JSON.parse(stdout)).toHaveLength(16);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 10_000);
});

function run(
  command: string,
  args: string[],
  limitMs: number,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}
