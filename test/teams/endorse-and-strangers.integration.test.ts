import { afterAll, beforeAll, expect, it } from 'vitest';
import { formDefinition } from '../../cards/forms/definitions.ts';
import { actionIdOf } from '../../cards/ids.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { adaptiveCardAction, messageActivity } from '../support/teams/activities.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';
import { cardOf, inputsOf, NEXT_WEEK, startTeamsWorld, type TeamsWorld } from '../support/teams-world.ts';

// SOP 4.1 step 2 in Teams, with endorsement on: the requester picks her manager on the form card, the
// manager gets the endorsement card in his own chat with the bot, buttons included, and one click sends the
// request on to approval. And what a stranger (someone the configuration does not name) is told.

const { aminah, rosli } = TENANT.users;
const stranger = {
  id: '29:1Stranger3Gh6Jk9Lm2Np5Qr8St1Uv4Wx7Yz0Ab',
  name: 'Orang Luar',
  aadObjectId: 'f5e6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b',
  email: 'luar@contoh.com',
  userPrincipalName: 'luar@contoh.com',
  givenName: 'Orang',
  surname: 'Luar',
};
const YAML = `
people:
  - { id: aminah, name: Aminah binti Ali, email: aminah@agensi.gov.my, unit: BPM, roles: [requester], teams: ${aminah.aadObjectId} }
  - { id: rosli, name: Rosli bin Ahmad, email: rosli@agensi.gov.my, phone: 03-8888 1000, designation: Pengarah, unit: Kementerian Contoh, roles: [manager], teams: ${rosli.aadObjectId} }
  - { id: zul, name: Zulkifli, email: zul@jdn.gov.my, roles: [approver] }
  - { id: hafiz, name: Hafiz, email: hafiz@soc.example, roles: [soc] }
channels:
  teams: { approvals: '${TENANT.channels.approvals}' }
endorsement:
  required: true
`;

describeEachDatabase('Teams: endorsement and strangers', (suite) => {
  let db: TestDatabase;
  let world: TeamsWorld;
  let connector: TeamsWorld['connector'];
  let bot: TeamsWorld['bot'];
  beforeAll(async () => {
    db = await suite.create();
    world = await startTeamsWorld(db, YAML);
    ({ connector, bot } = world);
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });
  const settle = () => world.settle();
  /** Rosli presses Endorse on the card as he sees it. */
  const endorseFrom = (card: Parameters<typeof adaptiveCardAction>[0]['card']) =>
    bot.send(
      adaptiveCardAction({ serviceUrl: connector.url, from: rosli, card, verb: actionIdOf('endorse') }),
    );

  it('offers the configured managers on the form, and the manager endorses from his own chat', async () => {
    await bot.send(messageActivity({ serviceUrl: connector.url, from: rosli, text: 'help' }));
    await bot.send(
      messageActivity({ serviceUrl: connector.url, from: aminah, text: 'changerequest Tambah rakan.com.my' }),
    );
    const form = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const card = cardOf(form)!;
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"title":"Rosli bin Ahmad","value":"rosli"');
    const typed: Record<string, string> = {
      'manager.id': 'rosli',
      'requester.contactNumber': '03-8888 1234',
    };
    for (const field of formDefinition('change_request', { endorsementRequired: true }).fields) {
      if (field.kind === 'select') typed[field.id] = field.options![0]!.value;
      if (field.kind === 'datetime')
        Object.assign(typed, { [field.id]: NEXT_WEEK, [`${field.id}__time`]: '10:00' });
      if (field.kind === 'multiline' && field.id !== 'description')
        typed[field.id] = 'E-mel rakan terus disekat.';
    }
    const sent = inputsOf(card, typed);
    const answer = (
      await bot.send(
        adaptiveCardAction({
          serviceUrl: connector.url,
          from: aminah,
          card: form,
          verb: 'form:change_request',
          inputs: sent,
        }),
      )
    ).json as { value: unknown };
    expect(JSON.stringify(answer.value)).toMatch(/CR-\d{4}-\d{6}/);
    const ticket = await db.prisma.ticket.findFirstOrThrow();
    expect(ticket.state).toBe('awaiting_endorsement');

    await settle();
    const endorsement = connector
      .messagesIn(personalChatOf(rosli))
      .find((m) => cardOf(m) !== null && JSON.stringify(m.activity).includes(ticket.number))!;
    expect(adaptiveCardProblems(cardOf(endorsement))).toEqual([]);
    expect(JSON.stringify(cardOf(endorsement))).toContain(actionIdOf('endorse'));
    await endorseFrom(endorsement);
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'awaiting_approval',
    );
  });

  it('tells the manager who clicks Endorse again who endorsed, and whom the request now waits for, by name', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow();
    // His chat's endorsement card as he still sees it: its first version, with the button.
    const sent = connector
      .messagesIn(personalChatOf(rosli))
      .find((m) => JSON.stringify(m.versions[0]).includes(actionIdOf('endorse')))!;
    const endorsement = { ...sent, activity: sent.versions[0]! };
    const answer = (await endorseFrom(endorsement)).json as { value: unknown };
    expect(answer.value).toMatch(
      /^Sudah dibuat: Disokong oleh Rosli bin Ahmad pada .+ \(MYT\)\. .+ Menunggu tindakan Pelulus: Zulkifli sebelum .+ \(MYT\)\. Tiada tindakan yang boleh anda ambil pada tiket ini sekarang\.$/,
    );
    expect(String(answer.value)).not.toContain('Tindakan seterusnya oleh');
    await settle();
    const waiting = /Menunggu tindakan [^.]+\(MYT\)/.exec(String(answer.value))![0];
    // The words of his card as it is now drawn.
    const redrawn = connector.messagesIn(personalChatOf(rosli)).find((m) => m.id === sent.id)!;
    expect(JSON.stringify(cardOf(redrawn))).toContain(waiting);
    expect((await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe(
      'awaiting_approval',
    );
  });

  it('tells a stranger to ask the admin, in the language of their Teams, and opens nothing', async () => {
    const tickets = await db.prisma.ticket.count();
    await bot.send(
      messageActivity({
        serviceUrl: connector.url,
        from: stranger,
        locale: 'en-US',
        text: 'changerequest hello',
      }),
    );
    const reply = connector.messagesIn(personalChatOf(stranger)).at(-1)!;
    expect(String(reply.activity.text)).toMatch(/^Your Teams account is not registered in mailops yet/);
    await bot.send(
      messageActivity({
        serviceUrl: connector.url,
        from: stranger,
        locale: 'en-US',
        text: 'what can you do',
      }),
    );
    expect(String(connector.messagesIn(personalChatOf(stranger)).at(-1)!.activity.text)).toMatch(
      /changerequest, mailcomplaint/,
    );
    expect(await db.prisma.ticket.count()).toBe(tickets);
  });
});
