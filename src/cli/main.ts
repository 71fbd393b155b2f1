import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isMailopsError } from '../errors.ts';
import { type CliCommand, type CliIo, COMMANDS } from './commands.ts';

// The operator CLI `mailops` (README, "The CLI"). Every failure ends in one line that says what went wrong
// and what to do, with a non-zero exit code, never a stack trace; a failure that is not the operator's
// fault also carries a reference id.

function usage(): string {
  const lines = COMMANDS.map((c) => `  mailops ${c.usage.padEnd(40)} ${c.summary}`);
  return ['Usage:', ...lines, '', 'Configuration comes from the environment; see README.md.'].join('\n');
}

function match(argv: readonly string[]): { command: CliCommand; rest: string[] } | null {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return null;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.out(usage());
    return argv.length === 0 ? 2 : 0;
  }
  const found = match(argv);
  if (!found) {
    io.err(`mailops: unknown command "${argv.join(' ')}"\n\n${usage()}`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: found.rest,
      options: found.command.options ?? {},
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(
      `mailops ${found.command.name}: ${(error as Error).message}\nusage: mailops ${found.command.usage}`,
    );
    return 2;
  }
  try {
    return await found.command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (error) {
    if (isMailopsError(error)) {
      io.err(`mailops: ${error.message} [${error.code}]${error.hint ? `\n  → ${error.hint}` : ''}`);
    } else {
      const reference = randomUUID().slice(0, 8);
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      io.err(`mailops: unexpected failure (reference ${reference}): ${message}`);
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
  });
  // `serve` returns only when it has shut down; other commands end the process here. The WebAssembly
  // engines (schema engine, PGlite) leave timers of their own behind, so the process is ended explicitly
  // once output has had a moment to flush, instead of lingering for seconds after a SIGTERM.
  process.exitCode = code;
  setTimeout(() => process.exit(code), 200).unref();
}
