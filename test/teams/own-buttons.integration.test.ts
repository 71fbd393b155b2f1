import { afterAll, beforeAll, expect, it } from 'vitest';
import { actionIdOf } from '../../cards/ids.ts';
import { TEAMS_VERBS } from '../../cards/teams/verbs.ts';
import type { Actor } from '../../flows/types.ts';
import { complaintForm, sectionA, sectionB, VALID } from '../flows/fixtures.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { adaptiveCardAction } from '../support/teams/activities.ts';
import { TENANT } from '../support/teams/tenant.ts';
import {
  ANNOUNCE_CHANNEL,
  azlan,
  cardOf,
  hafiz,
  type Json,
  SOC_CHANNEL,
  startTeamsWorld,
  type TeamsWorld,
  VENDOR_CHANNEL,
  withCard,
} from '../support/teams-world.ts';

// A person's own view of a card (Teams' refresh) carries the buttons that person may press, not every
// button of the card as soon as one of them is theirs. Rosli approves for MAMPU/JDN and also sits in VAS
// SOC: once he has approved a change he may still escalate it to the vendor, but never implement it
// (approver ≠ implementer, flows/roles.ts), so his view of the SOC card must not offer "Mark implemented".

const { aminah, rosli } = TENANT.users;
const YAML = `
people:
  - { id: aminah, name: Aminah binti Ali, email: aminah@agensi.gov.my, phone: 03-8888 1234, unit: BPM, roles: [requester], teams: ${aminah.aadObjectId} }
  - { id: rosli, name: Rosli bin Ahmad, email: rosli@jdn.gov.my, roles: [approver, soc, service_desk], teams: ${rosli.aadObjectId} }
  - { id: hafiz, name: Muhammad Hafiz, email: hafiz@soc.example, roles: [soc], teams: ${hafiz.aadObjectId} }
  - { id: azlan, name: Azlan bin Omar, email: azlan@vendor.example, roles: [vendor], teams: ${azlan.aadObjectId} }
channels:
  teams: { approvals: '${TENANT.channels.approvals}', service_desk: '${TENANT.channels.approvals}', soc: '${SOC_CHANNEL}', vendor: '${VENDOR_CHANNEL}', announcements: '${ANNOUNCE_CHANNEL}' }
endorsement:
  required: false
`;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const actor = (id: string, name: string, roles: Actor['roles']): Actor => ({ id, name, roles });

