import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { Secret } from '../../src/config/secret.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { createDomainChecks } from '../../src/mail/domain-checks.ts';
import type { DeliverySettings } from '../../src/mail/probe/delivery-types.ts';
import { createFakeClock } from '../../src/time.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { freePort } from '../support/free-port.ts';
import { NO_DOMAINS_DELIVERY, OFFLINE_MAILTEST_SETTINGS } from '../support/mailtest-settings.ts';
import { verdicts } from './readable.ts';

// Which remembered DKIM selector the domain checks treat as the one the domain signs with now: the one its
// mail was last seen signed with, and only while that is recent (a rotation shows the new selector first).

const DELIVERY = NO_DOMAINS_DELIVERY;

const KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ format: 'der', type: 'spki' })
  .toString('base64');
const DOMAIN = 'agensi.gov.my';
const NOW = new Date('2026-11-28T01:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600_000);

describeEachDatabase('domain checks: the DKIM selector in use', (suite) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await suite.create();
  });
  afterAll(async () => {
    await db?.cleanup();
  });
  beforeEach(async () => {
    await db.prisma.learnedDkimSelector.deleteMany();
  });

  const checksFor = (table: DnsTable, delivery: DeliverySettings = DELIVERY) =>
    createDomainChecks({
      db: db.prisma,
      mailtest: OFFLINE_MAILTEST_SETTINGS,
      delivery,
      logger: createMemoryLogger(),
      clock: createFakeClock(NOW),
      dns: fakeDns(table),
    });

  async function dkimFindings(
    table: DnsTable,
    learned: Record<string, Date>,
    options: { delivery?: DeliverySettings; probes?: boolean } = {},
  ) {
    for (const [selector, at] of Object.entries(learned)) {
      await db.prisma.learnedDkimSelector.create({
        data: { domain: DOMAIN, selector, firstSeenAt: daysAgo(400), lastSeenAt: at },
      });
    }
    const findings = await checksFor(table, options.delivery).run({
      domain: DOMAIN,
      delivery: options.probes ?? false,
    });
    return findings.filter((f) => f.check.startsWith('dkim.'));
  }
  const keyAt = (selector: string): DnsTable => ({
    [`${selector}._domainkey.${DOMAIN}`]: { txt: [`p=${KEY}`] },
  });

  it('fails the selector last seen on its mail when its key is gone, dated in Malaysia time', async () => {
    const findings = await dkimFindings(keyAt('mel2025'), {
      mel2025: daysAgo(3),
      mel2026: new Date('2026-11-27T17:30:00Z'),
    });
    expect(verdicts(findings)).toEqual([
      'dkim.selectors pass',
      'dkim.missing fail mel2026',
      'dkim.key pass mel2025',
    ]);
    expect(findings[1]?.params).toMatchObject({ seen: '2026-11-28' });
  });

  it('leaves an older selector alone once mail is seen signed with a newer one (a rotation)', async () => {
    const findings = await dkimFindings(keyAt('new'), { old: daysAgo(2), new: daysAgo(1) });
    expect(verdicts(findings)).toEqual(['dkim.selectors pass', 'dkim.key pass new']);
  });

  it("leaves the judgement to the run's own probes when they run: their copy shows today's signature", async () => {
    // The probe mailboxes point at a closed loopback port: the probes end at once as could-not-test.
    const closed = { host: '127.0.0.1', port: await freePort(), security: 'none' as const };
    const mailbox = (address: string) => ({
      address,
      username: address,
      password: new Secret('not-used'),
      submission: closed,
      imap: closed,
    });
    const delivery = {
      ...DELIVERY,
      domains: [
        {
          domain: DOMAIN,
          schedule: '0 8 * * *',
          agency: mailbox(`ujian@${DOMAIN}`),
          outside: mailbox('ujian@luar.test'),
        },
      ],
    };
    const table = keyAt('mel2025');
    const learned = { mel2025: daysAgo(3), mel2026: daysAgo(1) };
    const withoutProbes = await dkimFindings(table, learned, { delivery });
    expect(verdicts(withoutProbes)).toContain('dkim.missing fail mel2026');
    await db.prisma.learnedDkimSelector.deleteMany();
    const withProbes = await dkimFindings(table, learned, { delivery, probes: true });
    expect(verdicts(withProbes)).toEqual(['dkim.selectors pass', 'dkim.key pass mel2025']);
  });

  it('says both directions of the delivery tests could not run for a domain without probe mailboxes', async () => {
    const findings = await checksFor({}).run({ domain: DOMAIN, delivery: true });
    expect(verdicts(findings.filter((f) => f.check.startsWith('delivery.')))).toEqual([
      'delivery.inbound untested',
      'delivery.outbound untested',
    ]);
  });

  it('does not fail a selector last seen more than 30 days ago: the signer may have changed since', async () => {
    const findings = await dkimFindings({}, { mel2026: daysAgo(31) });
    expect(verdicts(findings)).toEqual(['dkim.selectors untested']);
  });
});
