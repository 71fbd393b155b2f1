import type { MailtestSettings } from '../../src/config/types.ts';
import type { MailtestSettings as RunSettings } from '../../src/mail/mailtest.ts';
import type { DeliverySettings } from '../../src/mail/probe/delivery-types.ts';

/** /mailtest settings for tests whose DNS is a fake: no resolvers, blocklists or configured selectors. */
export const OFFLINE_MAILTEST_SETTINGS: MailtestSettings = {
  dnsServers: [],
  timeoutMs: 1000,
  runsPerMinute: 2,
  allowTargets: [],
  dnsblZones: [],
  dkimSelectors: [],
  heloName: 'mailtest.mailops.test',
  relaySender: 'postmaster@example.com',
  relayRecipient: 'relay-test@example.net',
  extraCaFile: null,
};

/** One run's settings (runMailtest) judging DNS only: the offline ones, with this wait and these blocklists. */
export const dnsOnlySettings = (timeoutMs: number, dnsblZones: readonly string[] = []): RunSettings => ({
  dnsblZones,
  dkimSelectors: [],
  heloName: OFFLINE_MAILTEST_SETTINGS.heloName,
  relaySender: OFFLINE_MAILTEST_SETTINGS.relaySender,
  relayRecipient: OFFLINE_MAILTEST_SETTINGS.relayRecipient,
  timeoutMs,
});

/** Delivery settings with no monitored or service domain, and waits short enough for a test. */
export const NO_DOMAINS_DELIVERY: DeliverySettings = {
  deadlineMs: 1000,
  replyGraceMs: 0,
  sizeProbes: false,
  sizeLimitBytes: 10 * 1024 * 1024,
  minimumMailboxBytes: 100 * 1024 * 1024,
  quotaWarningPercents: [80],
  serviceDomains: [],
  domains: [],
};
