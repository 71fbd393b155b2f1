import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { cli, EN } from './run-cli.ts';

// Help at every level (`mailops -h`, `mailops db --help`, `mailops tickets -h`, `mailops help ticket`) and the
// refusal of words a command does not take, before any configuration or database is read. The expected words
// are written out here, not read from the catalog.

describe('mailops help', () => {
  it('answers -h, --help and help with every command, exit 0', async () => {
    for (const args of [['-h'], ['--help'], ['help']]) {
      const result = await cli(args, EN);
      expect(result, args.join(' ')).toMatchObject({ code: 0, err: '' });
      expect(result.out).toMatch(/^Usage:\n {2}mailops serve /);
      expect(result.out).toContain('  mailops outbox retry [id…]');
    }
  });

  it("answers a command's --help or -h with its usage line and summary, whatever else is typed", async () => {
    for (const args of [
      ['tickets', '--help'],
      ['tickets', '-h'],
      ['tickets', '--state', 'closed', '--help'],
      ['help', 'tickets'],
    ]) {
      expect(await cli(args, EN), args.join(' ')).toEqual({
        code: 0,
        out: 'usage: mailops tickets [--state STATE] [--kind cr|ad]\n  list tickets, newest first',
        err: '',
      });
    }
    expect(await cli(['ticket', '--help'], {})).toEqual({
      code: 0,
      out: 'penggunaan: mailops ticket <nombor>\n  seksyen borang dan garis masa bagi satu tiket',
      err: '',
    });
    expect(await cli(['db', 'diff', '-h'], EN)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^usage: mailops db diff <name>\n {2}write the next migration/),
    });
  });

  it('gives every command its own help', async () => {
    for (const command of COMMANDS) {
      const result = await cli([...command.name.split(' '), '--help'], EN);
      expect(result, command.name).toMatchObject({ code: 0, err: '' });
      expect(result.out).toMatch(new RegExp(`^usage: mailops ${command.name}\\b.*\\n {2}\\S`));
    }
  });

  it('answers a word that starts several commands with those commands', async () => {
    const db = await cli(['db', '--help'], EN);
    expect(db.code).toBe(0);
    expect(db.out.split('\n')).toEqual([
      'Usage:',
      expect.stringMatching(/^ {2}mailops db migrate\s+apply the committed migrations/),
      expect.stringMatching(/^ {2}mailops db diff <name>\s+write the next migration/),
      expect.stringMatching(/^ {2}mailops db prune \[--dry-run\]\s+delete now what is past its retention/),
    ]);
    expect((await cli(['help', 'checklist'], {})).out).toMatch(
      /^Penggunaan:\n {2}mailops checklist run .*\n {2}mailops checklist history /,
    );
  });

  it("lists, under a command's own help, the commands whose names start with it", async () => {
    for (const args of [
      ['outbox', '--help'],
      ['help', 'outbox'],
    ]) {
      const result = await cli(args, EN);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.out.split('\n'), args.join(' ')).toEqual([
        'usage: mailops outbox',
        '  chat messages queued, and those that could not be delivered',
        '',
        'Related commands:',
        expect.stringMatching(/^ {2}mailops outbox retry \[id…\]\s+send undelivered messages again/),
      ]);
    }
    expect((await cli(['outbox', '-h'], {})).out).toMatch(
      /\n\nArahan berkaitan:\n {2}mailops outbox retry \[id…\]\s+hantar semula/,
    );
  });

  it('refuses help for a command that does not exist, naming it, exit 2', async () => {
    const result = await cli(['frobnicate', '--help'], EN);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^mailops: unknown command "frobnicate"\n\nUsage:/);
  });
});

describe('a command that takes no words', () => {
  it('refuses one, naming it, with its usage and exit 2, instead of ignoring it', async () => {
    for (const [args, expected] of [
      [['audit', 'verify', 'now'], 'mailops audit verify takes no words; "now" was not expected'],
      [['db', 'migrate', 'all'], 'mailops db migrate takes no words; "all" was not expected'],
      [
        ['config', 'check', 'prod', 'file'],
        'mailops config check takes no words; "prod file" was not expected',
      ],
      [['serve', '8080'], 'mailops serve takes no words; "8080" was not expected'],
    ] as const) {
      const result = await cli([...args], EN);
      expect(result, args.join(' ')).toMatchObject({ code: 2, out: '' });
      expect(result.err.split('\n')[0]).toBe(expected);
    }
    const ms = await cli(['serve', '8080'], {});
    expect(ms.err).toBe(
      'mailops serve tidak menerima perkataan; "8080" tidak dijangka\npenggunaan: mailops serve',
    );
  });

  it('points `tickets <number>` at `ticket`', async () => {
    expect(await cli(['tickets', 'CR-2026-000001'], EN)).toEqual({
      code: 2,
      out: '',
      err:
        'mailops tickets takes no words; "CR-2026-000001" was not expected. For one ticket: mailops ticket <number>\n' +
        'usage: mailops tickets [--state STATE] [--kind cr|ad]',
    });
  });

  it('is every command but those whose usage names words', async () => {
    const takingWords = COMMANDS.filter((c) => c.takesWords).map((c) => c.name);
    expect(takingWords.sort()).toEqual(['db diff', 'mailtest', 'outbox retry', 'ticket']);
  });
});
