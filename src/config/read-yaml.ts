import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

// Reads the configuration file. YAML 1.2 core schema, so `on`, `no` and `2026-08-31` stay text instead of
// turning into booleans and dates; duplicate keys are errors, not "last one wins".

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
  const doc = parseDocument(source, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: true });
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
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return { ok: false, problems: [`config file ${path}: is empty`] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problems: [`config file ${path}: must be a YAML mapping (people:, channels:, calendar:, …)`],
    };
  }
  return { ok: true, data };
}
