import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../cards/slack/problems.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { createPgliteDatabase, type TestDatabase } from '../support/databases.ts';
import {
  DNSBL_ZONE,
  GOOD_DKIM_SELECTOR,
  GOOD_DOMAIN,
  type MailWorld,
  OPENRELAY_DOMAIN,
  SILENT_DOMAIN,
  startMailWorld,
} from '../support/mail-world/index.ts';
import { CHANNELS, PEOPLE, type SlackWorld, startSlackWorld, until } from '../support/slack-world.ts';
import { messageActivity } from '../support/teams/activities.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';
import {
  AGENCY_YAML,
  cardOf,
  hafiz,
  SOC_CHANNEL,
  startTeamsWorld,
  type TeamsWorld,
} from '../support/teams-world.ts';

// /mailtest in Microsoft Teams (and so in the playground, which runs the Teams code path) and in Slack, against the real mail
// servers of the test world: the command is answered with a report card that fills in as checks finish and ends
// with the summary and the circular's requirements; bad input and the per-person limit get a sentence and run
// nothing; every run is stored.

const { aminah } = TENANT.users;
let mail: MailWorld;
let db: TestDatabase;
let world: TeamsWorld;

beforeAll(async () => {
  mail = await startMailWorld();
  db = await createPgliteDatabase();
  world = await startTeamsWorld(
    db,
    `${AGENCY_YAML}
mailtest:
  dns_servers: ['127.0.0.1:${mail.dns.port}']
  timeout_seconds: 2
  runs_per_minute: 3
  allow_targets: [127.0.0.0/8]
  dnsbl_zones: [${DNSBL_ZONE}]
  dkim_selectors: [${GOOD_DKIM_SELECTOR}]
  relay_sender: postmaster@other.test
  relay_recipient: relay-test@other.test
  extra_ca_file: ${mail.ca.certFile}
`,
  );
  await world.greet();
}, 300_000);
afterAll(async () => {
  await world?.close();
  await db?.cleanup();
  await mail?.close();
});

const say = (from: typeof aminah, text: string, channelId?: string) =>
  world.bot.send(
    messageActivity({
      serviceUrl: world.connector.url,
      from,
      text,
      ...(channelId ? { in: { type: 'channel' as const, channelId } } : {}),
    }),
  );

/**
 * What a process that died in the middle of a run leaves behind: the run still `running`, its lease lapsed
 * (a run that ended is turned back, since a test cannot kill the process it runs in).
 */
async function dieDuring(database: TestDatabase, runId: string): Promise<void> {
  await database.prisma.mailtestRun.update({
    where: { id: runId },
    data: { status: 'running', finishedAt: null, leaseUntil: new Date(Date.now() - 1000) },
  });
}

const texts = (conversation: string) =>
  world.connector
    .messagesIn(conversation)
    .map((m) => m.activity.text)
    .filter((t): t is string => typeof t === 'string');

