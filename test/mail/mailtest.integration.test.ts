import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { runMailtest } from '../../src/mail/mailtest.ts';
import { createDnsClient } from '../../src/mail/resolver.ts';
import { createTargetPolicy } from '../../src/mail/target-policy.ts';
import type { Finding, Verdict } from '../../src/mail/types.ts';
import { writeConfig } from '../config/fixture.ts';
import { tempDir } from '../support/databases.ts';
import {
  DMARC_NONE_DOMAIN,
  DNSBL_ZONE,
  GOOD_DKIM_SELECTOR,
  GOOD_DOMAIN,
  GOOD_MX,
  type MailWorld,
  MX_CNAME_DOMAIN,
  MX_IP_DOMAIN,
  MX_NXHOST_DOMAIN,
  NO_ALL_DOMAIN,
  NO_DMARC_DOMAIN,
  NO_PTR_DOMAIN,
  NULL_MX_DOMAIN,
  OPENRELAY_DOMAIN,
  OVER_LIMIT_INCLUDE,
  PLUS_ALL_DOMAIN,
  PTR_SPF_DOMAIN,
  SERVFAIL_DOMAIN,
  SILENT_DOMAIN,
  SPF_DEEP_DOMAIN,
  SPF_VOID_DOMAIN,
  STS_MISSING_MX_DOMAIN,
  startMailWorld,
  TWO_SPF_DOMAIN,
  WEAK_DKIM_DOMAIN,
  WEAK_DKIM_SELECTOR_512,
  WEAK_DKIM_SELECTOR_1024,
} from '../support/mail-world/index.ts';

// /mailtest against real servers on loopback (test/support/mail-world): an authoritative NSD with one good
// domain and one domain per planted defect, a hardened and a misconfigured Postfix on port 25 of their own
// addresses, an SMTP server that never speaks and a name server that never answers. Each planted defect is
// found with the right verdict, nothing in the good domain fails, and what cannot be tested says so.

let world: MailWorld;

beforeAll(async () => {
  world = await startMailWorld();
}, 300_000);
afterAll(async () => {
  await world?.close();
});

async function mailtest(domain: string, options: { silentDns?: boolean } = {}) {
  const server = options.silentDns ? world.silentDns : world.dns;
  const progress: number[] = [];
  const findings = await runMailtest({
    domain,
    dns: createDnsClient({ servers: [`${server.host}:${server.port}`], timeoutMs: 1500, tries: 1 }),
    // The tests allow-list loopback, as an agency lists its internal mail servers.
    target: createTargetPolicy(['127.0.0.0/8']),
    settings: {
      dnsblZones: [DNSBL_ZONE],
      dkimSelectors: [GOOD_DKIM_SELECTOR, WEAK_DKIM_SELECTOR_1024, WEAK_DKIM_SELECTOR_512],
      heloName: 'mailtest.mailops.test',
      relaySender: 'postmaster@other.test',
      relayRecipient: 'relay-test@other.test',
      timeoutMs: 2000,
      ca: [world.ca.certPem],
    },
    onFindings: (sofar) => progress.push(sofar.length),
  });
  return { findings, progress };
}

const verdicts = (findings: readonly Finding[], check: string) =>
  findings.filter((f) => f.check === check).map((f) => f.verdict);
const one = (findings: readonly Finding[], check: string) => {
  const found = findings.filter((f) => f.check === check);
  expect(found, `${check} in ${findings.map((f) => f.check).join(', ')}`).toHaveLength(1);
  return found[0]!;
};
const verdictOf = (findings: readonly Finding[], check: string): Verdict => one(findings, check).verdict;

