import { en } from './en';
import { ru, type Dictionary } from './ru';

export const locales = ['ru', 'en'] as const;
export type Locale = (typeof locales)[number];

export const dictionaries: Record<Locale, Dictionary> = { ru, en };

/** Names shown in the language switch, each in its own language. */
export const localeNames: Record<Locale, string> = { ru: 'Русский', en: 'English' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Picks the first supported language from the browser's preference list. Russian is the fallback because the
 * catalogue itself (names, addresses) is Russian.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'ru';
}
