import { browser } from '$app/environment';
import { dictionaries, isLocale, pickLocale, type Locale } from './locale';
import type { Dictionary } from './ru';

const STORAGE_KEY = 'poisklinik:locale';

function initialLocale(): Locale {
  if (!browser) return 'ru';
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  return pickLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

class I18n {
  locale = $state<Locale>(initialLocale());
  readonly t: Dictionary = $derived(dictionaries[this.locale]);

  setLocale(locale: Locale): void {
    this.locale = locale;
    if (browser) {
      localStorage.setItem(STORAGE_KEY, locale);
      document.documentElement.lang = locale;
    }
  }
}

/** The app-wide language; components read `i18n.t` and `i18n.locale`, which are reactive. */
export const i18n = new I18n();