describeEachDatabase('Teams: the buttons of a person who holds two roles', (suite) => {
  let db: TestDatabase;
  let world: TeamsWorld;
  beforeAll(async () => {
    db = await suite.create();
    world = await startTeamsWorld(db, YAML);
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  it('shows the approver who is also SOC only the SOC steps he may take on a change he approved', async () => {
    await world.greet();
    const { tickets } = world.app;
    const opened = await tickets.submit(
      {
        ...VALID.submit_change_request,
        form: sectionA({ requestedAt: new Date(Date.now() + WEEK_MS).toISOString() }),
        endorsementRequired: false,
      },
      actor('aminah', 'Aminah binti Ali', ['requester']),
      'own-buttons-submit',
    );
    if (opened.status !== 'applied') throw new Error(`not opened: ${JSON.stringify(opened)}`);
    const id = opened.ticket.id;
    const rosliActor = actor('rosli', 'Rosli bin Ahmad', ['approver', 'soc']);
    expect((await tickets.act(id, VALID.approve, rosliActor)).status).toBe('applied');
    const hafizActor = actor('hafiz', 'Muhammad Hafiz', ['soc']);
    const planned = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
    const start = {
      ...VALID.start_implementation,
      sectionB: sectionB({ plannedStart: planned(8), plannedEnd: planned(9) }),
    };
    expect((await tickets.act(id, start, hafizActor)).status).toBe('applied');
    await world.settle();

    const card = world.cardIn(SOC_CHANNEL, opened.ticket.number);
    const buttons = async (who: typeof hafiz) => {
      const view = JSON.stringify((await world.ownView(who, card)).activity);
      return (['mark_implemented', 'escalate_to_vendor'] as const).filter((a) =>
        view.includes(actionIdOf(a)),
      );
    };
    expect(await buttons(hafiz)).toEqual(['mark_implemented', 'escalate_to_vendor']);
    expect(await buttons(rosli)).toEqual(['escalate_to_vendor']);
    // SOC's step: each of its people reads "you" first in their own view; the channel's copy names them all.
    const waiting = async (who?: typeof hafiz) =>
      /Menunggu tindakan [^"]+? sebelum/.exec(
        JSON.stringify(who ? (await world.ownView(who, card)).activity : card.activity),
      )?.[0];
    const soc = 'Menunggu tindakan Pusat Operasi Keselamatan (SOC):';
    expect(await waiting(hafiz)).toBe(`${soc} anda, Rosli bin Ahmad sebelum`);
    expect(await waiting(rosli)).toBe(`${soc} anda, Muhammad Hafiz sebelum`);
    expect(await waiting()).toBe(`${soc} Rosli bin Ahmad, Muhammad Hafiz sebelum`);
    // A press that does not fit the state (a card from before Section B) tells him the same, "you" first.
    const mine = JSON.stringify(cardOf(await world.ownView(hafiz, card)));
    const stale = withCard(
      card,
      JSON.parse(mine.replace(actionIdOf('mark_implemented'), actionIdOf('start_implementation'))),
    );
    const refused = await world.invoke(
      adaptiveCardAction({
        serviceUrl: world.connector.url,
        from: hafiz,
        card: stale,
        verb: actionIdOf('start_implementation'),
      }),
    );
    expect(String(refused.value)).toContain(`${soc} anda, Rosli bin Ahmad sebelum`);
  });

  // Cards posted before the desk's copy had a kind of its own name the requester's kind in their buttons and
  // refresh; the kind recorded for the message (migrated at the upgrade) decides, so the desk keeps its close.
  it("gives the desk its Close unconfirmed on a desk card that still names the requester's kind", async () => {
    const { tickets } = world.app;
    const startedAt = new Date(Date.now() - DAY_MS).toISOString();
    const opened = await tickets.submit(
      { ...VALID.submit_complaint, complaint: complaintForm({ startedAt }) },
      actor('aminah', 'Aminah binti Ali', ['requester']),
      'own-buttons-complaint',
    );
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    const id = opened.ticket.id;
    expect(
      (await tickets.act(id, VALID.mark_resolved, actor('hafiz', 'Muhammad Hafiz', ['soc']))).status,
    ).toBe('applied');
    await world.settle();
    await db.prisma.ticket.update({ where: { id }, data: { slaDueAt: new Date(Date.now() - DAY_MS) } });
    const desk = world.cardIn(TENANT.channels.approvals, opened.ticket.number);
    const card = cardOf(desk)!;
    const asBefore = JSON.parse(JSON.stringify(card).replaceAll('"card":"desk"', '"card":"ticket"')) as Json;
    expect(JSON.stringify(asBefore)).not.toContain('"card":"desk"');
    const view = JSON.stringify((await world.ownView(rosli, withCard(desk, asBefore))).activity);
    expect(view).toContain(actionIdOf('close_unconfirmed'));
    expect(view).not.toContain(actionIdOf('withdraw'));
    // The one who may close it reads that it is theirs to close.
    expect(view).toContain('jadi Meja Bantuan (anda) kini boleh menutup tiket ini tanpa pengesahan');
  });

  it('offers "Read in full" on a card that cut a long request, whole in the reader\'s view, and to nobody else', async () => {
    // SOP 4.1 step 4: the approver decides from the request as written, at the form's 3000 characters.
    const ending = 'dan ini ayat terakhir keterangan yang mesti dibaca oleh pelulus';
    const description = `${'Sekat domain spam-teruk.example di gateway. '.repeat(70)}${ending}`.slice(-2990);
    const opened = await world.app.tickets.submit(
      {
        ...VALID.submit_change_request,
        form: sectionA({ description, requestedAt: new Date(Date.now() + WEEK_MS).toISOString() }),
        endorsementRequired: false,
      },
      actor('aminah', 'Aminah binti Ali', ['requester']),
      'full-text-submit',
    );
    if (opened.status !== 'applied') throw new Error(`not opened: ${JSON.stringify(opened)}`);
    await world.settle();
    const card = world.cardIn(TENANT.channels.approvals, opened.ticket.number);
    expect(JSON.stringify(cardOf(card))).toContain(`"verb":"${TEAMS_VERBS.fullText}"`);
    expect(JSON.stringify(cardOf(card))).not.toContain(ending);
    const press = (from: typeof rosli) =>
      world.invoke(
        adaptiveCardAction({ serviceUrl: world.connector.url, from, card, verb: TEAMS_VERBS.fullText }),
      );
    const full = await press(rosli);
    expect(adaptiveCardProblems(full.value)).toEqual([]);
    expect(JSON.stringify(full.value)).toContain(ending);
    expect(JSON.stringify(full.value)).toContain('Kembali ke kad');
    const stranger = {
      ...rosli,
      id: '29:1Stranger3Gh6Jk9Lm2Np5Qr8St1Uv4Wx7Yz0Ab',
      aadObjectId: 'f5e6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b',
    };
    expect(String((await press(stranger)).value)).toMatch(/^Tiket ini tidak dapat dibuka untuk anda/);
  });
});
