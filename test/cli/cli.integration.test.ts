import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { writeConfig } from '../config/fixture.ts';
import { VALID } from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness } from '../support/harness.ts';

// The operator CLI as an operator runs it: exit codes, one-line errors without stack traces or secrets,
// and reports read from a real database.

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { MAILOPS_LOG_LEVEL: 'error', ...env },
    isTty: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

it('lists every problem of an invalid configuration file and exits non-zero', async () => {
  const path = writeConfig(`
people:
  - { id: Bad Id, name: '', email: not-an-email, roles: [approver, wizard] }
channels:
  slack: { approver: C123 }
scheduler: { escalation_cron: 'every five minutes' }
`);
  const result = await cli(['config', 'check'], { MAILOPS_CONFIG: path, PORT: '70000' });
  expect(result.code).toBe(1);
  for (const expected of [
    'PORT',
    'people[0].id',
    'people[0].email',
    'people[0].roles',
    'channels.slack',
    'escalation_cron',
  ]) {
    expect(result.err).toContain(expected);
  }
});

it('explains an unreachable database in one line, without a stack trace or the password', async () => {
  const result = await cli(['tickets'], {
    DATABASE_URL: 'postgresql://mailops:s3cretpw@127.0.0.1:1/mailops',
  });
  expect(result.code).toBe(1);
  expect(result.err).toMatch(/\[MO-DB-001\]/);
  expect(result.err).toContain('127.0.0.1:1');
  expect(result.err).not.toContain('s3cretpw');
  expect(result.err).not.toMatch(/\n\s+at /);
});

it('refuses unknown commands and bad arguments with usage, exit 2', async () => {
  expect((await cli(['frobnicate'], {})).code).toBe(2);
  const badKind = await cli(['tickets', '--kind', 'zz'], {});
  expect(badKind).toMatchObject({ code: 1 });
  expect(badKind.err).toContain('unknown kind "zz"');
  expect((await cli(['ticket'], {})).err).toContain('ticket needs one ticket number');
  expect((await cli(['tickets', '--colour'], {})).code).toBe(2);
});

describeEachDatabase('mailops CLI', (suite) => {
  const db = useTestDatabase(() => suite.create());
  const env = (): Record<string, string> =>
    suite.kind === 'postgres' ? { DATABASE_URL: db().location } : { MAILOPS_DATA_DIR: db().location };

  it('lists tickets, shows one with its sections and timeline, and verifies the audit chain', async () => {
    const h = createHarness(db());
    const opened = await h.tickets.submit(
      VALID.submit_change_request,
      h.actorFor('submit_change_request'),
      'cli-1',
    );
    if (opened.status !== 'applied') throw new Error('submit');
    await h.tickets.act(opened.ticket.number, VALID.endorse, h.actorFor('endorse'), 'cli-2');
    await h.tickets.act(opened.ticket.number, VALID.reject, h.actorFor('reject'), 'cli-3');
    // PGlite serves one process: the harness's connection must be closed before the CLI opens the folder.
    if (suite.kind === 'pglite') await db().close();

    const list = await cli(['tickets', '--kind', 'cr'], env());
    expect(list.code).toBe(0);
    expect(list.out).toContain(opened.ticket.number);
    expect(list.out).toContain('Tidak diluluskan');

    const one = await cli(['ticket', opened.ticket.number.toLowerCase()], env());
    expect(one.code).toBe(0);
    for (const part of [
      'Section A',
      'Section C',
      'Domain rakan kongsi belum disahkan',
      '(SOP 4.1/5)',
      'Timeline',
    ]) {
      expect(one.out).toContain(part);
    }
    expect((await cli(['ticket', 'CR-2020-000001'], env())).err).toContain('no ticket CR-2020-000001');

    const verified = await cli(['audit', 'verify'], env());
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toMatch(/Audit chain intact: 3 events/);
  });

  it('makes `audit verify` fail and name the one tampered audit row', async () => {
    // The previous test closed the embedded database for the CLI; open the folder again to tamper with it.
    const handle =
      suite.kind === 'pglite'
        ? await openDatabase({ dataDir: db().location, logger: createMemoryLogger() })
        : db();
    const [, second] = await handle.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    if (!second) throw new Error('expected audit events from the previous test');
    await handle.prisma
      .$executeRaw`UPDATE audit_events SET data = jsonb_set(data, '{actorName}', '"Orang Lain"') WHERE seq = ${second.seq}`;
    if (suite.kind === 'pglite') await handle.close();
    const broken = await cli(['audit', 'verify'], env());
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`BROKEN at event #${second.seq}`);
    expect(broken.err).toContain('1 events before it verified');
  });
});
