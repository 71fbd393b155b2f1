import { afterAll, beforeAll, expect, it } from 'vitest';
import { ticketTimeline } from '../../src/platform/playground/timeline.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// The timeline's "next" line is the product's first promise, who acts next and by when, in the cards' own
// words. A ticket nobody acts on any more was "Selesai" (done), which a rejected or withdrawn request is not:
// it says no one acts. Past the requester's deadline to test, it says the desk may now close (SOP 4.2.1 step 9).

describeEachDatabase('playground ticket timeline', (suite) => {
  let db: TestDatabase;
  let harness: Harness;
  beforeAll(async () => {
    db = await suite.create();
    harness = createHarness(db);
  });
  afterAll(() => db?.cleanup());

  const timeline = (lang: 'ms' | 'en') =>
    ticketTimeline(db.prisma, harness.directory, lang, harness.clock.now());

  it('says who acts next and by when on an open ticket, and that nobody acts on a rejected one', async () => {
    const open = await harness.openUnendorsed('open');
    const rejected = await harness.openUnendorsed('rejected');
    await harness.walk(rejected.number, ['reject']);

    const ms = await timeline('ms');
    const line = (number: string, rows: typeof ms) => rows.find((r) => r.number === number);
    expect(line(open.number, ms)).toMatchObject({
      closed: false,
      stateLabel: 'Menunggu kelulusan MAMPU/JDN',
    });
    expect(line(open.number, ms)?.next).toMatch(/^Menunggu tindakan .+ sebelum \d/);
    expect(line(rejected.number, ms)).toMatchObject({
      closed: true,
      stateLabel: 'Tidak diluluskan',
      next: 'Tiada tindakan lagi',
    });
    const en = await timeline('en');
    expect(line(rejected.number, en)).toMatchObject({
      stateLabel: 'Not approved',
      next: 'No further action',
    });
  });

  it("says the service desk may close a complaint once the requester's deadline to test has passed", async () => {
    const complaint = await harness.openComplaint('deadline');
    await harness.walk(complaint.number, ['record_findings', 'mark_resolved']);
    const waiting = (await timeline('ms')).find((r) => r.number === complaint.number);
    expect(waiting?.next).toMatch(/^Menunggu tindakan .+ sebelum \d/);
    expect(waiting?.next).not.toMatch(/Meja Bantuan/);

    harness.clock.advance(30 * 24 * 3600_000);
    const overdue = (await timeline('ms')).find((r) => r.number === complaint.number);
    expect(overdue?.next).toMatch(
      /telah berlalu, jadi Meja Bantuan .*kini boleh menutup tiket ini tanpa pengesahan$/,
    );
  });
});