describe('mailtest against the mail test world', () => {
  it('fails nothing in a well-configured domain, and finds what the circular asks for', async () => {
    const { findings, progress } = await mailtest(GOOD_DOMAIN);
    const bad = findings.filter((f) => f.verdict === 'fail' || f.verdict === 'untested');
    expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
    // The one warning a single-MX domain earns: circular item 4(f)(iv) asks for two mail servers.
    expect(findings.filter((f) => f.verdict === 'warn').map((f) => f.check)).toEqual(['dns.mx_redundancy']);
    for (const check of ['dns.mx', 'dns.mx_host', 'dns.ptr', 'dns.fcrdns', 'spf.record', 'spf.lookups'])
      expect(verdictOf(findings, check), check).toBe('pass');
    for (const check of ['dmarc.policy', 'dkim.key', 'mta_sts.mx', 'tls_rpt.record'])
      expect(verdictOf(findings, check), check).toBe('pass');
    const smtp = findings.filter((f) => f.check.startsWith('smtp.'));
    expect(new Set(smtp.map((f) => f.subject))).toEqual(new Set([`${GOOD_MX} (127.0.1.1)`]));
    for (const check of [
      'smtp.starttls',
      'smtp.tls_version',
      'smtp.tls_certificate',
      'smtp.size',
      'smtp.relay',
    ])
      expect(verdictOf(findings, check), check).toBe('pass');
    expect(String(one(findings, 'smtp.size').params.declared)).toContain('10 MiB');
    expect(verdictOf(findings, 'dnsbl.listing')).toBe('pass');
    // The card fills in as checks finish: several reports, each with more findings.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(findings.length);
  }, 60_000);

  it('finds an open relay with no STARTTLS, a 50 MB limit, a PTR that does not confirm and a blocklisting', async () => {
    const { findings } = await mailtest(OPENRELAY_DOMAIN);
    expect(verdictOf(findings, 'smtp.relay')).toBe('fail');
    expect(verdictOf(findings, 'smtp.starttls')).toBe('fail');
    expect(verdictOf(findings, 'smtp.size')).toBe('fail');
    expect(String(one(findings, 'smtp.size').params.declared)).toContain('50 MiB');
    expect(verdictOf(findings, 'dns.fcrdns')).toBe('fail');
    expect(verdictOf(findings, 'smtp.banner_name')).toBe('warn');
    expect(verdictOf(findings, 'dnsbl.listing')).toBe('fail');
    // Postfix with VRFY on answers 252 for postmaster but 550 5.1.1 for a mailbox that does not exist: the
    // difference lets anyone harvest addresses. (The hardened server, VRFY off, passes above.)
    expect(verdictOf(findings, 'smtp.vrfy')).toBe('warn');
    expect(String(one(findings, 'smtp.vrfy').params.reply)).toMatch(/^postmaster: 252 .*: 550 5\.1\.1 /);
    // TLS cannot be judged where it is not offered: never a second fail for the same cause.
    expect(verdictOf(findings, 'smtp.tls_version')).toBe('untested');
  }, 60_000);

  it.each([
    [SPF_DEEP_DOMAIN, 'spf.lookups', 'fail'],
    [SPF_VOID_DOMAIN, 'spf.void_lookups', 'fail'],
    [TWO_SPF_DOMAIN, 'spf.multiple', 'fail'],
    [PLUS_ALL_DOMAIN, 'spf.all', 'fail'],
    [NO_ALL_DOMAIN, 'spf.no_all', 'warn'],
    [PTR_SPF_DOMAIN, 'spf.ptr', 'warn'],
    [NO_DMARC_DOMAIN, 'dmarc.record', 'fail'],
    [DMARC_NONE_DOMAIN, 'dmarc.policy', 'warn'],
    [MX_NXHOST_DOMAIN, 'dns.mx_host', 'fail'],
    [MX_CNAME_DOMAIN, 'dns.mx_cname', 'warn'],
    [MX_IP_DOMAIN, 'dns.mx_target', 'fail'],
    [NULL_MX_DOMAIN, 'dns.null_mx', 'warn'],
    [NO_PTR_DOMAIN, 'dns.ptr', 'fail'],
    [STS_MISSING_MX_DOMAIN, 'mta_sts.mx', 'fail'],
  ] as const)(
    'finds the planted defect of %s: %s is %s',
    async (domain, check, verdict) => {
      const { findings } = await mailtest(domain);
      expect(verdicts(findings, check)).toContain(verdict);
    },
    60_000,
  );

  it('names the include that pushes SPF over ten lookups', async () => {
    const { findings } = await mailtest(SPF_DEEP_DOMAIN);
    expect(String(one(findings, 'spf.lookups').params.over)).toContain(OVER_LIMIT_INCLUDE);
  }, 60_000);

  it('fails a 512-bit DKIM key and warns about a 1024-bit one', async () => {
    const { findings } = await mailtest(WEAK_DKIM_DOMAIN);
    const keys = findings.filter((f) => f.check === 'dkim.key');
    expect(keys.find((f) => f.subject?.includes(WEAK_DKIM_SELECTOR_512))?.verdict).toBe('fail');
    expect(keys.find((f) => f.subject?.includes(WEAK_DKIM_SELECTOR_1024))?.verdict).toBe('warn');
  }, 60_000);

  it('says "could not test" for a server that never speaks, never "fail", within its timeout', async () => {
    const started = Date.now();
    const { findings } = await mailtest(SILENT_DOMAIN);
    expect(verdictOf(findings, 'smtp.connect')).toBe('untested');
    expect(findings.filter((f) => f.check.startsWith('smtp.')).map((f) => f.verdict)).not.toContain('fail');
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);

  it('says "could not test" for SERVFAIL and for a name server that never answers', async () => {
    for (const [domain, silentDns] of [
      [SERVFAIL_DOMAIN, false],
      [GOOD_DOMAIN, true],
    ] as const) {
      const { findings } = await mailtest(domain, { silentDns });
      const failed = findings.filter((f) => f.verdict === 'fail');
      expect(failed, `${domain}: ${JSON.stringify(failed)}`).toEqual([]);
      expect(findings.some((f) => f.verdict === 'untested')).toBe(true);
    }
  }, 60_000);

  it('never connects to an address the target policy refuses', async () => {
    const findings = await runMailtest({
      domain: GOOD_DOMAIN,
      dns: createDnsClient({ servers: [`${world.dns.host}:${world.dns.port}`], timeoutMs: 1500 }),
      target: createTargetPolicy([]),
      settings: {
        dnsblZones: [],
        dkimSelectors: [],
        heloName: 'mailtest.mailops.test',
        relaySender: 'postmaster@other.test',
        relayRecipient: 'relay-test@other.test',
        timeoutMs: 2000,
      },
    });
    expect(verdictOf(findings, 'smtp.target')).toBe('untested');
    expect(findings.filter((f) => f.check.startsWith('smtp.')).map((f) => f.check)).toEqual(['smtp.target']);
    expect(world.mtaStsRequests.filter((r) => r.includes('after-policy'))).toEqual([]);
  }, 60_000);
});

describe('mailops mailtest in a terminal', () => {
  // One embedded database for the suite, as an operator's installation has.
  const dataDir = tempDir('mailtest-cli');
  async function cli(args: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const config = writeConfig(`
people:
  - { id: salmah, name: Salmah binti Idris, email: salmah@agensi.gov.my, roles: [admin, approver, soc] }
endorsement: { required: false }
mailtest:
  dns_servers: ['127.0.0.1:${world.dns.port}']
  timeout_seconds: 2
  allow_targets: [127.0.0.0/8]
  dnsbl_zones: [${DNSBL_ZONE}]
  dkim_selectors: [${GOOD_DKIM_SELECTOR}]
  relay_sender: postmaster@other.test
  relay_recipient: relay-test@other.test
  extra_ca_file: ${world.ca.certFile}
`);
    const code = await runCli(args, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { MAILOPS_LOG_LEVEL: 'error', MAILOPS_CONFIG: config, MAILOPS_DATA_DIR: dataDir, ...env },
      isTty: false,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the report as a table with the requirements met and not met, and how to fix each finding', async () => {
    const { code, out, err } = await cli(['mailtest', OPENRELAY_DOMAIN], { MAILOPS_DEFAULT_LOCALE: 'en' });
    expect(code, err).toBe(0);
    expect(out).toMatch(/^Mail test of openrelay\.test · /);
    expect(out).toMatch(/^FAIL\s+.*relay/im);
    expect(out).toContain('Circular 4(f)(vi): relay only for internal servers: NOT met');
    expect(out).toContain('How to fix:');
    expect(out).not.toContain('\u001b[');
  }, 60_000);

  it('prints JSON for scripts, keeps every run, and lists them with --history', async () => {
    const json = await cli(['mailtest', GOOD_DOMAIN, '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(report).toMatchObject({ domain: GOOD_DOMAIN, summary: { fail: 0 } });
    expect(report.findings[0]).toMatchObject({ check: expect.any(String), title: expect.any(String) });
    const again = await cli(['mailtest', GOOD_DOMAIN, '--dns', `127.0.0.1:${world.dns.port}`]);
    expect(again.code).toBe(0);
    const listed = await cli(['mailtest', '--history', GOOD_DOMAIN]);
    // Both runs of good.test, newest first; the open relay's run is not in this list.
    expect(listed.out.split('\n').filter((l) => l.includes('selesai'))).toHaveLength(2);
    expect(listed.out).toMatch(/0 gagal/);
  }, 60_000);

  it('refuses bad input with a one-line message and exit code 2', async () => {
    for (const [args, message] of [
      [['mailtest'], /Nyatakan domain/],
      [['mailtest', '127.0.0.1'], /alamat IP/],
      [['mailtest', 'agensi..gov.my'], /bukan nama domain yang sah/],
      [['mailtest', GOOD_DOMAIN, '--dns', 'dns.example'], /--dns memerlukan/],
    ] as const) {
      const result = await cli([...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err).not.toMatch(/\n\s+at /);
    }
  });
});
