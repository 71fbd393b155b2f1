// Renders message keys (flows/types.ts, MessageRef) in Malay or English. Catalogs are plain modules of
// `{ ms: {...}, en: {...} }`; adding one is one line in CATALOG_MODULES. Consistency between languages,
// parameters and modules is checked by catalogProblems(), which the i18n tests hold to zero.

import type { MessageRef } from '../../flows/types.ts';
import { cards } from './catalog/cards.ts';
import { checklist } from './catalog/checklist.ts';
import { cli } from './catalog/cli.ts';
import { cliTickets } from './catalog/cli-tickets.ts';
import { common } from './catalog/common.ts';
import { config } from './catalog/config.ts';
import { configChecks } from './catalog/config-checks.ts';
import { flows } from './catalog/flows.ts';
import { investigation } from './catalog/investigation.ts';
import { mailtest } from './catalog/mailtest.ts';
import { mailtestAuth } from './catalog/mailtest-auth.ts';
import { mailtestDelivery } from './catalog/mailtest-delivery.ts';
import { mailtestDeliveryCodes } from './catalog/mailtest-delivery-codes.ts';
import { mailtestDeliveryCopy } from './catalog/mailtest-delivery-copy.ts';
import { mailtestDns } from './catalog/mailtest-dns.ts';
import { mailtestSmtp } from './catalog/mailtest-smtp.ts';
import { mailtestSpf } from './catalog/mailtest-spf.ts';
import { mailtestTransport } from './catalog/mailtest-transport.ts';
import { playground } from './catalog/playground.ts';
import { probe } from './catalog/probe.ts';
import { slack } from './catalog/slack.ts';
import { teams } from './catalog/teams.ts';
import { tickets } from './catalog/tickets.ts';
import { formatMyt, LOCALES, type Locale } from './locale.ts';

export { formatMyt, type Locale } from './locale.ts';

export type Messages = Readonly<Record<string, string>>;
export interface Catalog {
  readonly ms: Messages;
  readonly en: Messages;
}

export const CATALOG_MODULES: readonly { readonly name: string; readonly catalog: Catalog }[] = [
  { name: 'common', catalog: common },
  { name: 'flows', catalog: flows },
  { name: 'tickets', catalog: tickets },
  { name: 'cards', catalog: cards },
  { name: 'slack', catalog: slack },
  { name: 'teams', catalog: teams },
  { name: 'cli', catalog: cli },
  { name: 'cli-tickets', catalog: cliTickets },
  { name: 'config', catalog: config },
  { name: 'config-checks', catalog: configChecks },
  { name: 'mailtest', catalog: mailtest },
  { name: 'mailtest-dns', catalog: mailtestDns },
  { name: 'mailtest-spf', catalog: mailtestSpf },
  { name: 'mailtest-auth', catalog: mailtestAuth },
  { name: 'mailtest-transport', catalog: mailtestTransport },
  { name: 'mailtest-smtp', catalog: mailtestSmtp },
  { name: 'mailtest-delivery', catalog: mailtestDelivery },
  { name: 'mailtest-delivery-copy', catalog: mailtestDeliveryCopy },
  { name: 'mailtest-delivery-codes', catalog: mailtestDeliveryCodes },
  { name: 'probe', catalog: probe },
  { name: 'investigation', catalog: investigation },
  { name: 'playground', catalog: playground },
  { name: 'checklist', catalog: checklist },
];

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: string, params?: Params) => string;

/** Merged in module order; a key defined twice is a catalogProblems() finding, and the first one wins. */
const merged: Readonly<Record<Locale, Messages>> = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    Object.assign({}, ...[...CATALOG_MODULES].reverse().map((m) => m.catalog[locale])) as Messages,
  ]),
) as Record<Locale, Messages>;

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;
// A text's full stop after a parameter is left out when the value already ends its sentence: a comment
// typed as "…justifikasi perniagaan." in "Ulasan: {comments}." reads "perniagaan.", never "perniagaan..".
const PLACEHOLDER_THEN_STOP = /\{([A-Za-z0-9_]+)\}(\.(?=\s|$))?/g;
const SENTENCE_END = /[.!?…]\s*$/u;

