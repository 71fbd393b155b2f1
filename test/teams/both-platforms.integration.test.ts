import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf } from '../../cards/ids.ts';
import { buttonsOf, wordsOf } from '../slack/slack-output.ts';
import { awaitingApproval, stateBecomes } from '../slack/sop-steps.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { CHANNELS, PEOPLE, type SlackWorld, startSlackWorld } from '../support/slack-world.ts';
import { adaptiveCardAction, cardRefresh, messageActivity } from '../support/teams/activities.ts';
import { type BotClient, createBotClient } from '../support/teams/bot-client.ts';
import { type FakeConnector, startFakeConnector } from '../support/teams/fake-connector.ts';
import { TENANT } from '../support/teams/tenant.ts';
import { cardOf, type Json, withCard } from '../support/teams-world.ts';

// One ticket, both platforms (DESIGN.md: cards are rebuilt from the database for every platform): with
// Slack and Teams on one mailops, the approval card goes to both approvals channels, and a decision taken
// in either updates the card in the other for everyone.

// Zulkifli, the world's Slack approver, is also in Teams (as the tenant fixture's Rosli account).
const zulkifliInTeams = TENANT.users.rosli;
const TEAMS_APPROVALS = TENANT.channels.approvals;

describeEachDatabase('One ticket in Slack and Teams', (suite) => {
  let db: TestDatabase;
  let world: SlackWorld;
  let connector: FakeConnector;
  let bot: BotClient;
  beforeAll(async () => {
    db = await suite.create();
    connector = await startFakeConnector();
    world = await startSlackWorld(db, {
      teamsAnonymous: true,
      configure: (yaml) =>
        yaml
          .replace('slack: U0ZULKIFLI }', `slack: U0ZULKIFLI, teams: ${zulkifliInTeams.aadObjectId} }`)
          .replace('channels:\n', `channels:\n  teams: { approvals: '${TEAMS_APPROVALS}' }\n`),
    });
    bot = createBotClient({ url: `http://127.0.0.1:${world.app.port}/api/messages` });
    // Zulkifli has the bot in the approvals channel's team and has said hello to it there.
    const hello = messageActivity({
      serviceUrl: connector.url,
      from: zulkifliInTeams,
      in: { type: 'channel', channelId: TEAMS_APPROVALS },
      text: 'help',
    });
    expect((await bot.send(hello)).status).toBe(200);
    expect(
      (await bot.send(messageActivity({ serviceUrl: connector.url, from: zulkifliInTeams, text: 'help' })))
        .status,
    ).toBe(200);
  });
  afterAll(async () => {
    await world?.close();
    await connector?.close();
    await db?.cleanup();
  });

  const teamsCardOf = (number: string) =>
    connector
      .messagesIn(TEAMS_APPROVALS)
      .find((m) => cardOf(m) !== null && JSON.stringify(m.activity).includes(number))!;

  it('posts the approval card in both channels; an approval in Teams updates the Slack card', async () => {
    const number = await awaitingApproval(world, 'Dua platform: lulus dalam Teams');
    await world.settle();
    const slackCard = world.cardWith(CHANNELS.approvals, 'approve', number);
    const teamsCard = teamsCardOf(number);
    expect(teamsCard).toBeDefined();

    const view = (
      await bot.send(cardRefresh({ serviceUrl: connector.url, from: zulkifliInTeams, card: teamsCard }))
    ).json as { value: Json };
    const seen = withCard(teamsCard, view.value);
    const click = adaptiveCardAction({
      serviceUrl: connector.url,
      from: zulkifliInTeams,
      card: seen,
      verb: actionIdOf('approve'),
    });
    expect((await bot.send(click)).status).toBe(200);
    await world.settle();

    const slackNow = world.api.message(slackCard.channel, slackCard.ts)!;
    expect(buttonsOf(slackNow.blocks)).toEqual([]);
    expect(wordsOf(slackNow.blocks)).toMatch(/Diluluskan oleh Zulkifli bin Hassan pada .+ \(MYT\)/);
  });

  it('an approval in Slack updates the Teams card in place', async () => {
    const number = await awaitingApproval(world, 'Dua platform: lulus dalam Slack');
    await world.settle();
    const teamsCard = teamsCardOf(number);
    await world.click(PEOPLE.zulkifli, world.cardWith(CHANNELS.approvals, 'approve', number), 'approve');
    await stateBecomes(world, number, 'awaiting_implementation');
    await world.settle();
    const updated = connector.message(TEAMS_APPROVALS, teamsCard.id)!;
    expect(updated.versions.length).toBeGreaterThan(1);
    expect(JSON.stringify(cardOf(updated))).toMatch(/Diluluskan oleh Zulkifli bin Hassan/);
    connector.expectNoUnansweredRequests();
  });
});
