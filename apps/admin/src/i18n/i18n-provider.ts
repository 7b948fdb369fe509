import englishMessages from 'ra-language-english';
import { substituteTokens, type I18nProvider, type TranslationMessages } from 'react-admin';

/** Polyglot's plural separator: `'1 item |||| %{smart_count} items'`. */
const PLURAL_SEPARATOR = '||||';

/** `messages.a.b.c`, when it is a string. */
function lookUp(messages: TranslationMessages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** English plural forms: the first for exactly 1, the second for everything else. */
function pickPlural(phrase: string, count: unknown): string {
  if (!phrase.includes(PLURAL_SEPARATOR) || typeof count !== 'number') return phrase;
  const forms = phrase.split(PLURAL_SEPARATOR).map((form) => form.trim());
  return (count === 1 ? forms[0] : (forms[1] ?? forms[0])) ?? phrase;
}

/**
 * react-admin's English messages translated the way its polyglot provider (with `allowMissing`)
 * does — a missing key falls back to the `_` option, then to the key; `%{name}` tokens are
 * substituted and `smart_count` picks the plural form — without node-polyglot and the
 * es-abstract shims it brings into the bundle. English only: the admin has no locale switch.
 */
export function createI18nProvider(messages: TranslationMessages = englishMessages): I18nProvider {
  return {
    translate: (key, options = {}) => {
      const opts = typeof options === 'number' ? { smart_count: options } : (options as Record<string, unknown>);
      const phrase = lookUp(messages, key) ?? (typeof opts._ === 'string' ? opts._ : key);
      return substituteTokens(pickPlural(phrase, opts.smart_count), opts) as string;
    },
    changeLocale: () => Promise.resolve(),
    getLocale: () => 'en',
    getLocales: () => [{ locale: 'en', name: 'English' }],
  };
}
