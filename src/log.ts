// Structured JSON-lines logging to stderr. Secrets are never passed to the logger (STYLE.md 13: only
// src/config reads the environment), and known secret-bearing keys are masked as a second line of defence.

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Keys are compared without separators, so DATABASE_URL, database_url and databaseUrl are all caught.
const SECRET_KEY = /(secret|token|password|passwd|authorization|cookie|databaseurl|connectionstring|apikey)/i;
const MAX_DEPTH = 6;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function maskValue(value: unknown, depth: number): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  if (value instanceof Date) return value;
  return mask(value as Record<string, unknown>, depth + 1);
}

function mask(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_KEY.test(key.replace(/[_\-\s]/g, '')) ? '***' : maskValue(value, depth);
  }
  return out;
}

export function createLogger(
  options: { level?: Level; base?: Record<string, unknown>; write?: (line: string) => void } = {},
): Logger {
  const min = ORDER[options.level ?? 'info'];
  const base = options.base ?? {};
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < min) return;
    // A field named `t`, `level` or `msg` cannot disguise a line: the line's own keys win.
    const { t: _t, level: _level, msg: _msg, ...rest } = mask({ ...base, ...fields });
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...rest }));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger({ ...options, base: { ...base, ...fields } }),
  };
}

/** A logger that keeps lines in memory, for tests that assert what was (and was not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return Object.assign(logger, { lines });
}
