import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createTranslator } from '../../src/i18n/index.ts';
import { probeSmtp, SMTP_CHECKS, type SmtpProbeOptions } from '../../src/mail/smtp-probe.ts';
import type { Finding } from '../../src/mail/types.ts';
import {
  createTestPki,
  type FakeSmtp,
  type FakeSmtpOptions,
  startFakeSmtp,
  type TestCertificate,
  type TestPki,
} from '../support/fake-smtp.ts';

// The bench the SMTP probe's tests stand on (issue 5: banner, STARTTLS, certificate, SIZE, relay, VRFY per MX
// address): a test PKI with a good certificate for the MX host, fake SMTP servers closed after each test, and
// probe(), which also holds every run to what any run must do — all checks reported, for this host, with
// texts in both languages, and never a DATA or BDAT sent.

export const HOST = 'mx.agency.test';
export const DOMAIN = 'agency.test';
// Generous where an answer is expected (a loaded CI machine must not turn a slow reply into a timeout), short
// where the test waits for a deadline on purpose.
export const TIMEOUTS = { connect: 2_000, banner: 2_000, reply: 2_000, tls: 2_000, quit: 1_000 };
export const SHORT = { ...TIMEOUTS, banner: 300, quit: 300 };
const DAY = 86_400_000;
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

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

export const verdicts = (found: Record<string, Finding>) =>
  Object.fromEntries(Object.values(found).map((f) => [f.check, f.verdict]));

/** Registers the bench's hooks in the calling test file; `pki` and `good` are there from beforeAll on. */
export function useSmtpProbeBed() {
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

  /**
   * The fake's default refuses every RCPT; a real MX accepts its domain's postmaster (RFC 5321 §4.5.1), which
   * the relay test asks first, so the bench does too unless a test's own reply says otherwise.
   */
  async function fake(options: FakeSmtpOptions = {}): Promise<FakeSmtp> {
    const server = await startFakeSmtp({
      ...options,
      reply: (command, context) =>
        options.reply?.(command, context) ??
        (command === `RCPT TO:<postmaster@${DOMAIN}>` ? '250 2.1.5 Ok' : undefined),
    });
    servers.push(server);
    return server;
  }

  const withTls = (options: FakeSmtpOptions = {}, cert = good): FakeSmtpOptions => ({
    ...options,
    tls: { key: cert.key, cert: cert.cert, ...options.tls },
  });

  async function probe(
    server: FakeSmtp | number,
    options: Partial<SmtpProbeOptions> = {},
  ): Promise<Record<string, Finding>> {
    const port = typeof server === 'number' ? server : server.port;
    const findings = await probeSmtp({
      address: '127.0.0.1',
      host: HOST,
      domain: DOMAIN,
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

  /** A whole /mailtest run's settings over this bench: no blocklists, the probe's names, the test PKI. */
  const mailtestSettings = (timeoutMs: number) => ({
    dnsblZones: [],
    dkimSelectors: [],
    heloName: 'probe.mailops.test',
    relaySender: 'probe@outside.test',
    relayRecipient: 'relaytest@outside.test',
    timeoutMs,
    ca: [pki.ca],
  });

  return {
    fake,
    withTls,
    probe,
    mailtestSettings,
    get pki() {
      return pki;
    },
    get good() {
      return good;
    },
  };
}
