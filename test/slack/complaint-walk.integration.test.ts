import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf, FORM_IDS } from '../../cards/ids.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { CHANNELS, dmOf, PEOPLE, type SlackWorld, startSlackWorld } from '../support/slack-world.ts';
import { complaint, note } from './form-answers.ts';
import { buttonsOf, expectCleanWalk, initialOf, wordsOf } from './slack-output.ts';
import { actWithForm, stateBecomes, stateOf } from './sop-steps.ts';

// SOP 4.2 from the slash command to closure, driven only by signed Slack payloads built from what the bot
// really sent, as sop-walks.integration.test.ts walks SOP 4.1: SOC investigates and records findings,
// escalates to the vendor, resolves, the requester's test fails (step 8 sends it back to step 3), SOC
// resolves again and the requester's test passes (step 9).

const { aminah, hafiz, azlan } = PEOPLE;

describeEachDatabase('SOP 4.2 walked through Slack', (suite) => {
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

  let number = '';
  const state = () => stateOf(world, number);

  it('opens the complaint modal with the domain from the command, and routes the AD ticket to SOC', async () => {
    const opened = world.modals().length;
    await world.command(aminah, '/mailcomplaint', 'Agensi.Gov.My');
    const modal = await world.modalAfter(opened);
    expect(modal.callback_id).toBe(FORM_IDS.complaint);
    expect(initialOf(modal, 'domain')).toBe('agensi.gov.my');
    expect(await world.submit(aminah, modal, complaint())).toMatchObject({ status: 200, body: '' });
    const ticket = await db.prisma.ticket.findFirstOrThrow({
      where: { kind: 'complaint' },
      include: { complaint: true },
    });
    number = ticket.number;
    expect(number).toMatch(/^AD-\d{4}-000001$/);
    expect(ticket.state).toBe('investigating');
    expect(ticket.complaint).toMatchObject({
      domain: 'agensi.gov.my',
      direction: 'cannot_receive',
      exampleSender: 'rakan@contoh.com.my',
      bounceText: '550 5.7.1 Message rejected: SPF fail',
    });
    await world.settle();
    expect(world.textsIn(dmOf(aminah)).join('\n')).toContain(
      'Aduan anda bagi domain agensi.gov.my telah diterima',
    );
    expect(world.messagesIn(dmOf(aminah)).some((m) => wordsOf(m.blocks).includes(number))).toBe(true);
    expect(world.textsIn(CHANNELS.soc).join('\n')).toContain('domain agensi.gov.my');
    const soc = world.cardWith(CHANNELS.soc, 'record_findings', number);
    expect(buttonsOf(soc.blocks)).toEqual([
      actionIdOf('record_findings'),
      actionIdOf('mark_resolved'),
      actionIdOf('escalate_to_vendor'),
    ]);
    expect(wordsOf(soc.blocks)).toContain('550 5.7.1 Message rejected: SPF fail');
  });

  it('SOC records its findings; the service desk hears of them and the ticket stays with SOC', async () => {
    const findings = 'Rekod MX betul; SPF agensi.gov.my tidak membenarkan gerbang baharu.';
    // The modal covers the card, so it shows the bot's investigation above the box SOC writes in.
    const opened = world.modals().length;
    await world.click(hafiz, world.cardWith(CHANNELS.soc, 'record_findings', number), 'record_findings');
    const form = await world.modalAfter(opened);
    const investigation = wordsOf(form.blocks);
    expect(investigation).toContain('Siasatan automatik (SOP 4.2 langkah 3)');
    expect(investigation).toContain('550 5.7.1 Message rejected: SPF fail');
    expect(await world.submit(hafiz, form, note('notes', findings))).toMatchObject({ status: 200, body: '' });
    await world.settle();
    expect(await state()).toBe('investigating');
    const note1 = await db.prisma.ticketNote.findFirstOrThrow({ where: { kind: 'findings' } });
    expect(note1).toMatchObject({ authorId: 'hafiz', body: findings });
    expect(world.textsIn(CHANNELS.service_desk).join('\n')).toContain(
      `hasil siasatan dan pengujian bagi aduan ${number}`,
    );
  });

  it('SOC escalates to the vendor, and the vendor resolves it back to SOC', async () => {
    const request = 'Sila semak penapis SPF pada gerbang untuk agensi.gov.my.';
    await actWithForm(world, hafiz, CHANNELS.soc, number, 'escalate_to_vendor', note('request', request));
    expect(await state()).toBe('escalated_to_vendor');
    expect(world.textsIn(CHANNELS.vendor).find((t) => t.includes(request))).toContain(number);
    const notes = 'SPF include for the new gateway added; cache flushed.';
    await actWithForm(world, azlan, CHANNELS.vendor, number, 'vendor_resolved', note('notes', notes));
    expect(await state()).toBe('investigating');
    expect(world.textsIn(CHANNELS.soc).find((t) => t.includes(notes))).toContain(number);
  });

  it('SOC marks it resolved and the requester is asked to test', async () => {
    await actWithForm(world, hafiz, CHANNELS.soc, number, 'mark_resolved', note('notes', 'SPF dibetulkan.'));
    expect(await state()).toBe('awaiting_confirmation');
    const card = world.cardWith(dmOf(aminah), 'confirm_resolved', number);
    expect(buttonsOf(card.blocks)).toEqual([
      actionIdOf('confirm_resolved'),
      actionIdOf('report_still_failing'),
    ]);
  });

  it('a failed retest sends the complaint back to investigation (step 8 → 3) and SOC is told what fails', async () => {
    const details = 'Mesej daripada contoh.com.my masih dipulangkan dengan 550.';
    await actWithForm(world, aminah, dmOf(aminah), number, 'report_still_failing', note('details', details));
    expect(await state()).toBe('investigating');
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { type: 'ad.reported_still_failing' },
    });
    expect(event.data).toMatchObject({ step: '4.2/8', from: 'awaiting_confirmation', to: 'investigating' });
    expect(world.textsIn(CHANNELS.soc).find((t) => t.includes(details))).toContain(number);
    expect(buttonsOf(world.cardWith(CHANNELS.soc, 'mark_resolved', number).blocks)).toContain(
      actionIdOf('record_findings'),
    );
  });

  it('resolved again, the requester confirms: closed and announced', async () => {
    await actWithForm(
      world,
      hafiz,
      CHANNELS.soc,
      number,
      'mark_resolved',
      note('notes', 'Cache DNS dikosongkan.'),
    );
    expect(await state()).toBe('awaiting_confirmation');
    const card = world.cardWith(dmOf(aminah), 'confirm_resolved', number);
    await world.click(aminah, card, 'confirm_resolved');
    await stateBecomes(world, number, 'closed');
    await world.settle();
    expect(world.textsIn(CHANNELS.announcements).find((t) => t.includes(number))).toContain('ditutup');
    const final = world.api.message(card.channel, card.ts)!;
    expect(buttonsOf(final.blocks)).toEqual([]);
    expect(wordsOf(final.blocks)).toMatch(/Disahkan selesai oleh Aminah binti Yusof pada .+ \(MYT\)/);
    const where = { ticket: { number } };
    const events = await db.prisma.auditEvent.findMany({ where, orderBy: { seq: 'asc' } });
    // The bot's investigation and re-checks (SOP 4.2 step 3) run beside the people's steps, in any order.
    const bot = events.filter((e) => e.type === 'ad.investigation_recorded');
    const purposes = bot.map((e) => (e.data as { purpose?: string }).purpose);
    // Step 8 → 3 runs the investigation again (SOP 4.2.1 step 8), beside the re-check of each resolution.
    expect([...purposes].sort()).toEqual(['investigation', 'investigation', 'recheck', 'recheck']);
    expect(events.filter((e) => !bot.includes(e)).map((e) => e.type)).toEqual([
      'ad.submitted',
      'ad.findings_recorded',
      'ad.escalated_to_vendor',
      'ad.vendor_resolved',
      'ad.resolved',
      'ad.reported_still_failing',
      'ad.resolved',
      'ad.closed',
    ]);
  });

  it('sent nothing Slack would refuse and logged no warning', () => expectCleanWalk(world));
});