/** The `{param}` names a text uses, sorted and without repeats. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** Every text of one language whose key starts with one of the prefixes, for a client that renders them. */
export function messagesStartingWith(locale: Locale, prefixes: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(merged[locale]).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))),
  );
}

export function hasMessage(key: string): boolean {
  return LOCALES.every((locale) => Object.hasOwn(merged[locale], key));
}

/**
 * A translator for one language. An unknown key renders as the key itself, so a missing text is visible
 * to the reader and to tests instead of crashing a notification; `onMissing` lets the caller log it.
 * A parameter the caller did not pass is left as `{name}` for the same reason.
 */
export function createTranslator(
  locale: Locale,
  options: { onMissing?: (key: string) => void } = {},
): Translate {
  const messages = merged[locale];
  return (key, params = {}) => {
    const text = Object.hasOwn(messages, key) ? messages[key] : undefined;
    if (text === undefined) {
      options.onMissing?.(key);
      return key;
    }
    return text.replace(PLACEHOLDER_THEN_STOP, (whole, name: string, stop: string | undefined) => {
      if (!Object.hasOwn(params, name)) return whole;
      const value = String(params[name]);
      return stop && SENTENCE_END.test(value) ? value : value + (stop ?? '');
    });
  };
}

const translators = new Map<Locale, Translate>(LOCALES.map((locale) => [locale, createTranslator(locale)]));

// The flows pass codes, not words, in a few parameters (refusal.illegal_transition's {state} and
// {actions}, refusal.wrong_role's {role}): they are rendered through their own catalog entries here.
const CODE_PARAMS: Readonly<Record<string, string>> = { state: 'state.', role: 'role.', actions: 'action.' };
// …and moments as ISO 8601 (refusal.confirmation_not_overdue's {dueAt}): shown in Malaysia time.
const TIME_PARAMS: readonly string[] = ['dueAt'];

export function renderMessage(ref: MessageRef, locale: Locale): string {
  const t = translators.get(locale)!;
  const params: Record<string, string | number> = { ...ref.params };
  for (const [name, prefix] of Object.entries(CODE_PARAMS)) {
    const value = params[name];
    if (typeof value !== 'string' || value === '') continue;
    params[name] = value
      .split(', ')
      .map((code) => (hasMessage(prefix + code) ? t(prefix + code) : code))
      .join(', ');
  }
  for (const name of TIME_PARAMS) {
    const value = params[name];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
      params[name] = formatMyt(new Date(value), locale);
    }
  }
  return t(ref.key, params);
}

/**
 * Everything wrong with the catalogs, one line each: keys present in one language only, parameters that
 * differ between languages, empty texts, and keys defined by more than one module.
 */
export function catalogProblems(
  modules: readonly { name: string; catalog: Catalog }[] = CATALOG_MODULES,
): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const { name, catalog } of modules) {
    const keys = new Set([...Object.keys(catalog.ms), ...Object.keys(catalog.en)]);
    for (const key of keys) {
      const ms = catalog.ms[key];
      const en = catalog.en[key];
      if (ms === undefined || en === undefined) {
        problems.push(`${name}: "${key}" has no ${ms === undefined ? 'ms' : 'en'} text`);
        continue;
      }
      if (!ms.trim() || !en.trim()) problems.push(`${name}: "${key}" has an empty text`);
      const [pm, pe] = [placeholdersOf(ms).join(','), placeholdersOf(en).join(',')];
      if (pm !== pe) problems.push(`${name}: "${key}" has params {${pm}} in ms but {${pe}} in en`);
      const first = owner.get(key);
      if (first) problems.push(`${name}: "${key}" is already defined by ${first}`);
      else owner.set(key, name);
    }
  }
  return problems;
}
