import { describe, expect, it } from 'vitest';
import { dictionaries, pickLocale } from './locale';

describe('pickLocale', () => {
  it('takes the first supported language from the preference list', () => {
    expect(pickLocale(['de-DE', 'en-GB', 'ru'])).toBe('en');
    expect(pickLocale(['ru-RU', 'en-US'])).toBe('ru');
  });

  it('falls back to Russian when nothing is supported', () => {
    expect(pickLocale(['de', 'fr'])).toBe('ru');
    expect(pickLocale([])).toBe('ru');
  });
});

describe('dictionaries', () => {
  it('have the same keys in every locale', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.ru).sort());
  });

  it('format the first-sync progress message', () => {
    expect(dictionaries.ru.syncProgress('12 400', '100 000', 12)).toBe(
      'Загружаем справочник… 12 400 из 100 000 · 12 %',
    );
  });
});
