import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { isAddressBlock, isDnsServer } from '../../src/config/addresses.ts';
import { load, loadEnv, MINIMAL_YAML, problemsOf } from './fixture.ts';

describe('addresses in the configuration', () => {
  it('take a resolver in every form node reads, and nothing node would throw on', () => {
    for (const ok of ['10.0.0.53', '127.0.0.1:5353', '::1', '2001:db8::53', '[::1]:5353', '[2001:db8::53]'])
      expect(isDnsServer(ok), ok).toBe(true);
    for (const bad of [
      '999.1.1.1',
      '1.2.3.4:70000',
      '1.2.3.4:0',
      'ns1.agensi.gov.my',
      '[10.0.0.1]:53',
      '::1:53x',
      '',
    ])
      expect(isDnsServer(bad), bad).toBe(false);
  });

  it('take address blocks with a prefix their family allows', () => {
    for (const ok of ['10.0.0.0/8', '127.0.0.0/8', '0.0.0.0/0', '192.0.2.1/32', 'fd00::/8', '::1/128'])
      expect(isAddressBlock(ok), ok).toBe(true);
    for (const bad of [
      '10.0.0.0/99',
      '10.0.0.0/33',
      'fd00::/129',
      '10.0.0.0',
      '10.0.0.0/8/8',
      '256.0.0.0/8',
      '10.0.0.0/x',
    ])
      expect(isAddressBlock(bad), bad).toBe(false);
  });

  it('are refused by path when the file is read, before anything runs', () => {
    const problems = problemsOf(
      load(`${MINIMAL_YAML}mailtest:
  dns_servers: ['999.1.1.1:70000', '127.0.0.1:5353']
  allow_targets: ['10.0.0.0/99', '127.0.0.0/8']
`),
    );
    expect([...problems].sort()).toEqual([
      'mailtest.allow_targets[0]: must be an address block such as 10.1.0.0/16 (prefix up to /32, /128 for IPv6)',
      'mailtest.dns_servers[0]: must be an IP address, optionally with a port 1–65535 (e.g. 10.0.0.53, 127.0.0.1:5353 or [::1]:5353)',
    ]);
  });
});

describe('mailtest.extra_ca_file', () => {
  it('is read with the rest of the file, relative to it, so config check names a missing or wrong one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailops-ca-'));
    // Two real certificates (any will do: the bundle node trusts), then one whose body is not a certificate.
    writeFileSync(join(dir, 'agency-ca.pem'), `${rootCertificates[0]}\n${rootCertificates[1]}\n`);
    const unreadable = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(join(dir, 'broken.pem'), `${rootCertificates[0]}\n${unreadable}`);
    writeFileSync(join(dir, 'notes.txt'), 'not a certificate');
    const withCa = (file: string) => `${MINIMAL_YAML}mailtest:\n  extra_ca_file: ${file}\n`;
    const config = join(dir, 'mailops.yaml');
    const loadIn = (file: string) => {
      writeFileSync(config, withCa(file));
      return loadEnv({ MAILOPS_CONFIG: config });
    };
    const good = loadIn('agency-ca.pem');
    expect(problemsOf(good)).toEqual([]);
    expect(good.ok && good.config.mailtest.extraCaFile).toBe(join(dir, 'agency-ca.pem'));
    expect(problemsOf(loadIn('missing.pem'))).toEqual([
      `mailtest.extra_ca_file: ${join(dir, 'missing.pem')} cannot be read`,
    ]);
    expect(problemsOf(loadIn('broken.pem'))).toEqual([
      `mailtest.extra_ca_file: certificate 2 in ${join(dir, 'broken.pem')} cannot be read`,
    ]);
    expect(problemsOf(loadIn('notes.txt'))).toEqual([
      `mailtest.extra_ca_file: ${join(dir, 'notes.txt')} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    ]);
  });
});
