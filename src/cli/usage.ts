import type { Translate } from '../i18n/index.ts';
import { type CliCommand, COMMANDS } from './commands.ts';

// What `mailops --help`, `mailops <command> --help` and `mailops <word> --help` print: every command, one
// command, or the commands a word starts (`db` → `db migrate`, `db diff`), each with its usage and summary.

export const usageOf = (command: CliCommand, t: Translate) =>
  command.args ? `${command.name} ${t(command.args.key)}` : command.name;

const line = (command: CliCommand, t: Translate) =>
  `  mailops ${usageOf(command, t).padEnd(40)} ${t(command.summary.key)}`;

/** Every command, with how configuration is read. */
export function usage(t: Translate): string {
  return [t('cli.usage.heading'), ...COMMANDS.map((c) => line(c, t)), '', t('cli.usage.footer')].join('\n');
}

/**
 * One command's usage line and what it does, then the commands its name starts (`outbox` → `outbox retry`),
 * which an operator asking about it would otherwise not learn of.
 */
export function commandHelp(command: CliCommand, t: Translate): string {
  const help = `${t('cli.usage.line', { usage: usageOf(command, t) })}\n  ${t(command.summary.key)}`;
  const longer = COMMANDS.filter((c) => c.name.startsWith(`${command.name} `));
  return longer.length > 0
    ? [help, '', t('cli.usage.related'), ...longer.map((c) => line(c, t))].join('\n')
    : help;
}

/** The command whose name is `argv`'s first words, and the words after it. */
export function matchCommand(argv: readonly string[]): { command: CliCommand; rest: string[] } | null {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return null;
}

/**
 * Help for the words an operator typed before `--help`: the command they name exactly, else the commands they
 * start, else null (no such command).
 */
export function helpFor(words: readonly string[], t: Translate): string | null {
  if (words.length === 0) return usage(t);
  const found = matchCommand(words);
  if (found && found.rest.length === 0) return commandHelp(found.command, t);
  const group = COMMANDS.filter((c) => words.every((w, i) => c.name.split(' ')[i] === w));
  return group.length > 0 ? [t('cli.usage.heading'), ...group.map((c) => line(c, t))].join('\n') : null;
}
