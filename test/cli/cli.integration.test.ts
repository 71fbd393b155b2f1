import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createInvestigationWorker } from '../../src/investigation/worker.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { writeConfig } from '../config/fixture.ts';
import { VALID } from '../flows/fixtures.ts';
import { AFTER_PARTLY, BEFORE, fakeChecks } from '../investigation/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness } from '../support/harness.ts';
import { cli, EN } from './run-cli.ts';

// The operator CLI as an operator runs it: exit codes, one-line errors without stack traces or secrets,
// and reports read from a real database, in Malay by default and in English with MAILOPS_DEFAULT_LOCALE=en
// (the expected words are written out here, not read from the catalog).

it('lists every problem of an invalid configuration file and exits non-zero', async () => {
  const path = writeConfig(`
people:
  - { id: Bad Id, name: '', email: not-an-email, roles: [approver, wizard] }
channels:
  slack: { approver: C123 }
scheduler: { escalation_cron: 'every five minutes' }
`);
  const env = { MAILOPS_CONFIG: path, PORT: '70000' };
  const ms = await cli(['config', 'check'], env);
  const en = await cli(['config', 'check'], { ...env, ...EN });
  expect(ms.err).toMatch(/^Konfigurasi tidak sah: \d+ masalah\.$/m);
  expect(en.err).toMatch(/^The configuration is invalid: \d+ problem\(s\)\.$/m);
  for (const result of [ms, en]) {
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
  }
  // The lines themselves, not only the heading, are in the language asked for.
  expect(ms.err).toContain('  - people[0].email: alamat e-mel tidak sah');
  expect(ms.err).toContain(
    '  - channels.slack.approver: kunci tidak dikenali (adakah maksud anda "approvals"?)',
  );
  expect(en.err).toContain('  - people[0].email: invalid e-mail');
  expect(en.err).toContain('  - channels.slack.approver: unknown key (did you mean "approvals"?)');
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
  expect(badKind).toMatchObject({ code: 2 });
  expect(badKind.err).toContain(
    'jenis "zz" tidak dikenali; pilih salah satu: cr, change_request, ad, complaint',
  );
  const badKindEn = await cli(['tickets', '--kind', 'zz'], EN);
  expect(badKindEn).toMatchObject({ code: 2 });
  expect(badKindEn.err).toContain('unknown kind "zz"; one of: cr, change_request, ad, complaint');
  const badState = await cli(['tickets', '--state', 'lost'], {});
  expect(badState.err).toMatch(
    /status "lost" tidak dikenali; pilih salah satu: .*awaiting_approval.*investigating/,
  );
  expect((await cli(['tickets', '--state', 'lost'], EN)).err).toMatch(
    /unknown state "lost"; one of: .*closed/,
  );
  expect((await cli(['ticket'], {})).err).toContain('ticket memerlukan satu nombor tiket');
  expect((await cli(['ticket'], EN)).err).toContain('ticket needs one ticket number');
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
    // The manager is late: the bot reminds him, an event whose actor is mailops itself.
    h.clock.advance(3 * 24 * 3600_000);
    await h.escalate();
    await h.tickets.act(opened.ticket.number, VALID.endorse, h.actorFor('endorse'), 'cli-2');
    await h.tickets.act(opened.ticket.number, VALID.reject, h.actorFor('reject'), 'cli-3');
    // PGlite serves one process: the harness's connection must be closed before the CLI opens the folder.
    if (suite.kind === 'pglite') await db().close();

    const migrated = await cli(['db', 'migrate'], env());
    expect(migrated).toMatchObject({ code: 0, out: 'Pangkalan data sudah terkini.' });
    expect(await cli(['db', 'migrate'], { ...env(), ...EN })).toMatchObject({
      code: 0,
      out: 'The database is up to date.',
    });

    const list = await cli(['tickets', '--kind', 'cr'], env());
    expect(list.code).toBe(0);
    expect(list.out).toMatch(
      /^Tiket\s+Status\s+Menunggu tindakan\s+Pemohon\s+Dibuka\s+Tarikh akhir SLA\s+Tajuk$/m,
    );
    // Rejected: nobody is waited for.
    expect(list.out).toMatch(new RegExp(`^${opened.ticket.number}\\s+Tidak diluluskan\\s+-\\s`, 'm'));
    expect(list.out).toContain(opened.ticket.number);
    expect(list.out).toContain('Tidak diluluskan');
    const listEn = await cli(['tickets', '--kind', 'cr'], { ...env(), ...EN });
    expect(listEn.out).toMatch(/^Ticket\s+State\s+Waiting for\s+Requester\s+Opened\s+SLA due\s+Title$/m);
    expect(listEn.out).toContain(opened.ticket.number);
    expect(listEn.out).toContain('Not approved');
    expect((await cli(['tickets', '--state', 'closed'], env())).out).toBe('Tiada tiket.');
    expect((await cli(['tickets', '--state', 'closed'], { ...env(), ...EN })).out).toBe('No tickets.');

    const one = await cli(['ticket', opened.ticket.number.toLowerCase()], env());
    expect(one.code).toBe(0);
    for (const part of [
      'Seksyen A: Permohonan Perubahan',
      '  Keterangan perubahan: ',
      'Seksyen C: Pelulus',
      ': Tidak, diputuskan pada ',
      'Domain rakan kongsi belum disahkan',
      '(SOP 4.1/5)',
      'Garis masa',
      'Tidak diluluskan (Seksyen C)',
    ]) {
      expect(one.out).toContain(part);
    }
    expect(one.out).toMatch(/Peringatan SLA dihantar.*mailops|mailops.*Peringatan SLA dihantar/);
    // Rejected: nobody has anything left to do.
    expect(one.out).not.toContain('Menunggu tindakan');
    expect(one.out).not.toMatch(/\bsystem\b/);
    expect(one.out).not.toMatch(/Section|Timeline|Requester|Description/);
    const oneEn = await cli(['ticket', opened.ticket.number], { ...env(), ...EN });
    expect(oneEn.code).toBe(0);
    for (const part of [
      'Section A: Change Request',
      '  Description: ',
      'Section C: Approver',
      ': No at ',
      'Domain rakan kongsi belum disahkan',
      '(SOP 4.1/5)',
      'Timeline',
      'Rejected (Section C)',
    ]) {
      expect(oneEn.out).toContain(part);
    }
    expect(oneEn.out).not.toMatch(/Seksyen|Garis masa|Pemohon:/);

    const missing = await cli(['ticket', 'CR-2020-000001'], env());
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('tiket CR-2020-000001 tidak ditemui');
    expect((await cli(['ticket', 'CR-2020-000001'], { ...env(), ...EN })).err).toContain(
      'no ticket CR-2020-000001',
    );

    const verified = await cli(['audit', 'verify'], env());
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toMatch(/Rantaian audit utuh: 5 peristiwa/);
    const verifiedEn = await cli(['audit', 'verify'], { ...env(), ...EN });
    expect(verifiedEn).toMatchObject({ code: 0 });
    expect(verifiedEn.out).toMatch(/Audit chain intact: 5 events/);
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
    expect(broken.err).toContain(
      `Rantaian audit ROSAK pada peristiwa #${second.seq}: kandungannya tidak sepadan dengan hashnya`,
    );
    expect(broken.err).toContain('1 peristiwa sebelumnya telah disahkan');
    const brokenEn = await cli(['audit', 'verify'], { ...env(), ...EN });
    expect(brokenEn.code).toBe(1);
    expect(brokenEn.err).toContain(`BROKEN at event #${second.seq}: its content does not match its hash`);
    expect(brokenEn.err).toContain('1 events before it verified');
  });

  it('shows the checks the bot made of a complaint: its investigation and the re-check against it', async () => {
    const handle =
      suite.kind === 'pglite'
        ? await openDatabase({ dataDir: db().location, logger: createMemoryLogger() })
        : db();
    const h = createHarness({ ...db(), prisma: handle.prisma });
    const fake = fakeChecks((_input, call) => (call === 1 ? BEFORE : AFTER_PARTLY));
    const worker = createInvestigationWorker({
      db: handle.prisma,
      tickets: h.tickets,
      checks: fake.checks,
      clock: h.clock,
      logger: h.logger,
    });
    const opened = await h.tickets.submit(VALID.submit_complaint, h.actorFor('submit_complaint'), 'cli-ad-1');
    if (opened.status !== 'applied') throw new Error('submit');
    await worker.runOnce();
    await h.tickets.act(opened.ticket.id, VALID.mark_resolved, h.actorFor('mark_resolved'), 'cli-ad-2');
    await worker.runOnce();
    if (suite.kind === 'pglite') await handle.close();

    const ms = await cli(['ticket', opened.ticket.number], env());
    expect(ms.code).toBe(0);
    expect(ms.out).toContain('Semakan oleh mailops (SOP 4.2 langkah 3)');
    // Who must act next, as the cards say it: the requester, asked to test, by a deadline now past (the
    // harness's clock is in 2025), so the desk may close it.
    const requester = h.actorFor('submit_complaint').name;
    const listed = await cli(['tickets', '--kind', 'ad'], { ...env(), ...EN });
    expect(listed.out).toMatch(
      new RegExp(`^${opened.ticket.number}\\s+Awaiting the requester's confirmation\\s+${requester}\\s`, 'm'),
    );
    expect(ms.out.split('\n')[3]).toMatch(
      new RegExp(
        `^Menunggu tindakan ${requester}; tarikh akhir .+ \\(MYT\\) telah berlalu, jadi Meja Bantuan`,
      ),
    );
    expect(ms.out).toMatch(/ {2}Siasatan, .+ \(\w{8}\): [1-9]\d* gagal · \d+ amaran · .+ · \d+ lulus/);
    expect(ms.out).toMatch(
      / {2}Semakan semula, .+\n {4}berbanding sebelumnya: 1 dibaiki · 1 masih gagal · 1 masalah baharu/,
    );
    const en = await cli(['ticket', opened.ticket.number], { ...env(), ...EN });
    expect(en.out).toContain('Checks by mailops (SOP 4.2 step 3)');
    expect(en.out).toContain('against before: 1 fixed · 1 still failing · 1 new problems');
  });

  it('lists the daily checklist fires: late, by hand, failed, interrupted by a crash, under way', async () => {
    expect(await cli(['checklist', 'history'], { ...env(), ...EN })).toMatchObject({
      code: 0,
      out: 'The daily checklist has never run.',
    });
    const handle =
      suite.kind === 'pglite'
        ? await openDatabase({ dataDir: db().location, logger: createMemoryLogger() })
        : db();
    const fire = (task: string, fireAt: string, started: string, fields: Record<string, unknown>) =>
      handle.prisma.schedulerRun.create({
        data: {
          task,
          fireAt: new Date(fireAt),
          startedAt: new Date(started),
          owner: 'replica-a',
          status: 'ok',
          ...fields,
        },
      });
    const counts = { domains: 3, failed: 1, couldNotRun: 0, ticketsOpened: 1, ticketsUpdated: 0, runIds: [] };
    const daily = 'daily-checklist@30 7 * * *';
    // 07:30 Malaysia time is 23:30 UTC the day before.
    await fire(daily, '2026-11-23T23:30:00Z', '2026-11-23T23:30:00.2Z', { result: counts });
    await fire(daily, '2026-11-24T23:30:00Z', '2026-11-25T00:40:00Z', { result: counts, owner: 'replica-b' });
    await fire('daily-checklist@manual', '2026-11-25T02:00:00Z', '2026-11-25T02:00:00Z', {
      status: 'failed',
      result: { error: 'relation "mailtest_runs" is locked' },
    });
    await fire(daily, '2026-11-25T23:30:00Z', '2026-11-25T23:30:00Z', {
      status: 'running',
      leaseUntil: new Date('2026-11-25T23:32:00Z'),
    });
    await fire(daily, '2026-11-26T23:30:00Z', '2026-11-26T23:31:00Z', {
      status: 'running',
      attempts: 2,
      leaseUntil: new Date(Date.now() + 3_600_000),
    });
    await fire('escalate-overdue', '2026-11-26T23:35:00Z', '2026-11-26T23:35:00Z', {});
    if (suite.kind === 'pglite') await handle.close();

    const ms = await cli(['checklist', 'history'], env());
    expect(ms.code).toBe(0);
    const lines = ms.out.split('\n');
    expect(lines[0]).toMatch(/^Dijadualkan\s+Jadual\s+Status\s+Bermula\s+Replika\s+Cubaan\s+Dapatan$/);
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(/^27 Nov 2026, 7:30 PG \(MYT\)\s+30 7 \* \* \*\s+sedang berjalan\s+.*\s+2\s*$/),
      expect.stringMatching(
        /^26 Nov 2026, 7:30 PG \(MYT\)\s+30 7 \* \* \*\s+terputus: replikanya terhenti sebelum selesai\s/,
      ),
      expect.stringMatching(
        /^25 Nov 2026, 10:00 PG \(MYT\)\s+manual\s+ralat\s+.*relation "mailtest_runs" is locked$/,
      ),
      expect.stringMatching(
        /^25 Nov 2026, 7:30 PG \(MYT\)\s+30 7 \* \* \*\s+selesai\s+25 Nov 2026, 8:40 PG \(MYT\) \(lewat 70 min\)\s+replica-b\s+1\s+3 domain: 1 gagal, 0 tidak dapat dijalankan · aduan: 1 dibuka, 0 ditambah$/,
      ),
      expect.stringMatching(
        /^24 Nov 2026, 7:30 PG \(MYT\)\s+30 7 \* \* \*\s+selesai\s+24 Nov 2026, 7:30 PG \(MYT\)\s+replica-a/,
      ),
    ]);
    const en = await cli(['checklist', 'history', '--limit', '2'], { ...env(), ...EN });
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^Due\s+Schedule\s+Status\s+Started\s+Replica\s+Attempt\s+Found$/m);
    expect(en.out.split('\n')).toHaveLength(4);
    expect(en.out).toContain('interrupted: its replica stopped before finishing');
    expect(en.out).not.toContain('escalate');

    expect(await cli(['checklist', 'history', '--limit', '0'], EN)).toMatchObject({
      code: 2,
      err: expect.stringContaining('--limit must be a whole number 1–1000, not "0"'),
    });
    expect(await cli(['checklist', 'history', 'today'], {})).toMatchObject({
      code: 2,
      err: expect.stringContaining('mailops checklist history tidak menerima "today"'),
    });
  });

  it('counts with `db prune --dry-run` what is past its retention, then deletes it with `db prune`', async () => {
    const handle =
      suite.kind === 'pglite'
        ? await openDatabase({ dataDir: db().location, logger: createMemoryLogger() })
        : db();
    const longAgo = new Date(Date.now() - 500 * 86_400_000);
    await handle.prisma.mailtestRun.create({
      data: {
        domain: 'lama.gov.my',
        requestedBy: 'cli:root',
        requestedByName: 'root',
        via: 'cli',
        startedAt: longAgo,
        status: 'done',
      },
    });
    await handle.prisma.outboxMessage.create({
      data: {
        platform: 'slack',
        kind: 'text',
        payload: {},
        status: 'sent',
        createdAt: longAgo,
        sentAt: longAgo,
      },
    });
    if (suite.kind === 'pglite') await handle.close();

    const counted = await cli(['db', 'prune', '--dry-run'], env());
    expect(counted.code).toBe(0);
    const rows = counted.out.split('\n');
    expect(rows[0]).toMatch(/^Rekod\s+Lebih lama daripada\s+Akan dipadam$/);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Larian \/mailtest tanpa tiket\s+.+ \(MYT\)\s+1$/),
        expect.stringMatching(/^Mesej sembang yang telah dihantar\s+.+ \(MYT\)\s+1$/),
        'Tiada apa-apa dipadam (--dry-run).',
      ]),
    );
    const deleted = await cli(['db', 'prune'], { ...env(), ...EN });
    expect(deleted.code).toBe(0);
    expect(deleted.out).toMatch(/^Records\s+Older than\s+Deleted\n/);
    expect(deleted.out).toMatch(/\/mailtest runs with no ticket\s+.+\s+1\n/);
    expect(deleted.out).toContain('Tickets, what is attached to them and the audit trail are never deleted.');
    // The embedded database has no autovacuum: the command gives the space back; PostgreSQL does it itself.
    const vacuumed = /given back \(VACUUM of the embedded database\): \d+\.\d MB before, \d+\.\d MB now\.$/m;
    if (suite.kind === 'pglite') expect(deleted.out).toMatch(vacuumed);
    else expect(deleted.out).not.toContain('VACUUM');
    expect((await cli(['db', 'prune', '--dry-run'], { ...env(), ...EN })).out).toMatch(
      /\/mailtest runs with no ticket\s+.+\s+0\n/,
    );
    expect((await cli(['tickets'], { ...env(), ...EN })).out).not.toBe('No tickets.');
  });
});
