import { parseArgs } from 'node:util';
import type { Translate } from '../i18n/index.ts';
import type { CliArgs, CliCommand } from './commands.ts';

// A command's options and positionals, with the same rules as parseArgs' strict mode (unknown option,
// missing or ambiguous value, a value given to a flag), but refusals worded from the catalog: Node's own
// messages are English only.

export function parseArguments(
  command: CliCommand,
  args: readonly string[],
  t: Translate,
): { ok: true; args: CliArgs } | { ok: false; problem: string } {
  const options = command.options ?? {};
  const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const params = { command: command.name, option: token.rawName };
    const type = Object.hasOwn(options, token.name) ? options[token.name]?.type : undefined;
    if (!type) return { ok: false, problem: t('cli.args.unknown_option', params) };
    // Without `=`, a string option takes the next word; one starting with a dash is another option.
    const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('-'));
    if (type === 'string' && missing) return { ok: false, problem: t('cli.args.needs_value', params) };
    if (type === 'boolean' && token.value !== undefined)
      return { ok: false, problem: t('cli.args.takes_no_value', params) };
  }
  return { ok: true, args: { values: parsed.values, positionals: parsed.positionals } };
}
