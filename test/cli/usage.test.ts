import { describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { runCli } from '../../src/cli/main.ts';
import { MINIMAL_YAML, writeConfig } from '../config/fixture.ts';

// What an operator sees from `mailops` before any database is involved: usage, argument errors, the
// variables table and the summary of the bundled demo configuration. Malay unless MAILOPS_DEFAULT_LOCALE
// says English; the expected words are written out here, not read from the catalog.

const EN = { MAILOPS_DEFAULT_LOCALE: 'en' };

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('mailops usage', () => {
  it('without arguments prints the usage in Malay, or in English when asked, and exits 2', async () => {
    const ms = await cli([]);
    expect(ms.code).toBe(2);
    expect(ms.out).toMatch(/^Penggunaan:/);
    expect(ms.out).toContain('mailops serve');
    expect(ms.out).toContain('Konfigurasi dibaca daripada pemboleh ubah persekitaran');
    const en = await cli([], EN);
    expect(en.code).toBe(2);
    expect(en.out).toMatch(/^Usage:/);
    expect(en.out).toContain('Configuration comes from the environment; see README.md.');
  });

  it('with --help lists every command with its summary and exits 0', async () => {
    const expected = [
      'serve',
      'db migrate',
      'db diff',
      'db prune',
      'config check',
      'tickets',
      'ticket',
      'mailtest',
      'checklist run',
      'checklist history',
      'audit verify',
      'outbox',
      'outbox retry',
    ];
    expect(COMMANDS.map((c) => c.name).sort()).toEqual([...expected].sort());
    for (const env of [{}, EN]) {
      const result = await cli(['--help'], env);
      expect(result.code).toBe(0);
      for (const name of expected)
        expect(result.out).toMatch(new RegExp(`^\\s+mailops ${name}\\b.* \\w+`, 'm'));
      expect(result.out).not.toContain('cli.');
    }
    const ms = (await cli(['--help'])).out;
    expect(ms).toMatch(/^\s+mailops tickets \[--state STATUS\] \[--kind cr\|ad\]\s+senaraikan tiket/m);
    expect(ms).toMatch(/^\s+mailops ticket <nombor>\s+seksyen borang dan garis masa bagi satu tiket$/m);
    expect(ms).toContain('semak rantaian hash audit');
    const en = (await cli(['--help'], EN)).out;
    expect(en).toMatch(
      /^\s+mailops tickets \[--state STATE\] \[--kind cr\|ad\]\s+list tickets, newest first$/m,
    );
    expect(en).toMatch(/^\s+mailops ticket <number>\s+one ticket's form sections and timeline$/m);
    expect(en).toContain('walk the audit hash chain');
  });

  it('refuses an unknown command with the usage on stderr and exit 2', async () => {
    const ms = await cli(['frobnicate']);
    expect(ms.code).toBe(2);
    expect(ms.err).toContain('mailops: arahan "frobnicate" tidak dikenali');
    expect(ms.err).toContain('Penggunaan:');
    const en = await cli(['frobnicate'], EN);
    expect(en.code).toBe(2);
    expect(en.err).toContain('unknown command "frobnicate"');
    expect(en.err).toContain('Usage:');
  });

  it('refuses a bad option with the command usage and exit 2, in both languages', async () => {
    const unknown = await cli(['tickets', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe(
      'mailops tickets: pilihan --colour tidak dikenali\npenggunaan: mailops tickets [--state STATUS] [--kind cr|ad]',
    );
    const unknownEn = await cli(['tickets', '--colour'], EN);
    expect(unknownEn.code).toBe(2);
    expect(unknownEn.err).toBe(
      'mailops tickets: unknown option --colour\nusage: mailops tickets [--state STATE] [--kind cr|ad]',
    );
    for (const args of [
      ['tickets', '--state'],
      ['tickets', '--state', '--kind', 'cr'],
    ]) {
      expect(await cli(args)).toMatchObject({
        code: 2,
        err: expect.stringContaining('--state memerlukan nilai'),
      });
      expect(await cli(args, EN)).toMatchObject({
        code: 2,
        err: expect.stringContaining('--state needs a value'),
      });
    }
    const flag = await cli(['config', 'check', '--variables=yes']);
    expect(flag).toMatchObject({ code: 2, err: expect.stringContaining('--variables tidak menerima nilai') });
    expect((await cli(['config', 'check', '--variables=yes'], EN)).err).toContain(
      '--variables does not take a value',
    );
  });

  it('speaks Malay when MAILOPS_DEFAULT_LOCALE is not a language it knows', async () => {
    expect((await cli([], { MAILOPS_DEFAULT_LOCALE: 'fr' })).out).toMatch(/^Penggunaan:/);
    expect((await cli([], { MAILOPS_DEFAULT_LOCALE: 'en-US' })).out).toMatch(/^Penggunaan:/);
  });
});

describe('mailops config check --variables', () => {
  it('prints a table of the environment variables, needing no environment', async () => {
    const result = await cli(['config', 'check', '--variables']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Pemboleh ubah\s+Nilai lalai\s+Maksud$/m);
    expect(result.out).toMatch(/^PORT\s+3978\s+TCP port/m);
    expect(result.out).toMatch(/^MAILOPS_DATA_DIR\s+\.\/data\s+/m);
    expect(result.out).toMatch(/^DATABASE_URL\s+-\s+.*\(rahsia\)$/m);
    expect(result.out).toMatch(/^MAILOPS_CONFIG\s+-\s+/m);
  });

  it('has English headers with MAILOPS_DEFAULT_LOCALE=en', async () => {
    const result = await cli(['config', 'check', '--variables'], EN);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Variable\s+Default\s+Meaning$/m);
    expect(result.out).toMatch(/^PORT\s+3978\s+TCP port/m);
    expect(result.out).toMatch(/^DATABASE_URL\s+-\s+.*\(secret\)$/m);
  });
});

describe('mailops config check', () => {
  it('with the bundled demo configuration exits 0, says it is the demo and shows who holds each role', async () => {
    const result = await cli(['config', 'check']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Konfigurasi sah');
    expect(result.out).toContain('mailops.sample.yaml (demo terbina dalam');
    expect(result.out).toContain('Pangkalan data: PGlite terbenam');
    expect(result.out).toContain('Sokongan pengurus: diwajibkan');
    expect(result.out).toMatch(/^Peranan\s+Orang$/m);
    expect(result.out).toMatch(/^Pemohon \(Pentadbir UC Agensi\)\s+aminah$/m);
    expect(result.out).toMatch(/^Pengurus \(penyokong permohonan\)\s+rahman$/m);
    expect(result.out).toMatch(/^Meja Bantuan\s+farah$/m);
    expect(result.out).toMatch(/^Pelulus\s+zulkifli, noraini$/m);
    expect(result.out).toMatch(/^Pusat Operasi Keselamatan \(SOC\)\s+hafiz, syafiqah$/m);
    expect(result.out).toMatch(/^Vendor\s+azlan$/m);
    expect(result.out).toMatch(/^Pentadbir sistem\s+salmah$/m);
    expect(result.out).toMatch(/^Platform\s+Tujuan\s+Saluran$/m);
    expect(result.out).toMatch(/^local\s+approvals\s+approvals$/m);
    expect(result.err).toMatch(/^1 amaran konfigurasi:$/m);
    expect(result.err).toContain('  - MAILOPS_CONFIG tidak ditetapkan: konfigurasi demo');
  });

  it('says the same in English with MAILOPS_DEFAULT_LOCALE=en', async () => {
    const result = await cli(['config', 'check'], EN);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Configuration OK');
    expect(result.out).toContain('mailops.sample.yaml (bundled demo');
    expect(result.out).toContain('Database: embedded PGlite');
    expect(result.out).toContain('Manager endorsement: required');
    expect(result.out).toMatch(/^Role\s+People$/m);
    expect(result.out).toMatch(/^Requester \(agency UC administrator\)\s+aminah$/m);
    expect(result.out).toMatch(/^Manager \(endorses the request\)\s+rahman$/m);
    expect(result.out).toMatch(/^Service desk\s+farah$/m);
    expect(result.out).toMatch(/^Approver\s+zulkifli, noraini$/m);
    expect(result.out).toMatch(/^Security operations centre \(SOC\)\s+hafiz, syafiqah$/m);
    expect(result.out).toMatch(/^Vendor\s+azlan$/m);
    expect(result.out).toMatch(/^Administrator\s+salmah$/m);
    expect(result.out).toMatch(/^Platform\s+Purpose\s+Channel$/m);
    expect(result.out).toMatch(/^local\s+approvals\s+approvals$/m);
    expect(result.err).toMatch(/^1 configuration warning\(s\):$/m);
    expect(result.err).toContain('  - MAILOPS_CONFIG is not set');
  });

  it('lists the problems, heading and lines alike, in the language asked for', async () => {
    const ms = await cli(['config', 'check'], { PORT: '70000' });
    expect(ms.code).toBe(1);
    expect(ms.err).toBe('Konfigurasi tidak sah: 1 masalah.\n  - env PORT: mesti 1–65535');
    const en = await cli(['config', 'check'], { ...EN, PORT: '70000' });
    expect(en.code).toBe(1);
    expect(en.err).toBe('The configuration is invalid: 1 problem(s).\n  - env PORT: must be 1–65535');
  });

  it('prints the warnings of a file that loads in the language asked for', async () => {
    const yaml = MINIMAL_YAML.replace('2026-08-31', '2020-08-31').replace(
      'roles: [vendor]',
      'roles: [requester]',
    );
    const env = { MAILOPS_CONFIG: writeConfig(yaml) };
    const ms = await cli(['config', 'check'], env);
    expect(ms.code).toBe(0);
    expect(ms.err).toContain(
      '  - people: tiada sesiapa yang memegang peranan vendor (eskalasi vendor hanya akan sampai ke saluran vendor)',
    );
    expect(ms.err).toMatch(/^ {2}- calendar\.holidays: tiada cuti umum bagi tahun \d{4};/m);
    const en = await cli(['config', 'check'], { ...env, ...EN });
    expect(en.err).toContain(
      '  - people: nobody has the vendor role (vendor escalations will reach only the vendor channel)',
    );
    expect(en.err).toMatch(/^ {2}- calendar\.holidays: no holiday in \d{4};/m);
  });
});

describe('mailops config check in production', () => {
  it('lists the demo file and the missing chat credentials that serve would refuse, exit 1', async () => {
    const sample = new URL('../../config/mailops.sample.yaml', import.meta.url).pathname;
    const result = await cli(['config', 'check'], { ...EN, NODE_ENV: 'production', MAILOPS_CONFIG: sample });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^The configuration is invalid: 2 problem\(s\)\.$/m);
    expect(result.err).toContain('is the bundled demo configuration; NODE_ENV=production needs');
    expect(result.err).toContain('credentials: the local playground is refused in production');
  });
});

describe('a command that needs the configuration', () => {
  it('stops at an invalid one with exit 1, the code and what to do next', async () => {
    const ms = await cli(['tickets'], { PORT: '70000' });
    expect(ms.code).toBe(1);
    expect(ms.err).toContain(
      'mailops: konfigurasi tidak sah (1 masalah):\n  - env PORT: mesti 1–65535 [MO-CFG-001]',
    );
    expect(ms.err).toContain('\n  → betulkan setiap masalah yang disenaraikan');
    const en = await cli(['tickets'], { ...EN, PORT: '70000' });
    expect(en.code).toBe(1);
    expect(en.err).toContain('mailops: the configuration is invalid (1 problem(s)):');
    expect(en.err).toContain('\n  → fix every problem listed, then run `mailops config check` again');
  });
});

describe('mailops db diff', () => {
  it('without a migration name exits 2 (a usage error) and says how to call it', async () => {
    const ms = await cli(['db', 'diff']);
    expect(ms.code).toBe(2);
    expect(ms.err).toContain('db diff memerlukan nama migrasi');
    expect(ms.err).toContain('mailops db diff add sla notices');
    expect(ms.err).toContain('[MO-CLI-001]');
    expect(ms.out).toBe('');
    const en = await cli(['db', 'diff'], EN);
    expect(en.code).toBe(2);
    expect(en.err).toContain('db diff needs a name');
    expect(en.err).toContain('mailops db diff add sla notices');
    expect(en.err).toContain('[MO-CLI-001]');
  });
});

describe('mailops checklist run', () => {
  it('is listed with its usage and summary in both languages', async () => {
    expect((await cli(['--help'])).out).toMatch(
      /^\s+mailops checklist run \[--domain DOMAIN\]\s+jalankan senarai semak harian e-mel sekarang/m,
    );
    expect((await cli(['--help'], EN)).out).toMatch(
      /^\s+mailops checklist run \[--domain DOMAIN\]\s+run the daily e-mail checklist now/m,
    );
  });

  it('refuses a word it does not take, an unknown option and a missing domain with exit 2', async () => {
    const extra = await cli(['checklist', 'run', 'agensi.gov.my'], EN);
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('does not take "agensi.gov.my": pick one domain with --domain DOMAIN');
    const unknown = await cli(['checklist', 'run', '--all']);
    expect(unknown).toMatchObject({ code: 2, err: expect.stringContaining('pilihan --all tidak dikenali') });
    const missing = await cli(['checklist', 'run', '--domain'], EN);
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('--domain needs a value') });
  });

  it('refuses a domain that is not monitored with exit 2 and names the monitored ones', async () => {
    const result = await cli(['checklist', 'run', '--domain', 'Agensi.gov.my.'], EN);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      'agensi.gov.my is not a monitored domain (delivery.domains in the configuration)',
    );
  });

  it('lists checklist history with its usage and summary in both languages', async () => {
    expect((await cli(['--help'])).out).toMatch(
      /^\s+mailops checklist history \[--limit N\]\s+senarai semak harian e-mel yang lalu/m,
    );
    expect((await cli(['--help'], EN)).out).toMatch(
      /^\s+mailops checklist history \[--limit N\]\s+past daily e-mail checklists/m,
    );
    expect(await cli(['checklist', 'history', '--limit', 'many'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--limit mesti nombor bulat 1–1000, bukan "many"'),
    });
  });

  it('says there is nothing to check when no domain is monitored, with exit 1', async () => {
    const result = await cli(['checklist', 'run']);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'Tiada domain dipantau: tambah domain di bawah delivery.domains dalam fail konfigurasi.',
    );
  });
});

