import type { MailtestSettings } from '../../src/config/types.ts';

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
