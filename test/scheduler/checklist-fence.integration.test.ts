import { beforeEach, expect, it } from 'vitest';
import type { DomainChecks } from '../../src/mail/domain-checks.ts';
import type { Finding } from '../../src/mail/types.ts';
import type { RunOutcome } from '../../src/scheduler/coordinator.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import type { Harness } from '../support/harness.ts';
import { failingInbound, fakeChecks, monitored, passing } from './checklist-fixtures.ts';
import { TASK, useChecklistWorld } from './checklist-world.ts';

// A replica learns that its checklist fire was taken over only at its next renewal, a third of a lease
// later. One that resumes from a pause in that gap (a VM paused during its probes) must write nothing of the
// fire: neither a complaint nor the summary, which is queued once per fire and would stand in for its
// successor's (DESIGN.md: nothing is decided twice, nothing lost). Each write is fenced by its attempt.

describeEachDatabase('checklist fire fenced by its attempt', (suite) => {
  const db = useTestDatabase(() => suite.create());
  const w = useChecklistWorld(db);
  const { replica, result } = w;
  let h: Harness;
  let at: Date;
  beforeEach(() => {
    ({ h, at } = w);
  });

  /**
   * replica-a stalls in its probe past its lease; replica-b takes the fire over and is still probing when
   * replica-a resumes, before any renewal of replica-a's could have noticed (its lease is the default 2 min).
   */
  async function takenOverWhileProbing(domain: string, findings: readonly Finding[]) {
    const { checks: real } = fakeChecks({ [domain]: findings });
    const domains = [monitored(domain)];
    let bProbing!: () => void;
    const bStarted = new Promise<void>((resolve) => {
      bProbing = resolve;
    });
    let aResumed!: () => void;
    const aDone = new Promise<void>((resolve) => {
      aResumed = resolve;
    });
    const bChecks: DomainChecks = {
      ...real,
      run: async (input) => {
        bProbing();
        await aDone;
        return real.run(input);
      },
    };
    let b: Promise<RunOutcome> | undefined;
    const aChecks: DomainChecks = {
      ...real,
      run: async (input) => {
        await db().prisma.$executeRaw`
          UPDATE scheduler_runs SET lease_until = now() - interval '1 second' WHERE task = ${TASK} AND fire_at = ${at}`;
        b = replica('replica-b', bChecks, domains).fireNow(TASK, at);
        await bStarted;
        return real.run(input);
      },
    };
    const a = await replica('replica-a', aChecks, domains).fireNow(TASK, at);
    aResumed();
    return { a, b: await b! };
  }

  const summaries = () =>
    db().prisma.outboxMessage.findMany({ where: { kind: 'report.post' }, select: { payload: true } });

  it('opens no complaint from a replica that lost its fire unawares; its successor opens it, with its own run', async () => {
    const { a, b } = await takenOverWhileProbing('gagal21.gov.my', failingInbound('gagal21.gov.my'));

    expect(a).toEqual({ ran: true, status: 'lost', attempt: 1 });
    expect(b).toEqual({ ran: true, status: 'ok', attempt: 2 });
    // replica-b opened the complaint itself: replica-a's run decided nothing, nor is it in the complaint.
    expect(await result()).toMatchObject({ failed: 1, ticketsOpened: 1, ticketsUpdated: 0 });
    const { runIds } = (await result()) as { runIds: string[] };
    expect(await db().prisma.complaintDetails.count({ where: { domain: 'gagal21.gov.my' } })).toBe(1);
    const attached = await db().prisma.mailtestRun.findMany({
      where: { domain: 'gagal21.gov.my', ticketId: { not: null } },
      select: { id: true },
    });
    expect(attached.map((r) => r.id)).toEqual(runIds);
    expect((await summaries()).map((s) => (s.payload as { runIds: string[] }).runIds)).toEqual([runIds]);
    expect(h.logger.lines.join('\n')).toContain(
      'checklist fire went to another replica before this one had reported it',
    );
  });

  it("queues no summary from a replica that lost its fire unawares, so SOC gets its successor's", async () => {
    const { a, b } = await takenOverWhileProbing('baik21.gov.my', passing('baik21.gov.my'));

    expect(a).toEqual({ ran: true, status: 'lost', attempt: 1 });
    expect(b).toEqual({ ran: true, status: 'ok', attempt: 2 });
    const { runIds } = (await result()) as { runIds: string[] };
    expect(runIds).toHaveLength(1);
    expect((await summaries()).map((s) => (s.payload as { runIds: string[] }).runIds)).toEqual([runIds]);
    await h.dispatcher.drainOnce();
    expect(w.reports()).toHaveLength(1);
  });
});
