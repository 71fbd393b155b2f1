import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import { runMailtest } from '../../src/mail/mailtest.ts';
import { createDnsClient } from '../../src/mail/resolver.ts';
import { createTargetPolicy } from '../../src/mail/target-policy.ts';
import type { Finding } from '../../src/mail/types.ts';
import { tempDir } from '../support/databases.ts';
import { freePort } from '../support/free-port.ts';
import { ensurePackages, MAIL_WORLD_PACKAGES } from '../support/mail-world/index.ts';
import { type Nsd, startNsd } from '../support/mail-world/nsd.ts';
import { dnsOnlySettings } from '../support/mailtest-settings.ts';

// /mailtest asking a DNS server that does not see the public DNS: a real NSD that serves only an empty root
// zone answers NXDOMAIN for every name, as an air-gapped agency's internal resolver without forwarding does
// (and this machine's own resolver did for a reviewer: "Domain contoh.gov.my tidak wujud" was a wrong fail).
// It also serves one agency zone, as such a resolver serves the agency's own names: the split view.

const HOST = '127.0.6.53';
const AGENCY = 'agensi.gov.my';

const ROOT_ZONE = `$ORIGIN .
$TTL 300
@ IN SOA ns.blind. hostmaster.blind. 1 3600 600 86400 300
@ IN NS ns.blind.
ns.blind. IN A ${HOST}
`;

const AGENCY_ZONE = `$ORIGIN ${AGENCY}.
$TTL 300
@ IN SOA ns.blind. hostmaster.blind. 1 3600 600 86400 300
@ IN NS ns.blind.
@ IN MX 10 mx
@ IN TXT "v=spf1 mx -all"
mx IN A 127.0.6.25
`;

let nsd: Nsd;
let port: number;
let dir: string;

beforeAll(async () => {
  await ensurePackages(MAIL_WORLD_PACKAGES);
  dir = tempDir('public-view');
  port = await freePort();
  nsd = await startNsd(dir, {
    host: HOST,
    port,
    identity: 'blind-resolver',
    zones: [
      { origin: '.', text: ROOT_ZONE },
      { origin: AGENCY, text: AGENCY_ZONE },
    ],
  });
}, 120_000);

afterAll(async () => {
  await nsd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const mailtest = (domain: string) =>
  runMailtest({
    domain,
    dns: createDnsClient({ servers: [`${HOST}:${port}`], timeoutMs: 2_000 }),
    target: createTargetPolicy(['127.0.0.0/8']),
    settings: dnsOnlySettings(2_000),
  });

const of = (findings: readonly Finding[], check: string) => findings.find((f) => f.check === check);

describe('/mailtest through a DNS server that does not see the public DNS', () => {
  it('says it could not test a domain the server calls non-existent, and fails nothing', async () => {
    const findings = await mailtest('contoh.gov.my');
    expect(of(findings, 'dns.domain')).toMatchObject({
      verdict: 'untested',
      params: { domain: 'contoh.gov.my', failure: 'blind' },
    });
    expect(findings.filter((f) => f.verdict === 'fail').map((f) => f.check)).toEqual([]);
    expect(describeFinding(of(findings, 'dns.domain')!, 'ms').text).toMatch(
      /tidak melihat DNS awam.*mailtest\.dns_servers/,
    );
    expect(describeFinding(of(findings, 'dns.domain')!, 'en').text).toMatch(/does not see the public DNS/);
  });

  it('judges what the server knows of the agency, and takes none of its NXDOMAIN answers for a fail', async () => {
    const findings = await mailtest(AGENCY);
    expect(of(findings, 'dns.mx')?.verdict).toBe('pass');
    expect(of(findings, 'spf.record')?.verdict).toBe('pass');
    // No _dmarc record in the agency's zone, as this server sees it: the public zone may well have one.
    expect(of(findings, 'dmarc.record')).toMatchObject({ verdict: 'untested' });
    expect(findings.filter((f) => f.verdict === 'fail').map((f) => f.check)).toEqual([]);
  });
});