describe('mailops mailtest', () => {
  it('refuses a second domain or a stray word instead of testing only the first, with exit 2', async () => {
    const two = await cli(['mailtest', 'a.gov.my', 'b.gov.my', '--json'], EN);
    expect(two).toMatchObject({ code: 2, out: '' });
    expect(two.err).toContain('mailops mailtest tests one domain at a time; "b.gov.my" was not understood.');
    for (const args of [
      ['mailtest', '--history', 'a.gov.my', 'b.gov.my'],
      ['mailtest', 'a.gov.my', '--history', 'b.gov.my'],
    ]) {
      const history = await cli(args, EN);
      expect(history, args.join(' ')).toMatchObject({ code: 2, out: '' });
      expect(history.err).toMatch(/"(a|b)\.gov\.my" was not understood/);
    }
    const stray = await cli(['mailtest', 'a.gov.my', 'delivery']);
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('"delivery" tidak difahami');
  });

  it('refuses a --dns value the resolver could not take, with exit 2 and no stack', async () => {
    for (const value of ['999.1.1.1', '127.0.0.1:99999', '127.0.0.1:0', 'ns1.agensi.gov.my']) {
      const result = await cli(['mailtest', 'agensi.gov.my', '--dns', value], EN);
      expect(result, value).toMatchObject({ code: 2, out: '' });
      expect(result.err).toContain(
        `--dns needs an IP address with an optional port, e.g. 127.0.0.1:5353 (given: ${value})`,
      );
    }
  });
});

