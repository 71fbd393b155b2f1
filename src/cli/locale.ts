import { type Config, localeOf } from '../config/index.ts';
import { createTranslator, type Locale, type Translate } from '../i18n/index.ts';

// The language of everything `mailops` prints: the configured default (MAILOPS_DEFAULT_LOCALE, ms unless
// set). Usage, argument errors and a configuration that does not load come before or without a Config;
// for them the variable the CLI was handed (io.env, never process.env: loadConfig stays the reader of the
// environment) is read by the function loadConfig renders its problems with, so a run never prints two
// languages. A value loadConfig would reject gives Malay, the service's language.

export interface CliText {
  readonly locale: Locale;
  readonly t: Translate;
}

export function cliLocale(env: Readonly<Record<string, string | undefined>>, config?: Config): Locale {
  return config ? config.runtime.defaultLocale : localeOf(env);
}

export function cliText(env: Readonly<Record<string, string | undefined>>, config?: Config): CliText {
  const locale = cliLocale(env, config);
  return { locale, t: createTranslator(locale) };
}
