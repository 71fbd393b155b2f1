import type { z } from 'zod';
import { editDistance } from '../edit-distance.ts';
import { type ConfigKey, type ConfigText, issueAt, say } from './messages.ts';

// Zod issues → one text per problem, `people[2].email: invalid e-mail`, so an operator can fix the whole
// file in one pass. Input values are never echoed: the file holds no secrets, but the environment does,
// and one formatter serves both.

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

const EXPECTED: Readonly<Record<string, ConfigKey>> = {
  object: 'config.type.object',
  array: 'config.type.array',
  string: 'config.type.string',
  number: 'config.type.number',
  int: 'config.type.int',
  boolean: 'config.type.boolean',
};

/** `schema` is what was parsed: unknown keys are compared with the keys allowed at the same place. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): ConfigText[] {
  return issues.flatMap((issue) => {
    const path = formatPath(issue.path);
    const at = path || say('config.at.root');
    if (issue.code === 'unrecognized_keys') {
      const siblings = keysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const guess = suggest(key, siblings);
        const where = path ? `${path}.${key}` : key;
        return guess
          ? say('config.unknown_key_guess', { at: where, guess })
          : say('config.unknown_key', { at: where });
      });
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return [say('config.required', { at })];
    // Zod's own wording ("Invalid input: expected object") where the schema gave none of its own.
    if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      const key = EXPECTED[issue.expected];
      return [key ? say(key, { at }) : say('config.type.other', { at, expected: issue.expected })];
    }
    return [issueAt(issue.message, at)];
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
    const d = editDistance(key.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
