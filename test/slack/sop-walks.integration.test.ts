import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionIdOf, FORM_IDS } from '../../cards/ids.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { triggerMintedAt } from '../support/slack/trigger-id.ts';
import { CHANNELS, dmOf, PEOPLE, type SlackWorld, startSlackWorld } from '../support/slack-world.ts';
import { note, sectionA, sectionB, sectionD } from './form-answers.ts';
import { buttonsOf, expectCleanWalk, initialOf, wordsOf } from './slack-output.ts';
import { stateBecomes } from './sop-steps.ts';

// SOP 4.1 from the slash command to closure, driven only by signed Slack payloads built from what the bot
// really sent (the modals it opened, the cards it posted). After every step: the ticket's state in the
// database, and what each person saw. The walk includes the vendor loop and a failed retest; SOP 4.2 is
// walked the same way in complaint-walk.integration.test.ts.

const { aminah, rahman, zulkifli, hafiz, azlan } = PEOPLE;
const DESCRIPTION = 'Tambah rakan.com.my ke senarai putih anti-spam';
const MYT_STAMP = /\d{1,2} \S+ \d{4}, \d{1,2}:\d{2} \S+ \(MYT\)/;

describeEachDatabase('SOP 4.1 walked through Slack', (suite) => {
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

  describe('SOP 4.1, change request', () => {
    let number = '';
    const state = async () => (await world.ticket(number)).state;
    const events = async () =>
      (await db.prisma.auditEvent.findMany({ where: { ticket: { number } }, orderBy: { seq: 'asc' } })).map(
        (e) => e.type,
      );

    it('opens the Section A modal at once, pre-filled, before anything is written', async () => {
      const answer = await world.command(aminah, '/changerequest', DESCRIPTION);
      expect(answer).toMatchObject({ status: 200, body: '' });
      const modal = await world.modalAfter(0);
      const opened = world.api.callsTo('views.open')[0]!;
      expect(opened.at - triggerMintedAt(String(opened.args.trigger_id))!).toBeLessThan(3000);
      expect(modal.callback_id).toBe(FORM_IDS.changeRequest);
      expect(initialOf(modal, 'description')).toBe(DESCRIPTION);
      expect(initialOf(modal, 'requester.name')).toBe('Aminah binti Yusof');
      expect(initialOf(modal, 'requester.unit')).toBe('BPM, Kementerian Contoh');
      expect(initialOf(modal, 'requester.contactNumber')).toBe('03-8888 1234');
      expect(initialOf(modal, 'requester.email')).toBe('aminah@agensi.gov.my');
      expect(await db.prisma.ticket.count()).toBe(0);
      expect(await db.prisma.outboxMessage.count()).toBe(0);
    });

    it('opens the ticket on submit, tells the requester its number in a DM and asks the manager to endorse', async () => {
      const answer = await world.submit(aminah, world.modals()[0]!, sectionA(rahman.id));
      expect(answer).toMatchObject({ status: 200, body: '' });
      const ticket = await db.prisma.ticket.findFirstOrThrow({ include: { sectionA: true } });
      number = ticket.number;
      expect(number).toMatch(/^CR-\d{4}-000001$/);
      expect(ticket).toMatchObject({ state: 'awaiting_endorsement', requesterId: 'aminah' });
      // The manager was only picked; the directory filled in the rest of "Requester Approval".
      expect(ticket.sectionA).toMatchObject({
        requesterName: 'Aminah binti Yusof',
        description: DESCRIPTION,
        managerName: 'Abd Rahman bin Ismail',
      });
      await world.settle();
      const mine = world.messagesIn(dmOf(aminah));
      expect(mine.map((m) => m.text).join('\n')).toContain('dihantar kepada Abd Rahman bin Ismail');
      const myCard = mine.find((m) => m.blocks !== undefined)!;
      expect(wordsOf(myCard.blocks)).toContain(number);
      expect(wordsOf(myCard.blocks)).toContain('Menunggu sokongan pengurus');
      const endorsement = world.cardWith(dmOf(rahman), 'endorse');
      expect(buttonsOf(endorsement.blocks)).toEqual([
        actionIdOf('endorse'),
        actionIdOf('decline_endorsement'),
      ]);
      expect(wordsOf(endorsement.blocks)).toContain(DESCRIPTION);
    });

    it('the manager endorses with one click; the approvals channel gets the approval card', async () => {
      const card = world.cardWith(dmOf(rahman), 'endorse');
      expect(await world.click(rahman, card, 'endorse')).toMatchObject({ status: 200 });
      await stateBecomes(world, number, 'awaiting_approval');
      await world.settle();
      const seen = world.api.message(card.channel, card.ts)!;
      expect(seen.versions.some((v) => wordsOf(v.blocks).includes('Sedang diproses…'))).toBe(true);
      expect(buttonsOf(seen.blocks)).toEqual([]);
      expect(wordsOf(seen.blocks)).toMatch(
        new RegExp(`Disokong oleh Abd Rahman bin Ismail pada ${MYT_STAMP.source}`),
      );
      const approval = world.cardWith(CHANNELS.approvals, 'approve');
      expect(buttonsOf(approval.blocks)).toEqual([actionIdOf('approve'), actionIdOf('reject')]);
      expect(world.textsIn(CHANNELS.approvals).join('\n')).toContain(
        `${number} yang disokong oleh Abd Rahman`,
      );
    });

    it('an approver clicks Approve: "Processing…" at once, then the request goes to SOC', async () => {
      const opened = world.modals().length;
      const card = world.cardWith(CHANNELS.approvals, 'approve');
      await world.click(zulkifli, card, 'approve');
      await stateBecomes(world, number, 'awaiting_implementation');
      // Approve needs no form (SOP 4.1 step 4; comments are asked only on a rejection).
      expect(world.modals()).toHaveLength(opened);
      expect(
        world.api
          .message(card.channel, card.ts)!
          .versions.map((v) => wordsOf(v.blocks))
          .join('\n'),
      ).toContain('Sedang diproses');
      const c = await db.prisma.changeRequestSectionC.findFirstOrThrow();
      expect(c).toMatchObject({
        approved: true,
        approverId: 'zulkifli',
        approverName: 'Zulkifli bin Hassan',
      });
      await world.settle();
      const final = world.api.message(card.channel, card.ts)!;
      expect(buttonsOf(final.blocks)).toEqual([]);
      expect(wordsOf(final.blocks)).toMatch(
        new RegExp(`Diluluskan oleh Zulkifli bin Hassan pada ${MYT_STAMP.source}`),
      );
      expect(world.textsIn(dmOf(aminah)).join('\n')).toContain(
        `${number} telah diluluskan oleh Zulkifli bin Hassan`,
      );
      const soc = world.cardWith(CHANNELS.soc, 'start_implementation');
      expect(buttonsOf(soc.blocks)).toEqual([actionIdOf('start_implementation')]);
    });

    it('SOC starts implementing with Section B, its name and designation pre-filled', async () => {
      const opened = world.modals().length;
      await world.click(hafiz, world.cardWith(CHANNELS.soc, 'start_implementation'), 'start_implementation');
      const form = await world.modalAfter(opened);
      expect(initialOf(form, 'name')).toBe('Muhammad Hafiz bin Razak');
      expect(initialOf(form, 'designation')).toBe('Jurutera Keselamatan');
      expect(await world.submit(hafiz, form, sectionB())).toMatchObject({ status: 200, body: '' });
      expect(await state()).toBe('implementing');
      const b = await db.prisma.changeRequestSectionB.findFirstOrThrow();
      expect(b).toMatchObject({ implementerId: 'hafiz', implementerName: 'Muhammad Hafiz bin Razak' });
      await world.settle();
      expect(buttonsOf(world.cardWith(CHANNELS.soc, 'mark_implemented').blocks)).toEqual([
        actionIdOf('mark_implemented'),
        actionIdOf('escalate_to_vendor'),
      ]);
    });

    it('SOC escalates to the vendor, whose channel is pinged with the ticket and the request', async () => {
      const opened = world.modals().length;
      await world.click(hafiz, world.cardWith(CHANNELS.soc, 'escalate_to_vendor'), 'escalate_to_vendor');
      const form = await world.modalAfter(opened);
      const request = 'Sila kemas kini dasar SPF pada gerbang; konfigurasi kami ditolak.';
      expect(await world.submit(hafiz, form, note('request', request))).toMatchObject({
        status: 200,
        body: '',
      });
      expect(await state()).toBe('escalated_to_vendor');
      await world.settle();
      const ping = world.textsIn(CHANNELS.vendor).find((t) => t.includes(request));
      expect(ping).toContain(number);
      expect(buttonsOf(world.cardWith(CHANNELS.vendor, 'vendor_resolved').blocks)).toEqual([
        actionIdOf('vendor_resolved'),
      ]);
    });

    it('the vendor records what it did, in English, and the ticket is back with SOC', async () => {
      const opened = world.modals().length;
      await world.click(azlan, world.cardWith(CHANNELS.vendor, 'vendor_resolved'), 'vendor_resolved');
      const form = await world.modalAfter(opened);
      expect(form.title?.text).toBe('Vendor resolution');
      const notes = 'Gateway SPF policy updated and cache flushed.';
      expect(await world.submit(azlan, form, note('notes', notes))).toMatchObject({ status: 200, body: '' });
      expect(await state()).toBe('implementing');
      await world.settle();
      expect(world.textsIn(CHANNELS.soc).find((t) => t.includes(notes))).toContain(number);
    });

    it('SOC marks it implemented (Section D) and the requester is asked to test', async () => {
      const opened = world.modals().length;
      await world.click(hafiz, world.cardWith(CHANNELS.soc, 'mark_implemented'), 'mark_implemented');
      const form = await world.modalAfter(opened);
      expect(await world.submit(hafiz, form, sectionD())).toMatchObject({ status: 200, body: '' });
      expect(await state()).toBe('awaiting_confirmation');
      await world.settle();
      const confirmation = world.cardWith(dmOf(aminah), 'confirm_resolved');
      expect(buttonsOf(confirmation.blocks)).toEqual([
        actionIdOf('confirm_resolved'),
        actionIdOf('report_still_failing'),
      ]);
    });

    it('the requester reports it still fails, and SOC is told what failed', async () => {
      const opened = world.modals().length;
      const card = world.cardWith(dmOf(aminah), 'report_still_failing');
      await world.click(aminah, card, 'report_still_failing');
      const form = await world.modalAfter(opened);
      const details = 'E-mel daripada rakan.com.my masih masuk ke folder spam.';
      expect(await world.submit(aminah, form, note('details', details))).toMatchObject({
        status: 200,
        body: '',
      });
      expect(await state()).toBe('awaiting_implementation');
      await world.settle();
      const told = world.textsIn(CHANNELS.soc).find((t) => t.includes(details));
      expect(told).toContain(number);
      expect(buttonsOf(world.api.message(card.channel, card.ts)!.blocks)).toEqual([]);
    });

    it('SOC implements again, and the requester confirms: closed, and the announcements channel is told', async () => {
      let opened = world.modals().length;
      await world.click(hafiz, world.cardWith(CHANNELS.soc, 'start_implementation'), 'start_implementation');
      const again = await world.modalAfter(opened);
      // Section B opens with the first round's answers (its window is still ahead), signed by whoever opens it.
      const first = sectionB();
      const chosen = (id: string) => (initialOf(again, id) as { value?: string } | undefined)?.value;
      for (const id of ['typeOfChange', 'risk', 'urgency', 'impact']) {
        expect(chosen(id), id).toBe(first[id]?.value?.selected_option?.value);
      }
      expect(chosen('risk')).toBe('low');
      expect(initialOf(again, 'activities')).toBe(first.activities?.value?.value);
      expect(initialOf(again, 'fallbackPlan')).toBe(first.fallbackPlan?.value?.value);
      expect(initialOf(again, 'plannedStart')).toEqual(expect.any(Number));
      expect(initialOf(again, 'name')).toBe('Muhammad Hafiz bin Razak');
      await world.submit(hafiz, again, sectionB());
      expect(await state()).toBe('implementing');
      await world.settle();
      opened = world.modals().length;
      await world.click(hafiz, world.cardWith(CHANNELS.soc, 'mark_implemented'), 'mark_implemented');
      await world.submit(hafiz, await world.modalAfter(opened), sectionD());
      expect(await state()).toBe('awaiting_confirmation');
      await world.settle();
      const card = world.cardWith(dmOf(aminah), 'confirm_resolved');
      await world.click(aminah, card, 'confirm_resolved');
      await stateBecomes(world, number, 'closed');
      await world.settle();
      expect((await world.ticket(number)).closedAt).not.toBeNull();
      expect(world.textsIn(CHANNELS.announcements).find((t) => t.includes(number))).toContain('ditutup');
      expect(buttonsOf(world.api.message(card.channel, card.ts)!.blocks)).toEqual([]);
      // Every card of the ticket, everywhere, ends with no buttons.
      const everyCard = [
        CHANNELS.approvals,
        CHANNELS.soc,
        CHANNELS.vendor,
        CHANNELS.service_desk,
        dmOf(aminah),
        dmOf(rahman),
      ]
        .flatMap((c) => world.messagesIn(c))
        .filter((m) => m.blocks !== undefined);
      expect(everyCard.flatMap((m) => buttonsOf(m.blocks))).toEqual([]);
      expect(await events()).toEqual([
        'cr.submitted',
        'cr.endorsed',
        'cr.approved',
        'cr.implementation_started',
        'cr.escalated_to_vendor',
        'cr.vendor_resolved',
        'cr.implemented',
        'cr.reported_still_failing',
        'cr.implementation_started',
        'cr.implemented',
        'cr.closed',
      ]);
    });
  });

  it('keeps a description longer than Section A holds to its 3000 characters, and says so', async () => {
    const opened = world.modals().length;
    const typed = `${'Tambah rakan.com.my ke senarai putih. '.repeat(93)}Hujung.`;
    expect(typed.length).toBeGreaterThan(3500);
    const answer = await world.command(aminah, '/changerequest', typed);
    expect(answer.json).toEqual({
      response_type: 'ephemeral',
      text: 'Keterangan perubahan: teks yang anda taip dipendekkan kepada 3000 aksara, iaitu had medan ini. Semak hujungnya sebelum menghantar borang.',
    });
    expect(initialOf(await world.modalAfter(opened), 'description')).toBe(typed.slice(0, 3000));
  });

  it('sent nothing Slack would refuse and logged no warning', () => expectCleanWalk(world));
});
