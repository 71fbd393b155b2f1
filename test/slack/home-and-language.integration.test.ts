import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf, OPEN_TICKET_ACTION_ID } from '../../cards/ids.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { appHomeOpened } from '../support/slack/event-payloads.ts';
import type { StoredView } from '../support/slack/fake-web-api-state.ts';
import { blockActions } from '../support/slack/interaction-payloads.ts';
import type { SlackUserRef } from '../support/slack/payload-parts.ts';
import { CHANNELS, dmOf, PEOPLE, type SlackWorld, startSlackWorld, until } from '../support/slack-world.ts';
import { note, sectionB } from './form-answers.ts';
import { buttonsOf, expectEverySurfaceValid, wordsOf } from './slack-output.ts';
import { actWithForm, awaitingApproval, complain, stateBecomes, stateOf } from './sop-steps.ts';

// App Home (my open tickets, what waits for me, recent closures, "Open" to get a ticket's card with my
// buttons) and the language each person is answered in (src/platform/slack/identity.ts): a locale the
// configuration names wins; otherwise the person's Slack locale once users.info has told it; until then,
// and for everything the outbox sends (DMs, channel cards), the configuration's locale, which defaults to
// MAILOPS_DEFAULT_LOCALE (ms).

const { aminah, zulkifli, hafiz, azlan } = PEOPLE;

type Json = Record<string, unknown>;

/** A Home tab read as its lists: heading → the words of each ticket in it, with its "Open" value. */
function listsOf(view: StoredView): Map<string, { words: string; open: string }[]> {
  const lists = new Map<string, { words: string; open: string }[]>();
  let current: { words: string; open: string }[] = [];
  for (const block of view.blocks as unknown as Json[]) {
    if (block.type === 'header') {
      current = [];
      lists.set(String((block.text as Json).text), current);
    } else if (block.type === 'section' && block.accessory) {
      current.push({ words: wordsOf([block]), open: String((block.accessory as Json).value) });
    }
  }
  return lists;
}

