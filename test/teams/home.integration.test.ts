import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf } from '../../cards/ids.ts';
import { TEAMS_VERBS } from '../../cards/teams/verbs.ts';
import type { Actor } from '../../flows/types.ts';
import { sectionA, VALID } from '../flows/fixtures.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { adaptiveCardAction, messageActivity } from '../support/teams/activities.ts';
import type { StoredActivity } from '../support/teams/connector-state.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';
import { AGENCY_YAML, cardOf, startTeamsWorld, type TeamsWorld, withCard } from '../support/teams-world.ts';

// Teams has no App Home: `tiket` in a person's chat with the bot answers with their home card (my open
// tickets, what waits for my action, what closed lately), and its "Buka" brings the ticket's card into the
// chat with the buttons that person may press, recorded so that later decisions redraw it.

const { aminah, rosli } = TENANT.users;
const WEEK_MS = 7 * 86_400_000;
const requester: Actor = { id: 'aminah', name: 'Aminah binti Ali', roles: ['requester'] };

describeEachDatabase('Teams: my tickets, from the word "tiket"', (suite) => {
  let db: TestDatabase;
  let world: TeamsWorld;
  /** A change request opened by `by` through the ticket service, as a form sent from any platform would. */
  async function request(by: Actor, key: string) {
    const opened = await world.app.tickets.submit(
      {
        ...VALID.submit_change_request,
        form: sectionA({ requestedAt: new Date(Date.now() + WEEK_MS).toISOString() }),
        endorsementRequired: false,
      },
      by,
      key,
    );
    if (opened.status !== 'applied') throw new Error(`not opened: ${JSON.stringify(opened)}`);
    return opened.ticket;
  }
  let number = '';
  let ticketId = '';
  beforeAll(async () => {
    db = await suite.create();
    world = await startTeamsWorld(db, AGENCY_YAML);
    await world.greet();
    ({ number, id: ticketId } = await request(requester, 'teams-home-submit'));
    await world.settle();
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  const say = async (from: typeof rosli, text: string, place?: { type: 'channel' }) => {
    const sent = messageActivity({
      serviceUrl: world.connector.url,
      from,
      text,
      ...(place ? { in: place } : {}),
    });
    expect((await world.bot.send(sent)).status).toBe(200);
  };
  const lastIn = (from: typeof rosli) => world.connector.messagesIn(personalChatOf(from)).at(-1)!;
  const pressOpen = (from: typeof rosli, card: StoredActivity) =>
    world.invoke(adaptiveCardAction({ serviceUrl: world.connector.url, from, card, verb: TEAMS_VERBS.open }));

  it('answers "tiket" with the approver’s home card: the request waiting for him, with its actions and Open', async () => {
    await say(rosli, 'tiket');
    const home = lastIn(rosli);
    const card = cardOf(home)!;
    expect(adaptiveCardProblems(card)).toEqual([]);
    const words = JSON.stringify(card);
    expect(words).toContain('Menunggu tindakan saya');
    expect(words).toContain(number);
    expect(words).toContain('Tindakan: Luluskan, Tolak');
    expect(words).toContain(`"verb":"${TEAMS_VERBS.open}"`);
    // The English word works too, whatever the person's language.
    await say(rosli, 'tickets');
    expect(JSON.stringify(cardOf(lastIn(rosli)))).toContain(number);
  });

  it('opens the ticket in his chat with his buttons, saying the step is his, and keeps that copy up to date', async () => {
    const home = lastIn(rosli);
    const before = world.connector.messagesIn(personalChatOf(rosli)).length;
    const answer = await pressOpen(rosli, home);
    // The home card stays, as it is now; the ticket's card arrives beneath it.
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value)).toContain('Menunggu tindakan saya');
    const messages = world.connector.messagesIn(personalChatOf(rosli));
    expect(messages).toHaveLength(before + 1);
    const opened = messages.at(-1)!;
    const card = JSON.stringify(cardOf(opened));
    expect(adaptiveCardProblems(cardOf(opened)!)).toEqual([]);
    expect(card).toContain(actionIdOf('approve'));
    expect(card).toContain(actionIdOf('reject'));
    expect(card).toMatch(/Menunggu tindakan Pelulus: anda sebelum .+ \(MYT\)/);
    const recorded = await db.prisma.postedCard.findMany({ where: { ticketId, reader: rosli.aadObjectId } });
    expect(recorded.map((r) => [r.card, r.messageId])).toEqual([['approval', opened.id]]);

    // Its buttons work, and the decision redraws this copy with everyone else's.
    const approved = await world.invoke(
      adaptiveCardAction({
        serviceUrl: world.connector.url,
        from: rosli,
        card: opened,
        verb: actionIdOf('approve'),
      }),
    );
    expect(approved.type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).state).toBe(
      'awaiting_implementation',
    );
    await world.settle();
    const redrawn = JSON.stringify(world.connector.message(personalChatOf(rosli), opened.id)!.activity);
    expect(redrawn).toMatch(/Diluluskan oleh Rosli bin Ahmad pada .+ \(MYT\)/);
    expect(redrawn).not.toContain(actionIdOf('approve'));
  });

  it('shows the requester her open ticket, with no action of hers waiting', async () => {
    await say(aminah, 'tiket');
    const words = JSON.stringify(cardOf(lastIn(aminah)));
    expect(words).toContain('Tiket saya yang terbuka');
    expect(words).toContain(number);
    // Whom it waits for now, by name and by when, as its card says it.
    expect(words).toMatch(
      /Menunggu tindakan Pusat Operasi Keselamatan \(SOC\): Muhammad Hafiz sebelum .+ \(MYT\)/,
    );
  });

  it('opens a ticket only for those it names and the service’s staff, however the Open button was made', async () => {
    const salmah: Actor = { id: 'salmah', name: 'Salmah binti Omar', roles: ['requester'] };
    const other = await request(salmah, 'teams-home-other-agency');
    // Aminah's own home card, its Open button pointed at another agency's request.
    await say(aminah, 'tiket');
    const home = lastIn(aminah);
    const forged = withCard(home, JSON.parse(JSON.stringify(cardOf(home)).replaceAll(ticketId, other.id)));
    const before = world.connector.messagesIn(personalChatOf(aminah)).length;
    const answer = await pressOpen(aminah, forged);
    expect(answer.value).toMatch(/^Tiket ini tidak dapat dibuka untuk anda: hanya pemohonnya/);
    expect(world.connector.messagesIn(personalChatOf(aminah))).toHaveLength(before);
    // The same answer for a ticket that does not exist: a forged button learns nothing.
    const gone = withCard(
      home,
      JSON.parse(JSON.stringify(cardOf(home)).replaceAll(ticketId, crypto.randomUUID())),
    );
    const missing = await pressOpen(aminah, gone);
    expect(missing.value).toBe(answer.value);
    // A button mailops never made is answered with where to find the ticket on Teams, not Slack's App Home.
    const unknown = withCard(
      home,
      JSON.parse(JSON.stringify(cardOf(home)).replaceAll('"verb":"open"', '"verb":"x"')),
    );
    const unread = await world.invoke(
      adaptiveCardAction({ serviceUrl: world.connector.url, from: aminah, card: unknown, verb: 'x' }),
    );
    expect(unread.value).toBe(
      'Butang ini tidak dapat dibaca. Taip "tiket" dalam sembang anda dengan mailops, buka tiket itu dan cuba sekali lagi.',
    );
  });

  it('keeps a home out of a channel, saying where to ask, and lists the word in its help', async () => {
    const general = world.connector.messagesIn(TENANT.channels.general).length;
    await say(rosli, 'tiket', { type: 'channel' });
    const replies = world.connector.messagesIn(TENANT.channels.general).slice(general);
    expect(replies.map((m) => m.activity.text)).toEqual([
      'Senarai tiket anda hanya untuk anda: taip "tiket" dalam sembang peribadi anda dengan mailops.',
    ]);
    await say(rosli, 'tolong');
    expect(lastIn(rosli).activity.text).toContain('changerequest, mailcomplaint, mailtest, tiket');
  });
});
