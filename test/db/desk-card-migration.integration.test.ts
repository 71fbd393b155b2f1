import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/migrate.ts';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/db/migrations-dir.ts';
import { describeEachDatabase, type TestDatabase, tempDir } from '../support/databases.ts';

// A database in use before the desk's copy of a ticket's card had a kind of its own: its copies posted to the
// desk's channel, and a post still waiting in the outbox, become the desk's kind when mailops is upgraded; the
// requester's copy in their own chat stays the requester's.

const MIGRATION = '20261129180000_desk_card';
const TICKET = '00000000-0000-4000-8000-000000000001';

const copies: string[] = [];
let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.cleanup();
  db = undefined;
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function migrationsBefore(name: string): string {
  const dir = tempDir('migrations');
  copies.push(dir);
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  rmSync(join(dir, name), { recursive: true });
  return dir;
}

const post = (card: string, to: object) => JSON.stringify({ kind: 'card.post', card, to, locale: 'ms' });

describeEachDatabase('the desk card migration', (suite) => {
  it("turns the desk's posted and waiting copies into the desk's kind and leaves the requester's alone", async () => {
    db = await suite.create({ migrate: false });
    await applyMigrations(db, { migrationsDir: migrationsBefore(MIGRATION) });
    const sql = (text: string, ...values: unknown[]) => db!.prisma.$executeRawUnsafe(text, ...values);
    await sql(
      `INSERT INTO tickets (id, kind, number, year, seq, state, title, requester_id, requester_name, updated_at)
       VALUES ($1::uuid, 'complaint', 'AD-2026-000001', 2026, 1, 'investigating', 't', 'aminah', 'Aminah', now())`,
      TICKET,
    );
    const outbox = [
      ['slack', post('ticket', { kind: 'user', user: 'U0AMINAH' }), 'sent', 'm-dm'],
      ['slack', post('ticket', { kind: 'channel', channel: 'C0DESK' }), 'sent', 'm-desk'],
      ['teams', post('ticket', { kind: 'channel', channel: '19:desk' }), 'pending', null],
      ['teams', post('ticket', { kind: 'user', user: 'aad-aminah' }), 'pending', null],
      ['slack', post('soc', { kind: 'channel', channel: 'C0SOC' }), 'sent', 'm-soc'],
    ] as const;
    for (const [platform, payload, status, messageId] of outbox)
      await sql(
        `INSERT INTO outbox_messages (id, ticket_id, platform, kind, payload, status, platform_message_id)
         VALUES (gen_random_uuid(), $1::uuid, $2, 'card.post', $3::jsonb, $4, $5)`,
        TICKET,
        platform,
        payload,
        status,
        messageId,
      );
    for (const [card, channel, messageId] of [
      ['ticket', 'D0AMINAH', 'm-dm'],
      ['ticket', 'C0DESK', 'm-desk'],
      ['soc', 'C0SOC', 'm-soc'],
      // Opened from App Home: no post in the outbox, so nothing says whose it is and it is left as it was.
      ['ticket', 'D0FARAH', 'm-home'],
    ])
      await sql(
        `INSERT INTO posted_cards (id, ticket_id, card, platform, channel, message_id, updated_at)
         VALUES (gen_random_uuid(), $1::uuid, $2, 'slack', $3, $4, now())`,
        TICKET,
        card,
        channel,
        messageId,
      );

    expect(await applyMigrations(db, {})).toEqual([MIGRATION]);
    const cards = await db.prisma.postedCard.findMany({ orderBy: { messageId: 'asc' } });
    expect(cards.map((c) => [c.messageId, c.card])).toEqual([
      ['m-desk', 'desk'],
      ['m-dm', 'ticket'],
      ['m-home', 'ticket'],
      ['m-soc', 'soc'],
    ]);
    const rows = await db.prisma.outboxMessage.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.map((r) => (r.payload as { card: string }).card)).toEqual([
      'ticket',
      // Already delivered: its posted card above is what later refreshes read.
      'ticket',
      'desk',
      'ticket',
      'soc',
    ]);
  });
});
