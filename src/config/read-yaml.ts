import { readFileSync } from 'node:fs';
import { type Document, LineCounter, parseDocument, visit } from 'yaml';

// Reads the configuration file. YAML 1.2 core schema, so `on`, `no` and `2026-08-31` stay text instead of
// turning into booleans and dates; duplicate keys are errors, not "last one wins". An alias is a problem of the
// file like a syntax error: one naming no anchor, or so many that the file would expand without bound (the
// "billion laughs"), is reported, never thrown.

export type YamlRead =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly problems: string[] };

export function readYamlFile(path: string): YamlRead {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a folder, not a file'
            : `cannot be read (${code ?? 'unknown error'})`;
    return { ok: false, problems: [`config file ${path}: ${why}`] };
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
      problems: doc.errors.map((e) => {
        const at = e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
        const reason = e.message.split(/ at line \d+, column \d+/)[0]?.trim();
        return `config file ${path}: YAML syntax error${at}: ${reason}`;
      }),
    };
  }
  const unresolved = unresolvedAlias(doc, lineCounter);
  if (unresolved) return { ok: false, problems: [`config file ${path}: ${unresolved}`] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // The only throw left once every alias resolves: yaml's "Excessive alias count".
    const why = `YAML aliases expand too much (past the limit of ${MAX_ALIAS_COUNT}); write the values out`;
    return { ok: false, problems: [`config file ${path}: ${why}`] };
  }
  if (data === null || data === undefined) return { ok: false, problems: [`config file ${path}: is empty`] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problems: [`config file ${path}: must be a YAML mapping (people:, channels:, calendar:, …)`],
    };
  }
  return { ok: true, data };
}

const MAX_ALIAS_COUNT = 100;

/** The first `*name` with no `&name` before it, with where it is. */
function unresolvedAlias(doc: Document, lines: LineCounter): string | null {
  let found: string | null = null;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc)) return undefined;
      const at = node.range ? lines.linePos(node.range[0]) : null;
      const where = at ? ` at line ${at.line}, column ${at.col}` : '';
      found = `YAML alias *${node.source}${where} names no anchor (&${node.source} must come before it)`;
      return visit.BREAK;
    },
  });
  return found;
}
