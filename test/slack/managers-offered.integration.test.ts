import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { PEOPLE, type SlackWorld, startSlackWorld } from '../support/slack-world.ts';

// Section A's endorsing manager is picked from the managers mailops can reach. On a Slack-only installation a
// manager named only by a Teams id would never get the endorsement card, and the request would wait before
// SOP 4.1.1 step 3 for good: the form does not offer them.

const TEAMS_ONLY =
  '  - { id: lim, name: Lim Wei Ling, email: lim@agensi.gov.my, roles: [manager], teams: 0d1f6b1e-3c53-4a8e-9f0e-5a2b7c9d1e20 }\n';

describeEachDatabase('Slack: the managers Section A offers', (suite) => {
  let db: TestDatabase;
  let world: SlackWorld;
  beforeAll(async () => {
    db = await suite.create();
    world = await startSlackWorld(db, {
      configure: (yaml) => yaml.replace(/^people:\n/m, `people:\n${TEAMS_ONLY}`),
    });
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  it('offers the managers Slack reaches, not one named only by a Teams id', async () => {
    const opened = world.modals().length;
    await world.command(PEOPLE.aminah, '/changerequest', 'Tambah rakan.com.my');
    const modal = JSON.stringify(await world.modalAfter(opened));
    expect(modal).toContain('"value":"rahman"');
    expect(modal).not.toContain('"value":"lim"');
  });
});
