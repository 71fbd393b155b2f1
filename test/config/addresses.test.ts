import { describe, expect, it } from 'vitest';
import { isAddressBlock, isDnsServer } from '../../src/config/addresses.ts';
import { load, MINIMAL_YAML, problemsOf } from './fixture.ts';

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
