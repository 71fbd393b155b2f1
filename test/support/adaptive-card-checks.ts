import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as AdaptiveCards from 'adaptivecards';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

// Everything that would make Teams refuse or misdraw a card, one readable line each; empty when the card is
// fine. Three checks that each catch what the others miss (../shared/schemas/README.md):
//   1. the official Adaptive Card 1.5 JSON schema (draft-06), read from the shared folder at test time;
//   2. the `adaptivecards` SDK's own parser and validateProperties() (required inputs without a label or an
//      error message, duplicate ids, empty choice sets, unknown versions);
//   3. Teams' own limits: payload size, refresh.userIds, the highest version it renders; and that every
//      Action.ToggleVisibility target exists. These limits are written out here rather than imported from
//      cards/teams/limits.ts, so a wrong constant there cannot make its own check pass.

const require = createRequire(import.meta.url);
// The package's lib/ is ESM without file extensions, which Node cannot load; dist/ is its UMD bundle.
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
const DRAFT_06 = require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>;

const SCHEMA_FILE = join('schemas', 'adaptive-card-1.5.json');
const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages: about 28 KB. */
const TEAMS_PAYLOAD_BYTES = 28_000;
/** learn.microsoft.com/microsoftteams/platform/.../user-specific-views: at most 60 users. */
const TEAMS_REFRESH_USERS = 60;
/** Teams renders Adaptive Cards up to 1.5 (cards-reference). */
const TEAMS_MAX_VERSION = [1, 5] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function schemaPath(): string {
  const tried = [
    join(process.env.MAILOPS_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'), SCHEMA_FILE),
    join('/work/shared', SCHEMA_FILE),
  ];
  const found = tried.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      `The Adaptive Card 1.5 schema was not found; tried ${tried.join(' and ')}. Set MAILOPS_SHARED_DIR to the shared folder that holds schemas/ (it is not copied into the repo).`,
    );
  }
  return found;
}

interface CompiledSchema {
  readonly card: ValidateFunction;
  readonly definition: (type: string) => ValidateFunction | undefined;
}

let compiled: CompiledSchema | undefined;

function compiledSchema(): CompiledSchema {
  if (compiled !== undefined) return compiled;
  const schema = JSON.parse(readFileSync(schemaPath(), 'utf8')) as Json & { definitions: Json };
  // A draft-06 `id` would make ajv fetch and key the schema by its URL; the schema is registered as 'ac'.
  delete schema.id;
  // The published 1.5 schema lists ChoiceInputStyle as compact|expanded, yet 'filtered' is 1.5: the
  // adaptivecards SDK declares it with targetVersion 1.5 (ChoiceSetInput.styleProperty), the 1.6 schema
  // lists it, and Teams documents it as static typeahead search. That one value is added, nothing else.
  const style = schema.definitions.ChoiceInputStyle as { anyOf: [{ enum: string[] }, unknown] };
  style.anyOf[0].enum.push('filtered');
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(DRAFT_06);
  addFormats(ajv);
  ajv.addSchema(schema, 'ac');
  const definitions = schema.definitions;
  compiled = {
    card: ajv.getSchema('ac')!,
    definition: (type) =>
      Object.hasOwn(definitions, type) ? ajv.getSchema(`ac#/definitions/${type}`) : undefined,
  };
  return compiled;
}

/** Every object with a `type` (an element, action or input), with its JSON pointer; action data is opaque. */
function typedNodes(node: unknown, path: string, out: [Json, string][] = []): [Json, string][] {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) typedNodes(item, `${path}/${i}`, out);
  }
  if (!isObject(node)) return out;
  if (typeof node.type === 'string') out.push([node, path]);
  for (const [key, value] of Object.entries(node))
    if (key !== 'data') typedNodes(value, `${path}/${key}`, out);
  return out;
}

/** Whether an error inside `node` belongs to a typed descendant, which is checked (and reported) on its own. */
function inTypedChild(node: Json, instancePath: string): boolean {
  let current: unknown = node;
  for (const segment of instancePath.split('/').slice(1)) {
    current = isObject(current) || Array.isArray(current) ? (current as Json)[segment] : undefined;
    if (isObject(current) && typeof current.type === 'string') return true;
  }
  return false;
}

function problemLine(error: ErrorObject, at: string): string {
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const detail =
    params.additionalProperty !== undefined
      ? ` (${params.additionalProperty})`
      : params.allowedValues !== undefined
        ? ` ${JSON.stringify(params.allowedValues)}`
        : '';
  return `schema: ${at}${error.instancePath || ''} ${error.message ?? error.keyword}${detail}`;
}

/**
 * ajv's errors for a whole card list every branch of every union it tried; validating each typed node
 * against its own definition instead names the element that is wrong and what is wrong with it.
 */
function schemaProblems(card: unknown): string[] {
  const schema = compiledSchema();
  if (schema.card(card)) return [];
  const problems: string[] = [];
  for (const [node, path] of typedNodes(card, '')) {
    const at = path === '' ? '/' : path;
    const check = schema.definition(node.type as string);
    if (check === undefined) {
      problems.push(`schema: ${at} unknown type "${String(node.type)}"`);
      continue;
    }
    if (check(node)) continue;
    for (const error of check.errors ?? []) {
      if (!inTypedChild(node, error.instancePath)) problems.push(problemLine(error, path));
    }
  }
  if (problems.length === 0) problems.push(...(schema.card.errors ?? []).map((e) => problemLine(e, '')));
  return [...new Set(problems)];
}

function sdkProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`adaptivecards parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`adaptivecards: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

function teamsProblems(card: unknown): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > TEAMS_PAYLOAD_BYTES)
    problems.push(`teams: card is ${bytes} bytes, over ${TEAMS_PAYLOAD_BYTES}`);
  if (!isObject(card)) return problems;
  const version = typeof card.version === 'string' ? /^(\d+)\.(\d+)$/.exec(card.version) : null;
  const [major, minor] = TEAMS_MAX_VERSION;
  if (version === null || Number(version[1]) * 100 + Number(version[2]) > major * 100 + minor) {
    problems.push(`teams: version ${JSON.stringify(card.version)}; Teams renders up to ${major}.${minor}`);
  }
  const refresh = card.refresh;
  if (isObject(refresh) && Array.isArray(refresh.userIds) && refresh.userIds.length > TEAMS_REFRESH_USERS) {
    problems.push(`teams: refresh.userIds has ${refresh.userIds.length} users, over ${TEAMS_REFRESH_USERS}`);
  }
  const nodes = typedNodes(card, '');
  const ids = new Set(nodes.map(([node]) => node.id));
  for (const [node, path] of nodes) {
    if (node.type !== 'Action.ToggleVisibility' || !Array.isArray(node.targetElements)) continue;
    for (const target of node.targetElements) {
      const id = isObject(target) ? target.elementId : target;
      if (!ids.has(id)) problems.push(`teams: ${path} toggles "${String(id)}", which is not in the card`);
    }
  }
  return problems;
}

/** Every problem Teams would have with the card; empty when it would be accepted and drawn as meant. */
export function adaptiveCardProblems(card: unknown): string[] {
  return [...schemaProblems(card), ...sdkProblems(card), ...teamsProblems(card)];
}
