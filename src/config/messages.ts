import type { config } from '../i18n/catalog/config.ts';
import type { configChecks } from '../i18n/catalog/config-checks.ts';
import { createTranslator, type Locale } from '../i18n/index.ts';

// Bad input gets a clear message in the operator's language (Bahasa Melayu or English), so the configuration's
// problems and warnings are catalog keys with parameters until loadConfig renders them, in one place, for
// MAILOPS_DEFAULT_LOCALE. Parameters carry paths, names and values verbatim; a parameter may be a text of its
// own (a role's audience, a platform's name) rendered in the same language.

export type ConfigKey = keyof typeof config.ms | keyof typeof configChecks.ms;
type Param = string | number | ConfigText;
export interface ConfigText {
  readonly key: ConfigKey;
  readonly params?: Readonly<Record<string, Param>>;
}

export const say = (key: ConfigKey, params?: Readonly<Record<string, Param>>): ConfigText =>
  params ? { key, params } : { key };

/**
 * A zod check's message naming a catalog text: zod carries a string only, so the key and its parameters
 * travel as JSON and become a ConfigText again where the issue is reported (problems.ts).
 */
export const zodMessage = (key: ConfigKey, params?: Readonly<Record<string, Param>>): string =>
  JSON.stringify(say(key, params));

/** The text a zod message names, at `at`; a message zod wrote itself is reported as an invalid value. */
export function issueAt(message: string, at: Param): ConfigText {
  let named: ConfigText | null = null;
  try {
    const parsed: unknown = JSON.parse(message);
    if (typeof parsed === 'object' && parsed !== null && 'key' in parsed) named = parsed as ConfigText;
  } catch {}
  return named ? say(named.key, { ...named.params, at }) : say('config.invalid', { at });
}

export function renderConfigTexts(texts: readonly ConfigText[], locale: Locale): string[] {
  const t = createTranslator(locale);
  const render = (text: ConfigText): string => {
    const params = Object.fromEntries(
      Object.entries(text.params ?? {}).map(([name, value]) => [
        name,
        typeof value === 'object' ? render(value) : value,
      ]),
    );
    return t(text.key, params);
  };
  return texts.map(render);
}
