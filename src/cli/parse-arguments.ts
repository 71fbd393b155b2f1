import { parseArgs } from 'node:util';
import type { Translate } from '../i18n/index.ts';
import type { CliArgs, CliCommand } from './commands.ts';

// A command's options and positionals, with the same rules as parseArgs' strict mode (unknown option,
// missing or ambiguous value, a value given to a flag), but refusals worded from the catalog: Node's own
// messages are English only. `--help` or `-h` among the options asks for the command's usage instead, and a
// word given to a command that takes none is refused rather than ignored (`mailops tickets CR-2026-000001`
// meant `ticket`).

export type ParsedArguments =
  | { readonly kind: 'args'; readonly args: CliArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'refused'; readonly problem: string };

export function parseArguments(command: CliCommand, args: readonly string[], t: Translate): ParsedArguments {
  const options = command.options ?? {};
  const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const given = parsed.tokens.filter((token) => token.kind === 'option');
  if (given.some((token) => token.rawName === '--help' || token.rawName === '-h')) return { kind: 'help' };
  for (const token of given) {
    const params = { command: command.name, option: token.rawName };
    const type = Object.hasOwn(options, token.name) ? options[token.name]?.type : undefined;
    if (!type) return { kind: 'refused', problem: t('cli.args.unknown_option', params) };
    // Without `=`, a string option takes the next word; one starting with a dash is another option.
    const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('-'));
    if (type === 'string' && missing) return { kind: 'refused', problem: t('cli.args.needs_value', params) };
    if (type === 'boolean' && token.value !== undefined)
      return { kind: 'refused', problem: t('cli.args.takes_no_value', params) };
  }
  if (!command.takesWords && parsed.positionals.length > 0) {
    // `value` too: the checklist commands' texts (catalog/checklist.ts) name the word so.
    const words = parsed.positionals.join(' ');
    const key = command.unexpectedWords?.key ?? 'cli.args.unexpected_words';
    return { kind: 'refused', problem: t(key, { command: command.name, words, value: words }) };
  }
  return { kind: 'args', args: { values: parsed.values, positionals: parsed.positionals } };
}