describe('a failure mailops did not expect', () => {
  it('prints a reference and logs the error under the same reference, for the operator to look up', async () => {
    const command = COMMANDS.find((c) => c.name === 'tickets')!;
    const spy = vi.spyOn(command, 'run').mockRejectedValue(new TypeError('boom\nsecond line'));
    try {
      const result = await cli(['tickets'], EN);
      expect(result.code).toBe(1);
      const [printed, logged] = result.err.split('\n');
      const reference = /^mailops: unexpected failure \(reference (\w{8})\): boom$/.exec(printed ?? '')?.[1];
      expect(reference).toBeDefined();
      expect(JSON.parse(logged ?? '')).toMatchObject({
        level: 'error',
        msg: 'mailops command failed',
        reference,
        command: 'tickets',
        error: { name: 'TypeError', message: 'boom\nsecond line' },
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('prints the first line that says something when the message starts with blank lines', async () => {
    const command = COMMANDS.find((c) => c.name === 'tickets')!;
    // The shape of a Prisma client error: a newline first, then the call, then the reason.
    const prisma = new Error(
      '\n  \nInvalid `prisma.ticket.findMany()` invocation:\n\n\nThe table does not exist',
    );
    const spy = vi.spyOn(command, 'run').mockRejectedValue(prisma);
    try {
      const printed = (await cli(['tickets'], EN)).err.split('\n')[0];
      expect(printed).toMatch(
        /^mailops: unexpected failure \(reference \w{8}\): Invalid `prisma\.ticket\.findMany\(\)` invocation:$/,
      );
    } finally {
      spy.mockRestore();
    }
  });
});
