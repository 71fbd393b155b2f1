import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.ts';
import { createDomainChecks } from '../../src/mail/domain-checks.ts';
import type { DeliverySettings, MonitoredDomain } from '../../src/mail/probe/delivery-types.ts';
import { createFakeClock } from '../../src/time.ts';
import { NO_DOMAINS_DELIVERY, OFFLINE_MAILTEST_SETTINGS } from '../support/mailtest-settings.ts';

// SOP 4.2 step 3's first question, whether a complaint's domain is the service's, answered from the
// configuration: the monitored domains and the other service domains, subdomains included. A configuration
// that names none cannot answer, and must not answer "no" (every complaint would fail for it).

const NONE = NO_DOMAINS_DELIVERY;

const checksWith = (delivery: DeliverySettings) =>
  createDomainChecks({
    // Whether a domain is served reads only the configuration.
    db: {} as never,
    mailtest: OFFLINE_MAILTEST_SETTINGS,
    delivery,
    logger: createMemoryLogger(),
    clock: createFakeClock(new Date('2026-11-30T01:00:00Z')),
  });

describe('whether a domain is within the service', () => {
  it('cannot tell when the configuration names no service domain', () => {
    expect(checksWith(NONE).inService('moe.gov.my')).toBeNull();
  });

  it('answers from the monitored and the other service domains, subdomains included', () => {
    const monitored = { domain: 'agensi.gov.my' } as MonitoredDomain;
    const checks = checksWith({ ...NONE, domains: [monitored], serviceDomains: ['moe.gov.my'] });
    expect(checks.inService('agensi.gov.my')).toBe(true);
    expect(checks.inService('sekolah.moe.gov.my')).toBe(true);
    expect(checks.inService('swasta.com.my')).toBe(false);
    expect(checksWith({ ...NONE, serviceDomains: ['moe.gov.my'] }).inService('agensi.gov.my')).toBe(false);
  });
});
