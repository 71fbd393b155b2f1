import { randomUUID } from 'node:crypto';
import { ERROR_CODES, isMailopsError } from '../errors.ts';
import { createLogger } from '../log.ts';
import type { CliIo } from './commands.ts';
import { onFirstInterrupt } from './interrupt.ts';
import { cliText } from './locale.ts';
import { parseArguments } from './parse-arguments.ts';
import { commandHelp, helpFor, matchCommand, usage, usageOf } from './usage.ts';

// The operator CLI `mailops` (README, "The CLI"). Every failure ends in one line that says what went wrong
// and what to do, with a non-zero exit code, never a stack trace; a failure that is not the operator's
// fault also carries a reference id, and a JSON log line under it names the error in full. Every line comes from the catalogs (src/i18n/catalog/cli.ts) in the
// configured language; a MailopsError's own message and hint are printed as they were thrown.

/** Asks for help instead of running anything, wherever it is typed (a command's options: parse-arguments.ts). */
const HELP = new Set(['--help', '-h']);

/** What an unexpected error says, in one line: Prisma's messages start with a blank line. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '');
  return line?.trim() ?? (error instanceof Error ? error.name : '');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Commands that load the configuration speak its default language; this is the same one (locale.ts).
  const { t } = cliText(io.env);
  if (argv.length === 0) {
    io.out(usage(t));
    return 2;
  }
  const found = matchCommand(argv);
  // `mailops help`, `mailops -h`, `mailops help db`, `mailops db --help`: the usage of the words typed, exit 0.
  if (argv[0] === 'help' || (!found && argv.some((a) => HELP.has(a)))) {
    const words = (argv[0] === 'help' ? argv.slice(1) : argv).filter((a) => !HELP.has(a));
    const help = helpFor(words, t);
    if (help === null) {
      io.err(`${t('cli.unknown_command', { command: words.join(' ') })}\n\n${usage(t)}`);
      return 2;
    }
    io.out(help);
    return 0;
  }
  if (!found) {
    io.err(`${t('cli.unknown_command', { command: argv.join(' ') })}\n\n${usage(t)}`);
    return 2;
  }
  const parsed = parseArguments(found.command, found.rest, t);
  if (parsed.kind === 'help') {
    io.out(commandHelp(found.command, t));
    return 0;
  }
  if (parsed.kind === 'refused') {
    io.err(`${parsed.problem}\n${t('cli.usage.line', { usage: usageOf(found.command, t) })}`);
    return 2;
  }
  try {
    return await found.command.run(parsed.args, io);
  } catch (error) {
    if (isMailopsError(error)) {
      const hint = error.hint ? `\n  ${t('cli.error.hint', { hint: error.hint })}` : '';
      io.err(`${t('cli.error.coded', { message: error.message, code: error.code })}${hint}`);
      // A command's own usage check (a value it cannot take) is a usage error, as the README's exit codes say.
      if (error.code === ERROR_CODES.CLI_USAGE) return 2;
    } else {
      const reference = randomUUID().slice(0, 8);
      const message = firstLine(error);
      io.err(t('cli.error.unexpected', { reference, message }));
      // The reference is what an operator hands on: the log line under it has the error's name and whole message
      // (log.ts keeps stacks out of logs).
      createLogger({ level: 'error', write: io.err }).error('mailops command failed', {
        reference,
        command: found.command.name,
        error,
      });
    }
    return 1;
  }
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    isTty: process.stdout.isTTY === true,
    onInterrupt: (listener) => onFirstInterrupt(listener),
  });
  // `serve` returns only when it has shut down; other commands end the process here. The WebAssembly
  // engines (schema engine, PGlite) leave timers of their own behind, so the process is ended explicitly
  // once output has had a moment to flush, instead of lingering for seconds after a SIGTERM.
  process.exitCode = code;
  setTimeout(() => process.exit(code), 200).unref();
}
