import type { MailtestSettings } from '../../src/config/types.ts';
import type { MailtestSettings as RunSettings } from '../../src/mail/mailtest.ts';

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
