// Canonical JSON for hashing: keys sorted at every depth, no whitespace, dates as ISO strings. PostgreSQL's
// jsonb reorders keys, so the hash must not depend on the order in which a row's JSON comes back.

export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    // A null-prototype object keeps a `__proto__` key as data (jsonb can hold one) instead of dropping it
    // from the hash.
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalise(v);
    }
    return out;
  }
  return value;
}