describeEachDatabase('Slack App Home and language', (suite) => {
  let db: TestDatabase;
  let world: SlackWorld;
  beforeAll(async () => {
    db = await suite.create();
    world = await startSlackWorld(db);
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  async function openHome(user: SlackUserRef): Promise<StoredView> {
    const published = world.api.callsTo('views.publish').length;
    expect(await world.client.event(appHomeOpened({ user: user.id }))).toMatchObject({ status: 200 });
    await until(() => world.api.callsTo('views.publish').length > published, `${user.id}'s Home`);
    return world.api.homeOf(user.id)!;
  }

  it('answers Aminah (no locale configured, Slack in en-US) in Malay, as the outbox does: one person, one language', async () => {
    await world.command(aminah, '/changerequest', 'Bahasa');
    const first = await world.modalAfter(0);
    expect(first.title?.text).toBe('Permohonan perubahan');
    await world.command(aminah, '/changerequest', 'Lagi');
    const second = await world.modalAfter(1);
    expect(second.title?.text).toBe('Permohonan perubahan');
    // A configured person's Slack locale is never asked for: the configuration decides.
    expect(world.api.callsTo('users.info')).toEqual([]);
  });

  it('keeps what the outbox sends Aminah in the configuration default (Malay)', async () => {
    const number = await awaitingApproval(world);
    const dm = world.messagesIn(dmOf(aminah));
    expect(dm.map((m) => m.text).join('\n')).toContain(`Permohonan ${number} telah disokong oleh Abd Rahman`);
    // Every notice names its ticket, the one sent before the ticket had a number included.
    expect(dm.filter((m) => !m.blocks).every((m) => (m.text ?? '').includes(number))).toBe(true);
    expect(wordsOf(dm.find((m) => m.blocks)!.blocks)).toContain('Menunggu kelulusan MAMPU/JDN');
  });

  it('answers Azlan (locale en in the configuration) in English, his refusals included', async () => {
    const seen = world.ephemeralsFor(azlan).length;
    await world.click(azlan, world.cardWith(CHANNELS.approvals, 'approve'), 'approve');
    const [reply] = await world.repliesTo(azlan, seen);
    expect(reply!.text).toMatch(
      /^Only the Approver role can take this action\. Waiting for Approver: Zulkifli bin Hassan, Noraini binti Abdullah by .+ \(MYT\)\. There is nothing for you to do on this ticket now\.$/,
    );
    const home = await openHome(azlan);
    expect([...listsOf(home).keys()]).toEqual(['Your e-mail tickets']);
    expect(wordsOf(home.blocks)).toContain('/changerequest');
  });

  it('shows an approver the request waiting for them; "Open" posts its card to their DM with their buttons', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { state: 'awaiting_approval' } });
    const home = await openHome(zulkifli);
    const lists = listsOf(home);
    expect([...lists.keys()]).toEqual([
      'Tiket e-mel anda',
      'Tiket saya yang terbuka',
      'Menunggu tindakan saya',
      'Baru ditutup',
    ]);
    expect(lists.get('Tiket saya yang terbuka')).toEqual([]);
    const waiting = lists.get('Menunggu tindakan saya')!;
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.words).toContain(ticket.number);
    expect(waiting[0]!.words).toContain('Tindakan: Luluskan, Tolak');
    // His to do, by when, in the cards' own words rather than an SLA date alone.
    expect(waiting[0]!.words).toMatch(/Menunggu tindakan anda sebelum .+ \(MYT\)/);
    expect(waiting[0]!.open).toBe(ticket.id);

    const posted = world.api.callsTo('chat.postMessage').length;
    const open = blockActions({ user: zulkifli, actionId: OPEN_TICKET_ACTION_ID, from: { view: home } });
    await world.client.interaction(open);
    await until(() => world.api.callsTo('chat.postMessage').length > posted, 'the card in the DM');
    const card = world.cardWith(dmOf(zulkifli), 'approve', ticket.number);
    expect(buttonsOf(card.blocks)).toEqual([actionIdOf('approve'), actionIdOf('reject')]);
    // His own copy: the step is his and his colleague's, and it says so.
    expect(wordsOf(card.blocks)).toMatch(
      /Menunggu tindakan Pelulus: anda, Noraini binti Abdullah sebelum .+ \(MYT\)/,
    );
    // Recorded once Slack has answered, for him, so that later decisions update this copy too.
    const recorded = () =>
      db.prisma.postedCard.findMany({ where: { channel: dmOf(zulkifli), ticketId: ticket.id } });
    await until(async () => (await recorded()).length === 1, 'the DM card to be recorded');
    expect((await recorded())[0]!.reader).toBe(zulkifli.id);

    // The buttons work there as anywhere, and the DM copy is updated with everyone else's.
    await world.click(zulkifli, card, 'approve');
    await stateBecomes(world, ticket.number, 'awaiting_implementation');
    await world.settle();
    const dmCopy = world.api.message(card.channel, card.ts)!;
    // "Processing…", drawn the moment he pressed, was his own copy too.
    const processing = dmCopy.versions
      .map((v) => wordsOf(v.blocks))
      .find((w) => w.includes('Sedang diproses…'));
    expect(processing).toMatch(/Menunggu tindakan Pelulus: anda, Noraini binti Abdullah sebelum/);
    expect(buttonsOf(dmCopy.blocks)).toEqual([]);
    expect(wordsOf(dmCopy.blocks)).toMatch(/Diluluskan oleh Zulkifli bin Hassan pada .+ \(MYT\)/);
  });

  it('shows the requester their open tickets and what closed lately, in her configured language (Malay)', async () => {
    const open = await db.prisma.ticket.findFirstOrThrow({ where: { state: 'awaiting_implementation' } });
    const closed = await complain(world, 'agensi.gov.my');
    await actWithForm(world, hafiz, CHANNELS.soc, closed, 'mark_resolved', note('notes', 'SPF dibetulkan.'));
    // Her own copies say the step is hers: the one asking her to test, and the one posted when she
    // complained, redrawn since (a card drawn for one reader stays drawn for them at every update).
    const toConfirm = world.cardWith(dmOf(aminah), 'confirm_resolved', closed);
    const first = world.messagesIn(dmOf(aminah)).find((m) => m.blocks && (m.text ?? '').includes(closed))!;
    expect(first.ts).not.toBe(toConfirm.ts);
    const asPosted = world.api.message(toConfirm.channel, toConfirm.ts)!.versions[0]!;
    for (const copy of [asPosted, world.api.message(first.channel, first.ts)!])
      expect(wordsOf(copy.blocks)).toMatch(/Menunggu tindakan anda sebelum .+ \(MYT\)/);
    // SOC's channel copy is read by many: it names her.
    const socCopy = world.messagesIn(CHANNELS.soc).find((m) => m.blocks && (m.text ?? '').includes(closed))!;
    expect(wordsOf(world.api.message(socCopy.channel, socCopy.ts)!.blocks)).toMatch(
      /Menunggu tindakan Aminah binti Yusof sebelum/,
    );
    await world.click(aminah, toConfirm, 'confirm_resolved');
    await stateBecomes(world, closed, 'closed');
    await world.settle();

    const lists = listsOf(await openHome(aminah));
    expect(lists.get('Tiket saya yang terbuka')!.map((t) => t.open)).toContain(open.id);
    // Whom each of her tickets waits for, by name and by when, as its card says it.
    expect(lists.get('Tiket saya yang terbuka')!.find((t) => t.open === open.id)!.words).toMatch(
      /Menunggu pelaksanaan VAS SOC · Menunggu tindakan Pusat Operasi Keselamatan \(SOC\): Muhammad Hafiz bin Razak sebelum .+ \(MYT\)/,
    );
    expect(lists.get('Tiket saya yang terbuka')!.some((t) => t.words.includes(closed))).toBe(false);
    // Withdrawing is her choice, not work waiting for her.
    expect(lists.get('Menunggu tindakan saya')).toEqual([]);
    expect(
      lists
        .get('Baru ditutup')!
        .map((t) => t.words)
        .join('\n'),
    ).toContain(closed);

    const socHome = listsOf(await openHome(hafiz));
    expect(socHome.get('Menunggu tindakan saya')!.map((t) => t.open)).toEqual([open.id]);
    expect(
      socHome
        .get('Baru ditutup')!
        .map((t) => t.words)
        .join('\n'),
    ).toContain(closed);
  });

  it('tells someone mailops does not know, on their Home, to ask the admin', async () => {
    const home = await openHome(PEOPLE.stranger);
    expect(buttonsOf(home.blocks)).toEqual([]);
    expect(wordsOf(home.blocks)).toMatch(/pentadbir/i);
  });

  it('opens a ticket only for those it names and the service’s staff, however the Open button was made', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { state: 'awaiting_implementation' } });
    const home = await openHome(aminah);
    const button = blockActions({ user: aminah, actionId: OPEN_TICKET_ACTION_ID, from: { view: home } });
    /** Open pressed by `user` for this ticket, as if the button had been made for them. */
    const openAs = async (user: SlackUserRef) => {
      const posted = world.api.callsTo('chat.postMessage').length;
      const forged = {
        ...button,
        user: { ...button.user, id: user.id, username: user.name, name: user.name },
      };
      forged.actions = [{ ...button.actions[0]!, value: ticket.id }];
      await world.client.interaction(forged);
      await until(() => world.api.callsTo('chat.postMessage').length > posted, 'an answer in the DM');
      return world.messagesIn(dmOf(user)).at(-1)!;
    };
    // Someone mailops does not know reads nothing of it: the requester's telephone and e-mail are on it.
    const refused = await openAs(PEOPLE.stranger);
    expect(refused.blocks).toBeUndefined();
    expect(refused.text).toMatch(/^Tiket ini tidak dapat dibuka untuk anda: hanya pemohonnya/);
    // The manager it names may, and so may the desk.
    for (const user of [PEOPLE.rahman, PEOPLE.farah]) {
      const recorded = () =>
        db.prisma.postedCard.count({ where: { ticketId: ticket.id, channel: dmOf(user) } });
      const earlier = await recorded();
      expect(wordsOf((await openAs(user)).blocks)).toContain(ticket.number);
      // Recorded once Slack has answered: the next test counts this ticket's copies.
      await until(async () => (await recorded()) === earlier + 1, 'the DM card to be recorded');
    }
  });

  it('sent nothing Slack would refuse and logged no warning', () => {
    expect(expectEverySurfaceValid(world.api)).toBeGreaterThan(20);
    expect(world.logged('warn')).toEqual([]);
  });

  // After the check of every surface: the update of the deleted message is refused by Slack, as it should be.
  it('forgets a DM copy someone deleted: the next decision updates the others and never tries it again', async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { state: 'awaiting_implementation' } });
    const copies = () => db.prisma.postedCard.findMany({ where: { ticketId: ticket.id } });
    const before = await copies();
    const deleted = before.find((c) => c.channel === dmOf(zulkifli))!;
    world.api.deleteMessage(deleted.channel, deleted.messageId);
    await actWithForm(world, hafiz, CHANNELS.soc, ticket.number, 'start_implementation', sectionB());
    expect(await stateOf(world, ticket.number)).toBe('implementing');
    const after = await copies();
    expect(after.map((c) => c.id).sort()).toEqual(
      before
        .filter((c) => c.id !== deleted.id)
        .map((c) => c.id)
        .sort(),
    );
    const refresh = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { ticketId: ticket.id, kind: 'card.refresh' },
      orderBy: { seq: 'desc' },
    });
    expect(refresh).toMatchObject({ status: 'sent', lastError: null });
    // Forgotten quietly: a deleted message is nothing for the operator to chase.
    expect(world.logged('warn')).toEqual([]);
  });
});
