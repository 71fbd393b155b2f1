import { readFileSync } from 'node:fs';
import { type Document, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import { type ConfigKey, type ConfigText, say } from './messages.ts';

// Reads the configuration file. YAML 1.2 core schema, so `on`, `no` and `2026-08-31` stay text instead of
// turning into booleans and dates; duplicate keys are errors, not "last one wins". An alias is a problem of the
// file like a syntax error: one naming no anchor, or so many that the file would expand without bound (the
// "billion laughs"), is reported, never thrown.

export type YamlRead =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly problems: ConfigText[] };

export function readYamlFile(path: string): YamlRead {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '?';
    const key = READ_ERRORS[code] ?? 'config.file.unreadable';
    return { ok: false, problems: [say(key, { path, code })] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: true,
    lineCounter,
  });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) =>
        say('config.yaml.syntax', { path, where: where(e.linePos?.[0]), reason: syntaxReason(e) }),
      ),
    };
  }
  const unresolved = unresolvedAlias(doc, lineCounter);
  if (unresolved) return { ok: false, problems: [say('config.yaml.alias', { path, ...unresolved })] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // The only throw left once every alias resolves: yaml's "Excessive alias count".
    return { ok: false, problems: [say('config.yaml.aliases', { path, limit: MAX_ALIAS_COUNT })] };
  }
  if (data === null || data === undefined)
    return { ok: false, problems: [say('config.file.empty', { path })] };
  if (typeof data !== 'object' || Array.isArray(data))
    return { ok: false, problems: [say('config.file.not_mapping', { path })] };
  return { ok: true, data };
}

const MAX_ALIAS_COUNT = 100;

const READ_ERRORS: Readonly<Record<string, ConfigKey>> = {
  ENOENT: 'config.file.not_found',
  EACCES: 'config.file.permission',
  EISDIR: 'config.file.folder',
};

const where = (at: { line: number; col: number } | undefined) =>
  at ? say('config.yaml.where', { line: at.line, col: at.col }) : '';

// The mistakes a hand-edited file makes most, in the operator's language; yaml's other errors keep its own
// English words, with its code, rather than lose what it found.
const SYNTAX_REASONS: Readonly<Record<string, ConfigText>> = {
  'Map keys must be unique': say('config.yaml.duplicate_key'),
  'Tabs are not allowed as indentation': say('config.yaml.tab'),
  'Missing closing "quote': say('config.yaml.quote', { quote: '"' }),
  "Missing closing 'quote": say('config.yaml.quote', { quote: "'" }),
  'All sequence items must start at the same column': say('config.yaml.column'),
  'Implicit map keys need to be followed by map values': say('config.yaml.key_value'),
  'Implicit keys need to be on a single line': say('config.yaml.key_line'),
};

function syntaxReason(error: YAMLError): ConfigText {
  const detail = error.message.split(/ at line \d+, column \d+/)[0]?.trim() ?? error.message;
  return SYNTAX_REASONS[detail] ?? say('config.yaml.other', { detail, code: error.code });
}

/** The first `*name` with no `&name` before it, with where it is. */
function unresolvedAlias(doc: Document, lines: LineCounter): { name: string; where: ConfigText | '' } | null {
  let found: { name: string; where: ConfigText | '' } | null = null;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc)) return undefined;
      found = { name: node.source, where: where(node.range ? lines.linePos(node.range[0]) : undefined) };
      return visit.BREAK;
    },
  });
  return found;
}
