import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf, FULL_TEXT_ACTION_ID } from '../../cards/ids.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { blockActions, viewSubmission } from '../support/slack/interaction-payloads.ts';
import { CHANNELS, dmOf, PEOPLE, type SlackWorld, startSlackWorld, until } from '../support/slack-world.ts';
import { note, sectionA } from './form-answers.ts';
import { buttonsOf, expectEverySurfaceValid, wordsOf } from './slack-output.ts';
import { awaitingApproval, requestChange, stateBecomes, stateOf } from './sop-steps.ts';

// Who may decide, and that a decision is made once: the reject branch and its required comment, repeated
// and concurrent clicks and submissions, late clicks on stale cards, and clicks by people the SOP does not
// let act. In this agency the requester Aminah also holds the approver role, so "never approve your own
// request" is tested on a person who otherwise could.

const { aminah, rahman, zulkifli, noraini, hafiz, stranger } = PEOPLE;
/** A description at the form's 3000 characters, which no card holds whole (SOP 4.1 step 4: read in full). */
const ENDING = 'dan ini ayat terakhir keterangan yang mesti dibaca oleh pelulus';
const LONG = `${'Sekat domain spam-teruk.example di gateway kerana kempen pancingan data. '.repeat(40)}${ENDING}`;

describeEachDatabase('Slack decisions: reject, duplicates, races and roles', (suite) => {
  let db: TestDatabase;
  let world: SlackWorld;
  beforeAll(async () => {
    db = await suite.create();
    world = await startSlackWorld(db, { roles: { aminah: ['requester', 'approver'] } });
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  /** What a ticket's decision trail looks like, to show that a refused request changed nothing. */
  async function footprint(number: string) {
    const ticket = await world.ticket(number);
    const [events, outbox, handled, sectionC] = await Promise.all([
      db.prisma.auditEvent.count({ where: { ticketId: ticket.id } }),
      db.prisma.outboxMessage.count({ where: { ticketId: ticket.id } }),
      db.prisma.handledAction.count({ where: { ticketId: ticket.id } }),
      db.prisma.changeRequestSectionC.count({ where: { ticketId: ticket.id } }),
    ]);
    return { state: ticket.state, version: ticket.version, events, outbox, handled, sectionC };
  }
  const eventsOfType = async (number: string, type: string) =>
    db.prisma.auditEvent.count({ where: { type, ticket: { number } } });

  it('refuses a reject without a comment on the comments field, and changes nothing', async () => {
    const number = await awaitingApproval(world, 'Tolak: buang domain lama daripada senarai putih');
    const before = await footprint(number);
    const opened = world.modals().length;
    const cardRef = world.cardWith(CHANNELS.approvals, 'reject', number);
    await world.click(zulkifli, cardRef, 'reject');
    const form = await world.modalAfter(opened);
    // Slack's client will not send a required box left empty, but it does send one holding only spaces.
    const answer = await world.submit(zulkifli, form, note('comments', '   '));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      response_action: 'errors',
      errors: { comments: 'Sila nyatakan ulasan apabila permohonan tidak diluluskan.' },
    });
    expect(await footprint(number)).toEqual(before);
    // The card said "Processing…" while the form was judged, and has its buttons back.
    await expect
      .poll(() => buttonsOf(world.api.message(cardRef.channel, cardRef.ts)!.blocks))
      .toEqual([actionIdOf('approve'), actionIdOf('reject')]);
    const refusedVersions = world.api.message(cardRef.channel, cardRef.ts)!.versions;
    expect(refusedVersions.at(-2)?.blocks && wordsOf(refusedVersions.at(-2)!.blocks)).toContain(
      'Sedang diproses…',
    );

    const comment = 'Domain ini masih digunakan oleh bahagian kewangan.';
    expect(await world.submit(zulkifli, form, note('comments', comment))).toMatchObject({
      status: 200,
      body: '',
    });
    expect(await stateOf(world, number)).toBe('rejected');
    await world.settle();
    const told = world.textsIn(dmOf(aminah)).find((t) => t.includes(comment));
    expect(told).toContain(`${number} tidak diluluskan oleh Zulkifli bin Hassan`);
    expect(world.textsIn(dmOf(rahman)).some((t) => t.includes(comment))).toBe(true);
    const card = world
      .messagesIn(CHANNELS.approvals)
      .find((m) => m.blocks && (m.text ?? '').includes(number))!;
    expect(buttonsOf(card.blocks)).toEqual([]);
    expect(wordsOf(card.blocks)).toMatch(/Tidak diluluskan oleh Zulkifli bin Hassan pada .+ \(MYT\)/);
    const versions = world.api.message(card.channel, card.ts)!.versions.map((v) => wordsOf(v.blocks));
    expect(versions.at(-2)).toContain('Sedang diproses…');
  });

  it('records one approval when Approve is clicked twice at once; the second click is told who and when', async () => {
    const number = await awaitingApproval(world, 'Dua kali: kemas kini SPF');
    const card = world.cardWith(CHANNELS.approvals, 'approve', number);
    // The card as it was before anyone clicked: a stale copy someone may still have on screen.
    const stale = { ...card, blocks: structuredClone(card.blocks) };
    const seen = world.ephemeralsFor(zulkifli).length;
    await Promise.all([world.click(zulkifli, card, 'approve'), world.click(zulkifli, card, 'approve')]);
    const [reply] = await world.repliesTo(zulkifli, seen);
    expect(reply!.text).toMatch(/^Sudah dibuat: Diluluskan oleh Zulkifli bin Hassan pada .+ \(MYT\)\./);
    expect(await stateOf(world, number)).toBe('awaiting_implementation');
    // A third, later click on the old card is told the same.
    await world.click(zulkifli, stale, 'approve');
    const [late] = await world.repliesTo(zulkifli, seen + 1);
    expect(late!.text).toContain('Sudah dibuat: Diluluskan');
    await world.settle();
    expect(await eventsOfType(number, 'cr.approved')).toBe(1);
  });

  it('opens one ticket when the Section A modal is submitted twice', async () => {
    const tickets = await db.prisma.ticket.count();
    const opened = world.modals().length;
    await world.command(aminah, '/changerequest', 'Hantar dua kali');
    const modal = await world.modalAfter(opened);
    const submission = viewSubmission({ view: modal, user: aminah, values: sectionA(rahman.id) });
    const answers = await Promise.all([
      world.client.interaction(submission),
      world.client.interaction(submission),
    ]);
    expect(answers.filter((a) => a.body === '')).toHaveLength(1);
    const notice = answers.find((a) => a.body !== '')!.json as { view: { blocks: unknown[] } };
    expect(wordsOf(notice.view.blocks)).toMatch(
      /^Sudah dibuat: Permohonan dihantar oleh Aminah binti Yusof pada .+ \(MYT\)\./,
    );
    expect(await db.prisma.ticket.count()).toBe(tickets + 1);
    await world.settle();
  });

  it('tells an approver whose Reject arrives after another approved who approved and when', async () => {
    const number = await awaitingApproval(world, 'Perlumbaan: lulus dan tolak');
    const opened = world.modals().length;
    await world.click(zulkifli, world.cardWith(CHANNELS.approvals, 'reject', number), 'reject');
    const rejectForm = await world.modalAfter(opened);
    await world.click(noraini, world.cardWith(CHANNELS.approvals, 'approve', number), 'approve');
    await stateBecomes(world, number, 'awaiting_implementation');
    const late = await world.submit(zulkifli, rejectForm, note('comments', 'Tidak perlu.'));
    const json = late.json as { response_action: string; view: { blocks: unknown[] } };
    expect(json.response_action).toBe('update');
    expect(wordsOf(json.view.blocks)).toMatch(
      /^Sudah dibuat: Diluluskan oleh Noraini binti Abdullah pada .+ \(MYT\)\./,
    );
    expect(await stateOf(world, number)).toBe('awaiting_implementation');
    expect(await eventsOfType(number, 'cr.rejected')).toBe(0);
    // The refused form's "Processing…" did not outlive it: the card shows the approval, without buttons.
    await world.settle();
    const card = world
      .messagesIn(CHANNELS.approvals)
      .find((m) => m.blocks && (m.text ?? '').includes(number))!;
    await expect.poll(() => buttonsOf(world.api.message(card.channel, card.ts)!.blocks)).toEqual([]);
    expect(wordsOf(world.api.message(card.channel, card.ts)!.blocks)).toMatch(/Diluluskan oleh Noraini/);
  });

  it('makes one endorsement of ten concurrent clicks; the other nine are told who endorsed and when', async () => {
    const number = await requestChange(world, 'Sepuluh klik: sokongan pengurus');
    const card = world.cardWith(dmOf(rahman), 'endorse', number);
    const seen = world.ephemeralsFor(rahman).length;
    const answers = await Promise.all(Array.from({ length: 10 }, () => world.click(rahman, card, 'endorse')));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    await stateBecomes(world, number, 'awaiting_approval');
    const told = await world.repliesTo(rahman, seen, 9);
    await world.settle();
    expect(await eventsOfType(number, 'cr.endorsed')).toBe(1);
    expect(told).toHaveLength(9);
    for (const reply of told) {
      expect(reply.channel).toBe(dmOf(rahman));
      expect(reply.text).toMatch(/^Sudah dibuat: Disokong oleh Abd Rahman bin Ismail pada .+ \(MYT\)\./);
    }
    const final = world.api.message(card.channel, card.ts)!;
    const processing = final.versions.findIndex((v) => wordsOf(v.blocks).includes('Sedang diproses…'));
    expect(processing).toBeGreaterThan(0);
    expect(processing).toBeLessThan(final.versions.length - 1);
    expect(buttonsOf(final.blocks)).toEqual([]);
    expect(wordsOf(final.blocks)).toMatch(/Disokong oleh Abd Rahman bin Ismail pada .+ \(MYT\)/);
    // The approval card went to the approvers once.
    expect(
      world.messagesIn(CHANNELS.approvals).filter((m) => (m.text ?? '').includes(number) && m.blocks),
    ).toHaveLength(1);

    // A late click on the card as it was before the decision: the same answer, nothing new.
    const stale = { ...card, blocks: card.versions[0]!.blocks };
    const before = world.ephemeralsFor(rahman).length;
    await world.client.interaction(
      blockActions({ user: rahman, actionId: actionIdOf('endorse'), from: { message: stale } }),
    );
    const [lateReply] = await world.repliesTo(rahman, before);
    expect(lateReply!.text).toMatch(/^Sudah dibuat: Disokong oleh Abd Rahman bin Ismail/);
    expect(await eventsOfType(number, 'cr.endorsed')).toBe(1);
  });

  it('tells a SOC member who clicks Approve that only approvers may, and whom the ticket waits for', async () => {
    const number = await awaitingApproval(world, 'Salah peranan: SOC cuba meluluskan');
    const before = await footprint(number);
    const opened = world.api.callsTo('views.open').length;
    const seen = world.ephemeralsFor(hafiz).length;
    const card = world.cardWith(CHANNELS.approvals, 'approve', number);
    await world.click(hafiz, card, 'approve');
    const [reply] = await world.repliesTo(hafiz, seen);
    expect(reply!.channel).toBe(CHANNELS.approvals);
    expect(reply!.text).toMatch(
      /^Tindakan ini hanya boleh diambil oleh peranan Pelulus\. Menunggu tindakan Pelulus: Zulkifli bin Hassan, Noraini binti Abdullah sebelum .+ \(MYT\)\. Tiada tindakan yang boleh anda ambil pada tiket ini sekarang\.$/,
    );
    // The names and the time are the card's own words.
    expect(wordsOf(card.blocks)).toContain(waitingIn(reply!.text ?? ''));
    expect(world.api.callsTo('views.open')).toHaveLength(opened);
    expect(await footprint(number)).toEqual(before);
  });

  it('never lets the requester approve their own request, even holding the approver role', async () => {
    const number = await awaitingApproval(world, 'Permohonan sendiri: cuba meluluskan');
    const before = await footprint(number);
    const opened = world.api.callsTo('views.open').length;
    const seen = world.ephemeralsFor(aminah).length;
    await world.click(aminah, world.cardWith(CHANNELS.approvals, 'approve', number), 'approve');
    const [reply] = await world.repliesTo(aminah, seen);
    // Aminah's Slack is in English, but the configuration's default language decides (identity.ts). She is
    // told whom the request waits for, never herself, and the step that is hers.
    expect(reply!.text).toMatch(
      /^Anda tidak boleh menyokong atau meluluskan permohonan anda sendiri\. Menunggu tindakan Pelulus: Zulkifli bin Hassan, Noraini binti Abdullah sebelum .+ \(MYT\)\. Tindakan yang boleh anda ambil sekarang: Tarik balik\.$/,
    );
    expect(world.api.callsTo('views.open')).toHaveLength(opened);
    expect(await footprint(number)).toEqual(before);
    // Another approver still can.
    await world.click(noraini, world.cardWith(CHANNELS.approvals, 'approve', number), 'approve');
    await stateBecomes(world, number, 'awaiting_implementation');
  });

  it('tells a Slack user mailops does not know to ask the admin, and opens no modal', async () => {
    const opened = world.api.callsTo('views.open').length;
    const tickets = await db.prisma.ticket.count();
    const answer = await world.command(stranger, '/changerequest', 'Saya bukan sesiapa');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      response_type: 'ephemeral',
      text: expect.stringMatching(
        /^Akaun Slack anda belum didaftarkan dalam mailops\. Minta pentadbir .*\/changerequest/,
      ),
    });
    const soc = await world.command(hafiz, '/mailcomplaint', 'agensi.gov.my');
    expect(soc.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('/mailcomplaint'),
    });
    expect(world.api.callsTo('views.open')).toHaveLength(opened);
    expect(await db.prisma.ticket.count()).toBe(tickets);
  });

  it('sent nothing Slack would refuse and logged no warning', () => {
    expect(expectEverySurfaceValid(world.api)).toBeGreaterThan(20);
    expect(world.logged('warn')).toEqual([]);
  });

  it('shows the approver the whole description in a modal, and a stranger nothing', async () => {
    const number = await awaitingApproval(world, LONG.slice(-2990));
    const card = world.cardWith(CHANNELS.approvals, 'approve', number);
    expect(buttonsOf(card.blocks)).toContain(FULL_TEXT_ACTION_ID);
    // The card itself cannot hold it: its end is cut.
    expect(wordsOf(card.blocks)).not.toContain(ENDING);

    const opened = world.modals().length;
    await world.client.interaction(
      blockActions({ user: zulkifli, actionId: FULL_TEXT_ACTION_ID, from: { message: card } }),
    );
    const modal = await world.modalAfter(opened);
    // A long answer runs on over several sections (3000 characters each): read together, it is whole.
    const sections = (modal.blocks as { text?: { text: string } }[]).map((b) => b.text?.text ?? '');
    expect(sections.join('')).toContain(ENDING);
    expect(sections.join('')).toContain(LONG.slice(-2990).slice(0, 200));
    expect(modal.title).toMatchObject({ text: number });

    const told = world.textsIn(dmOf(stranger)).length;
    await world.client.interaction(
      blockActions({ user: stranger, actionId: FULL_TEXT_ACTION_ID, from: { message: card } }),
    );
    await until(() => world.textsIn(dmOf(stranger)).length > told, 'the stranger to be told');
    expect(world.textsIn(dmOf(stranger)).at(-1)).toMatch(/^Tiket ini tidak dapat dibuka untuk anda/);
    expect(world.modals()).toHaveLength(opened + 1);
  });
});

/** The "Menunggu tindakan … (MYT)" sentence of a reply. */
function waitingIn(text: string): string {
  const waiting = /Menunggu tindakan [^.]+\(MYT\)/.exec(text)?.[0];
  if (!waiting) throw new Error(`no waiting line in: ${text}`);
  return waiting;
}
