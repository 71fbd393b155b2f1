import { beforeEach, expect, it } from 'vitest';
import type { CardField } from '../../cards/card-model.ts';
import { fieldValueText } from '../../cards/field-text.ts';
import { renderSlackCard } from '../../cards/slack/render-card.ts';
import { renderTeamsCard } from '../../cards/teams/render-card.ts';
import type { TicketActionType } from '../../flows/types.ts';
import { Directory } from '../../src/directory/directory.ts';
import { textsFor } from '../../src/i18n/texts.ts';
import { buildTicketCard } from '../../src/tickets/card-source.ts';
import {
  approver,
  complaintForm,
  requester,
  sectionA,
  sectionB,
  sectionD,
  VALID,
} from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness, PEOPLE } from '../support/harness.ts';

// What a ticket's card shows of what people wrote: Section B's activities and fallback plan, Section D's
// review, and the latest note of each kind (SOC's findings, what the vendor is asked to do, what still
// fails, a reason), so whoever acts next, and whoever reads a closed card, needs nothing else.

const en = textsFor('en');
const shown = (fields: readonly CardField[]) =>
  fields.map((f) => [en.t(f.label.key, f.label.params), fieldValueText(f.value, en)]);

describeEachDatabase('the ticket card’s fields', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(() => {
    h = createHarness(db());
  });
  const card = (number: string, kind: Parameters<typeof buildTicketCard>[3]) =>
    db()
      .prisma.ticket.findUniqueOrThrow({ where: { number } })
      .then((t) => buildTicketCard(db().prisma, h.directory, t.id, kind, h.clock.now()));

  it('says nothing of the requested date when the plan starts by then, and counts days when it is days late', async () => {
    const onTime = await h.openUnendorsed('cr-on-time');
    await h.walk(onTime.number, ['approve']);
    const early = { plannedStart: '2025-06-19T22:00:00+08:00', plannedEnd: '2025-06-19T23:00:00+08:00' };
    const started = await h.tickets.act(
      onTime.number,
      { type: 'start_implementation', sectionB: sectionB(early) },
      h.actorFor('start_implementation'),
      `${onTime.number}-b`,
    );
    expect(started.status, JSON.stringify(started)).toBe('applied');
    const labels = shown((await card(onTime.number, 'soc')).fields).map(([label]) => label);
    expect(labels).toContain('Planned window');
    expect(labels).not.toContain('Against the requested date');

    const late = await h.openUnendorsed('cr-late');
    await h.walk(late.number, ['approve']);
    const week = { plannedStart: '2025-06-27T09:00:00+08:00', plannedEnd: '2025-06-27T10:00:00+08:00' };
    await h.tickets.act(
      late.number,
      { type: 'start_implementation', sectionB: sectionB(week) },
      h.actorFor('start_implementation'),
      `${late.number}-b`,
    );
    const ms = textsFor('ms');
    const field = (await card(late.number, 'ticket')).fields.find(
      (f) => f.label.key === 'field.planned_late',
    );
    expect(field && fieldValueText(field.value, ms)).toBe('bermula 7 hari selepas tarikh & masa dipohon');
  });

  it('shows Section B’s plan and Section D’s review once SOC writes one', async () => {
    const { number } = await h.openUnendorsed('cr-b-d');
    await h.walk(number, ['approve', 'start_implementation']);
    const planned = shown((await card(number, 'soc')).fields);
    expect(planned).toContainEqual([
      'Change activities',
      'Tambah rakan.edu.my ke senarai putih pada gateway anti-spam.',
    ]);
    expect(planned).toContainEqual([
      'Fallback plan',
      'Buang entri senarai putih dan pulihkan konfigurasi sebelumnya.',
    ]);
    expect(planned.map(([label]) => label)).not.toContain('Post Implementation Review');
    // The plan starts at 22:00 the day after the 09:00 the requester asked for: the card says so.
    expect(planned).toContainEqual([
      'Against the requested date',
      'starts 37 hours after the requested date & time',
    ]);

    const review = 'Senarai putih berfungsi; tiada e-mel sah dikuarantin selepas perubahan.';
    const done = await h.tickets.act(
      number,
      { type: 'mark_implemented', sectionD: sectionD({ postImplementationReview: review }) },
      h.actorFor('mark_implemented'),
      `${number}-d`,
    );
    expect(done.status, JSON.stringify(done)).toBe('applied');
    const confirmation = await card(number, 'confirmation');
    const labels = shown(confirmation.fields).map(([label]) => label);
    // In the paper form's order: the plan (B) before the approval (C) before what was done (D).
    expect(labels.indexOf('Fallback plan')).toBeLessThan(labels.indexOf('Approver'));
    expect(shown(confirmation.fields).at(-1)).toEqual(['Post Implementation Review', review]);
    // Both platforms draw them within their limits.
    expect(JSON.stringify(renderSlackCard(confirmation, en).blocks)).toContain('Post Implementation Review');
    expect(JSON.stringify(renderTeamsCard(confirmation, en))).toContain(review);
  });

  it('shows the latest of each note, in the order written: findings, the vendor’s request and notes, what still fails', async () => {
    const opened = await h.tickets.submit(VALID.submit_complaint, h.actorFor('submit_complaint'), 'ad-notes');
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    const { number } = opened.ticket;
    const steps: TicketActionType[] = ['record_findings', 'escalate_to_vendor', 'vendor_resolved'];
    await h.walk(number, steps);
    const vendor = shown((await card(number, 'soc')).fields).slice(-3);
    expect(vendor).toEqual([
      ['Investigation and test results', VALID.record_findings.notes],
      ['What the vendor is asked to do', VALID.escalate_to_vendor.request],
      ['What was done', VALID.vendor_resolved.notes],
    ]);

    await h.walk(number, ['mark_resolved', 'report_still_failing']);
    const again = 'Kuarantin gateway masih menahan e-mel rakan.edu.my; peraturan lama belum dibuang.';
    const found = await h.tickets.act(
      number,
      { type: 'record_findings', notes: again },
      h.actorFor('record_findings'),
      `${number}-again`,
    );
    expect(found.status, JSON.stringify(found)).toBe('applied');
    const notes = shown((await card(number, 'soc')).fields).slice(-5);
    expect(notes).toEqual([
      ['What the vendor is asked to do', VALID.escalate_to_vendor.request],
      ['What was done', VALID.vendor_resolved.notes],
      // Back with SOC, the round that did not hold is history (cards/ticket-card.ts).
      ['Earlier resolution (before it was reported still failing)', VALID.mark_resolved.notes],
      ['What still fails', VALID.report_still_failing.details],
      ['Investigation and test results', again],
    ]);
  });

  it('gives the approver Section A whole: who to call, and the endorsing manager with designation and agency', async () => {
    const { number } = await h.openUnendorsed('cr-section-a');
    const fields = shown((await card(number, 'approval')).fields);
    const a = sectionA();
    expect(fields).toEqual(
      expect.arrayContaining([
        ['Requester contact number', a.requester.contactNumber],
        ['Requester e-mail', a.requester.email],
      ]),
    );
    const labels = fields.map(([label]) => label);
    expect(labels.indexOf('Requester e-mail')).toBeLessThan(labels.indexOf('Change description'));
  });

  it('says "endorsed by" only once the manager has endorsed; until then, or after a decline, names whom it asks', async () => {
    const label = async (number: string) =>
      shown((await card(number, 'ticket')).fields).find(([, value]) =>
        value?.startsWith(sectionA().manager.name),
      )?.[0];
    const asked = await h.tickets.submit(
      VALID.submit_change_request,
      h.actorFor('submit_change_request'),
      'cr-m',
    );
    if (asked.status !== 'applied') throw new Error(JSON.stringify(asked));
    expect(await label(asked.ticket.number)).toBe('Endorsing manager');
    await h.walk(asked.ticket.number, ['endorse']);
    expect(await label(asked.ticket.number)).toBe('Endorsed by (Manager)');

    const declined = await h.tickets.submit(
      VALID.submit_change_request,
      h.actorFor('submit_change_request'),
      'cr-d',
    );
    if (declined.status !== 'applied') throw new Error(JSON.stringify(declined));
    await h.walk(declined.ticket.number, ['decline_endorsement']);
    expect(await label(declined.ticket.number)).toBe('Endorsing manager');
  });

  it("tells the approver when the requested date falls before the step's deadline, or has passed", async () => {
    const against = async (number: string) =>
      shown((await card(number, 'approval')).fields).find(
        ([label]) => label === 'Against the requested date',
      )?.[1];
    // The fixtures' request is for 20 Jun, after the approval's deadline: nothing to say.
    const { number } = await h.openUnendorsed('cr-in-time');
    expect(await against(number)).toBeUndefined();

    const soon = new Date(h.clock.now().getTime() + 3 * 3_600_000).toISOString();
    const form = sectionA({ requestedAt: soon });
    const rushed = await h.tickets.submit(
      { type: 'submit_change_request', form, endorsementRequired: false },
      h.actorFor('submit_change_request'),
      'cr-rushed',
    );
    if (rushed.status !== 'applied') throw new Error(JSON.stringify(rushed));
    expect(await against(rushed.ticket.number)).toMatch(
      /^the requested date & time falls before this step's deadline \(.+ \(MYT\)\): act sooner to keep it$/,
    );

    h.clock.advance(5 * 3_600_000);
    expect(await against(rushed.ticket.number)).toBe(
      'the requested date & time has passed: agree a new one with the requester before the change is made',
    );
    // Once SOC plans it, Section B's own timing says how it stands instead.
    await h.walk(rushed.ticket.number, ['approve', 'start_implementation']);
    expect(await against(rushed.ticket.number)).not.toMatch(/has passed|falls before/);
  });

  it('names the implementer in Section B and shows the complainant’s own description before the bounce', async () => {
    const { number } = await h.openUnendorsed('cr-implementer');
    await h.walk(number, ['approve', 'start_implementation']);
    expect(shown((await card(number, 'soc')).fields)).toContainEqual([
      'Implementer name',
      `${h.actorFor('start_implementation').name} (${sectionB().designation})`,
    ]);
    const said = 'Semua e-mel dari gmail.com ke moe.gov.my melantun sejak pagi tadi.';
    const opened = await h.tickets.submit(
      { type: 'submit_complaint', complaint: complaintForm({ description: said }) },
      h.actorFor('submit_complaint'),
      'ad-description',
    );
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    const complaint = shown((await card(opened.ticket.number, 'soc')).fields);
    const labels = complaint.map(([label]) => label);
    expect(complaint).toContainEqual(['Description of the problem', said]);
    expect(labels.indexOf('Description of the problem')).toBeLessThan(labels.indexOf('Bounce message'));
  });

  it('keeps the reason on a card that closed without its step: a withdrawal', async () => {
    const { number } = await h.openUnendorsed('cr-withdraw');
    await h.walk(number, ['withdraw']);
    expect(shown((await card(number, 'ticket')).fields).at(-1)).toEqual([
      'Reason for withdrawing',
      VALID.withdraw.reason,
    ]);
  });

  it('names, as whoever the card waits for, only those the SOP lets take the step', async () => {
    const { number } = await h.openUnendorsed('cr-who');
    const ticket = await db().prisma.ticket.findUniqueOrThrow({ where: { number } });
    // The requester is an approver too: the SOP refuses them their own request (not_own_request).
    const people = PEOPLE.map((p) =>
      p.id === requester.id ? { ...p, roles: [...p.roles, 'approver' as const] } : p,
    );
    const directory = new Directory(people, {}, 'ms');
    const model = await buildTicketCard(db().prisma, directory, ticket.id, 'approval', h.clock.now());
    expect(model.nextActor?.who).toEqual({ role: 'approver' });
    expect(model.nextActor?.people).toEqual([approver.name, 'Rosli (JDN)']);
  });
});
