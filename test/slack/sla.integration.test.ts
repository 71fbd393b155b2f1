import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf } from '../../cards/ids.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { CHANNELS, dmOf, PEOPLE, type SlackWorld, startSlackWorld } from '../support/slack-world.ts';
import { note } from './form-answers.ts';
import { buttonsOf } from './slack-output.ts';
import { actWithForm, awaitingApproval, complain, requestChange, stateOf } from './sop-steps.ts';

// SLA reminders and escalations (flows/sla.ts, scheduled by the foundation) as people see them in
// Slack: the reminder reaches whoever must act now (the approvals channel, the manager's DM), the
// escalation the service desk's channel, and a second run of the same task sends nothing again.

const DAY_MS = 24 * 60 * 60 * 1000;
// Reminders go out in business hours only (flows/sla.ts): mailops's clock reads Monday 10:00 MYT.
let now = new Date('2026-11-30T02:00:00Z');
const clock = { now: () => new Date(now) };
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
  return new Date(now);
};

describeEachDatabase('Slack: SLA reminders and escalations', (suite) => {
  let db: TestDatabase;
  let world: SlackWorld;
  beforeAll(async () => {
    db = await suite.create();
    world = await startSlackWorld(db, { clock });
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  /** As if the ticket had waited in its state for `days` calendar days (weekends and holidays included). */
  async function waited(number: string, days: number) {
    const since = new Date(clock.now().getTime() - days * DAY_MS);
    await db.prisma.ticket.update({ where: { number }, data: { stateSince: since, slaDueAt: since } });
  }
  const mentioning = (channel: string, number: string) =>
    world.textsIn(channel).filter((t) => t.includes(number));

  it('reminds the approvers in their channel and escalates to the service desk, once', async () => {
    const number = await awaitingApproval(world, 'SLA: permohonan menunggu kelulusan terlalu lama');
    const approvalsBefore = mentioning(CHANNELS.approvals, number).length;
    await waited(number, 14);
    const outcome = await world.app.scheduler.fireNow('escalate-overdue', later(1000));
    expect(outcome).toMatchObject({ ran: true, status: 'ok' });
    await world.settle();
    const reminders = mentioning(CHANNELS.approvals, number).slice(approvalsBefore);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatch(/^Peringatan 1\/3: permohonan perubahan CR-\d{4}-\d{6} menunggu keputusan/);
    const escalations = () =>
      mentioning(CHANNELS.service_desk, number).filter((t) => t.startsWith('Eskalasi'));
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]).toMatch(/belum diputuskan dan telah melepasi SLA 18 jam bekerja/);

    await world.app.scheduler.fireNow('escalate-overdue', later(60_000));
    await world.settle();
    expect(mentioning(CHANNELS.approvals, number).slice(approvalsBefore)).toHaveLength(1);
    expect(escalations()).toHaveLength(1);
  });

  it('reminds the endorsing manager in a DM, not in a channel', async () => {
    const number = await requestChange(world, 'SLA: sokongan pengurus belum diberi');
    const before = mentioning(dmOf(PEOPLE.rahman), number).length;
    await waited(number, 4);
    await world.app.scheduler.fireNow('escalate-overdue', later(1000));
    await world.settle();
    const told = mentioning(dmOf(PEOPLE.rahman), number).slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^Peringatan 1\/3/);
    expect(mentioning(CHANNELS.approvals, number)).toEqual([]);
  });

  // SOP 4.2.1 step 9: the desk closes a complaint its requester never confirmed, from its own copy of the
  // card; the requester's copy never offers the desk's step, and the desk's never offers the withdrawal.
  it("puts Close unconfirmed on the desk's card once the requester's deadline passes, never on the requester's", async () => {
    const number = await complain(world, 'agensi.gov.my');
    const buttonsIn = (channel: string) =>
      world
        .messagesIn(channel)
        .filter((m) => (m.text ?? '').includes(number))
        .flatMap((m) => buttonsOf(m.blocks));
    expect(buttonsIn(dmOf(PEOPLE.aminah))).toContain(actionIdOf('withdraw'));
    expect(buttonsIn(CHANNELS.service_desk)).toEqual([]);

    await actWithForm(
      world,
      PEOPLE.hafiz,
      CHANNELS.soc,
      number,
      'mark_resolved',
      note('notes', 'SPF dibetulkan.'),
    );
    expect(await stateOf(world, number)).toBe('awaiting_confirmation');
    expect(buttonsIn(CHANNELS.service_desk)).toEqual([]);
    await waited(number, 30);
    await world.app.scheduler.fireNow('escalate-overdue', later(1000));
    await world.settle();
    expect(buttonsIn(CHANNELS.service_desk)).toEqual([actionIdOf('close_unconfirmed')]);
    expect(buttonsIn(dmOf(PEOPLE.aminah))).not.toContain(actionIdOf('close_unconfirmed'));
    expect(buttonsIn(dmOf(PEOPLE.aminah))).not.toContain(actionIdOf('withdraw'));

    const why = 'Pemohon tidak menjawab walaupun telah diingatkan.';
    await actWithForm(
      world,
      PEOPLE.farah,
      CHANNELS.service_desk,
      number,
      'close_unconfirmed',
      note('note', why),
    );
    expect(await stateOf(world, number)).toBe('closed');
    expect(buttonsIn(CHANNELS.service_desk)).toEqual([]);
  });
});