describe('/mailtest in Teams', () => {
  it('answers with a report card that fills in as checks finish and ends with the requirements met and not', async () => {
    expect((await say(aminah, `mailtest ${OPENRELAY_DOMAIN}`)).status).toBe(200);
    await world.app.mailtest.idle();
    const chat = personalChatOf(aminah);
    const report = world.connector
      .messagesIn(chat)
      .find((m) => JSON.stringify(m.activity).includes(OPENRELAY_DOMAIN))!;
    expect(report).toBeDefined();
    // Posted while checking, updated as findings arrived, and finished.
    expect(report.versions.length).toBeGreaterThan(1);
    expect(JSON.stringify(report.versions[0])).toContain('Sedang menguji');
    for (const version of report.versions)
      expect(adaptiveCardProblems(cardOf({ ...report, activity: version }))).toEqual([]);
    const final = JSON.stringify(cardOf(report));
    expect(final).toContain('Selesai:');
    expect(final).toContain('Pekeliling 4(f)(vi): relay hanya untuk pelayan dalaman: TIDAK dipenuhi');
    expect(final).toContain('Cara membetulkan:');
    const run = await db.prisma.mailtestRun.findFirstOrThrow({ where: { domain: OPENRELAY_DOMAIN } });
    expect(run).toMatchObject({ status: 'done', requestedBy: 'aminah', via: 'teams' });
    expect((run.findings as unknown[]).length).toBeGreaterThan(10);
  }, 60_000);

  it('ends the card of a run whose process died, where it was posted and in the asker’s language', async () => {
    const chat = personalChatOf(aminah);
    const run = await db.prisma.mailtestRun.findFirstOrThrow({ where: { domain: OPENRELAY_DOMAIN } });
    const report = world.connector
      .messagesIn(chat)
      .find((m) => JSON.stringify(m.activity).includes(OPENRELAY_DOMAIN))!;
    expect(run.card).toEqual({ platform: 'teams', channel: chat, messageId: report.id, locale: 'ms' });
    const versions = report.versions.length;
    await dieDuring(db, run.id);
    await world.app.abandonedRuns.sweepOnce();
    const after = world.connector.messagesIn(chat).find((m) => m.id === report.id)!;
    expect(after.versions.length).toBe(versions + 1);
    expect(adaptiveCardProblems(cardOf(after))).toEqual([]);
    expect(JSON.stringify(cardOf(after))).toContain(
      `Ujian ${OPENRELAY_DOMAIN} terputus: mailops berhenti sebelum ujian selesai`,
    );
    expect(await db.prisma.mailtestRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: 'interrupted',
      leaseUntil: null,
    });
  }, 60_000);

  it('posts the card in the channel it was asked in', async () => {
    expect((await say(hafiz, `mailtest ${GOOD_DOMAIN}`, SOC_CHANNEL)).status).toBe(200);
    await world.app.mailtest.idle();
    const card = world.connector
      .messagesIn(SOC_CHANNEL)
      .find((m) => JSON.stringify(m.activity).includes(`Ujian e-mel: ${GOOD_DOMAIN}`));
    expect(JSON.stringify(card ? cardOf(card) : null)).toContain('0 gagal');
  }, 60_000);

  it('refuses bad input and a fourth run in a minute with a sentence, running nothing', async () => {
    const chat = personalChatOf(aminah);
    const before = await db.prisma.mailtestRun.count();
    await say(aminah, 'mailtest 10.0.0.1');
    await say(aminah, 'mailtest');
    await until(
      () =>
        texts(chat).some((t) => t.includes('alamat IP')) &&
        texts(chat).some((t) => t.includes('Nyatakan domain')),
      'the refusals',
    );
    expect(await db.prisma.mailtestRun.count()).toBe(before);
    // Aminah ran one already; two more fill her minute, the fourth is refused.
    await say(aminah, `mailtest ${GOOD_DOMAIN}`);
    await say(aminah, `mailtest ${GOOD_DOMAIN}`);
    await say(aminah, `mailtest ${GOOD_DOMAIN}`);
    await until(() => texts(chat).some((t) => /Cuba semula dalam \d+ saat/.test(t)), 'the limit');
    await world.app.mailtest.idle();
    expect(await db.prisma.mailtestRun.count({ where: { requestedBy: 'aminah' } })).toBe(3);
  }, 60_000);
});

describe('/mailtest while mailops stops', () => {
  // A minute's timeout against an MX that accepts the connection and never speaks: only the stop can end the
  // run within the test's own thirty seconds.
  it('ends a run in flight at once: its card says it was cut short, and the run is stored stopped', async () => {
    const ownDb = await createPgliteDatabase();
    const own = await startTeamsWorld(
      ownDb,
      `${AGENCY_YAML}
mailtest:
  dns_servers: ['127.0.0.1:${mail.dns.port}']
  timeout_seconds: 60
  allow_targets: [127.0.0.0/8]
  dnsbl_zones: [${DNSBL_ZONE}]
`,
    );
    let closed = false;
    try {
      await own.greet();
      const asked = messageActivity({
        serviceUrl: own.connector.url,
        from: aminah,
        text: `mailtest ${SILENT_DOMAIN}`,
      });
      expect((await own.bot.send(asked)).status).toBe(200);
      const chat = personalChatOf(aminah);
      const report = () =>
        own.connector.messagesIn(chat).find((m) => JSON.stringify(m.activity).includes(SILENT_DOMAIN));
      // The blocklist answer comes with the MX address, so the SMTP probe is under way by then.
      await until(
        () => JSON.stringify(report()?.versions.at(-1) ?? '').includes('Senarai hitam (DNSBL)'),
        'the probe',
      );
      await own.app.close();
      closed = true;
      const run = await ownDb.prisma.mailtestRun.findFirstOrThrow({ where: { domain: SILENT_DOMAIN } });
      expect(run).toMatchObject({ status: 'stopped', via: 'teams' });
      const findings = run.findings as { check: string; verdict: string; params: Record<string, unknown> }[];
      expect(findings.find((f) => f.check === 'smtp.connect')).toMatchObject({
        verdict: 'untested',
        params: { reason: 'stopped' },
      });
      expect(findings.filter((f) => f.check.startsWith('smtp.') && f.verdict === 'fail')).toEqual([]);
      const final = cardOf(report()!);
      expect(adaptiveCardProblems(final)).toEqual([]);
      expect(JSON.stringify(final)).toContain(
        `Ujian ${SILENT_DOMAIN} terputus: mailops berhenti sebelum ujian selesai`,
      );
    } finally {
      if (!closed) await own.app.close();
      await own.connector.close();
      await ownDb.cleanup();
    }
  }, 30_000);
});

