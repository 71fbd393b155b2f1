import type { z } from 'zod';

// Zod issues → one line per problem, `people[2].email: invalid e-mail`, so an operator can fix the whole
// file in one pass. Input values are never echoed: the file holds no secrets, but the environment does,
// and one formatter serves both.

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '(file)';
}

const EXPECTED: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** `schema` is what was parsed: unknown keys are compared with the keys allowed at the same place. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): string[] {
  return issues.flatMap((issue) => {
    const at = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const siblings = keysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const guess = suggest(key, siblings);
        return `${at === '(file)' ? key : `${at}.${key}`}: unknown key${guess ? ` (did you mean "${guess}"?)` : ''}`;
      });
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return [`${at}: is required`];
    if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      return [`${at}: must be ${EXPECTED[issue.expected] ?? issue.expected}`];
    }
    return [`${at}: ${issue.message}`];
  });
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object schema allows at `path`, looking through optional, default, array and pipe. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let def = defOf(schema);
  const unwrap = () => {
    for (let inner = def.innerType ?? def.in; inner; inner = def.innerType ?? def.in) def = defOf(inner);
  };
  unwrap();
  for (const segment of path) {
    const next = typeof segment === 'number' ? def.element : def.shape?.[String(segment)];
    if (!next) return [];
    def = defOf(next);
    unwrap();
  }
  return Object.keys(def.shape ?? {});
}

/** The known key closest to a misspelt one, if it is close enough to be the likely intent. */
function suggest(key: string, known: readonly string[]): string | null {
  const limit = Math.max(2, Math.floor(key.length * 0.4));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of new Set(known)) {
    const d = distance(key.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = row;
  }
  return previous[b.length]!;
}