describe('/mailtest in Slack', () => {
  let slackDb: TestDatabase;
  let slack: SlackWorld;
  beforeAll(async () => {
    slackDb = await createPgliteDatabase();
    slack = await startSlackWorld(slackDb, {
      configure: (yaml) => `${yaml}
mailtest:
  dns_servers: ['127.0.0.1:${mail.dns.port}']
  timeout_seconds: 2
  runs_per_minute: 3
  allow_targets: [127.0.0.0/8]
  dnsbl_zones: [${DNSBL_ZONE}]
  dkim_selectors: [${GOOD_DKIM_SELECTOR}]
  relay_sender: postmaster@other.test
  relay_recipient: relay-test@other.test
  extra_ca_file: ${mail.ca.certFile}
`,
    });
  }, 120_000);
  afterAll(async () => {
    await slack?.close();
    await slackDb?.cleanup();
  });

  it('posts the report card in the channel it was typed in and fills it in', async () => {
    const answer = await slack.command(PEOPLE.hafiz, '/mailtest', OPENRELAY_DOMAIN, {
      id: CHANNELS.soc,
      name: 'soc',
    });
    expect(answer.status).toBe(200);
    await until(
      async () => (await slackDb.prisma.mailtestRun.count({ where: { status: 'done' } })) === 1,
      'the run',
    );
    await slack.app.mailtest.idle();
    const card = slack.messagesIn(CHANNELS.soc).find((m) => (m.text ?? '').includes(OPENRELAY_DOMAIN))!;
    expect(card.versions.length).toBeGreaterThan(1);
    for (const version of card.versions)
      expect(blockKitProblems({ text: version.text ?? '', blocks: (version.blocks ?? []) as never })).toEqual(
        [],
      );
    const final = JSON.stringify(card.blocks);
    expect(final).toContain('Pekeliling 4(f)(vi): relay hanya untuk pelayan dalaman: TIDAK dipenuhi');
    expect(final).toContain(':x: *GAGAL*');
  }, 60_000);

  it('ends the card of a run whose process died with a chat.update of the card it posted', async () => {
    const run = await slackDb.prisma.mailtestRun.findFirstOrThrow({ where: { domain: OPENRELAY_DOMAIN } });
    const card = slack.messagesIn(CHANNELS.soc).find((m) => (m.text ?? '').includes(OPENRELAY_DOMAIN))!;
    expect(run.card).toEqual({ platform: 'slack', channel: CHANNELS.soc, messageId: card.ts, locale: 'ms' });
    const versions = card.versions.length;
    await dieDuring(slackDb, run.id);
    await slack.app.abandonedRuns.sweepOnce();
    const after = slack.messagesIn(CHANNELS.soc).find((m) => m.ts === card.ts)!;
    const last = after.versions.at(-1)!;
    expect(after.versions.length).toBe(versions + 1);
    expect(blockKitProblems({ text: last.text ?? '', blocks: (last.blocks ?? []) as never })).toEqual([]);
    expect(JSON.stringify(last.blocks)).toContain(`Ujian ${OPENRELAY_DOMAIN} terputus`);
    expect(
      await slack.app.metrics.registry.getSingleMetricAsString('mailops_mailtest_runs_interrupted_total'),
    ).toMatch(/^mailops_mailtest_runs_interrupted_total 1$/m);
    // Swept once: another sweep (another replica) leaves the card alone.
    await slack.app.abandonedRuns.sweepOnce();
    expect(slack.messagesIn(CHANNELS.soc).find((m) => m.ts === card.ts)!.versions).toHaveLength(versions + 1);
  }, 60_000);

  it('answers a bad domain only to the person who asked', async () => {
    const before = slack.api.callsTo('response_url').length;
    await slack.command(PEOPLE.aminah, '/mailtest', 'agensi_mel.gov.my');
    const replies = await until(() => {
      const calls = slack.api.callsTo('response_url').slice(before);
      return calls.length > 0 && calls;
    }, 'the reply');
    expect(JSON.stringify(replies[0]!.args)).toContain('bukan nama domain yang sah');
    expect(JSON.stringify(replies[0]!.args)).toContain('ephemeral');
  }, 60_000);
});
