import { describe, expect, it } from 'vitest';
import { displaySite, formatDistance, formatPhone, formatSyncTime } from './format';
import { en } from './en';
import { ru } from './ru';

const NBSP = '\u00a0';

describe('formatDistance', () => {
  it('shows metres in 10 m steps below a kilometre', () => {
    expect(formatDistance(847, 'ru', ru)).toBe(`850${NBSP}м`);
    expect(formatDistance(4, 'ru', ru)).toBe(`0${NBSP}м`);
  });

  it('shows kilometres with a Russian decimal comma below 10 km', () => {
    expect(formatDistance(2_340, 'ru', ru)).toBe(`2,3${NBSP}км`);
    expect(formatDistance(1_000, 'ru', ru)).toBe(`1${NBSP}км`);
  });

  it('rounds to whole kilometres from 10 km and groups thousands the Russian way', () => {
    expect(formatDistance(14_480, 'ru', ru)).toBe(`14${NBSP}км`);
    // Intl groups with a narrow no-break space in Russian.
    expect(formatDistance(1_234_567, 'ru', ru)).toMatch(/^1\s235\u00a0км$/u);
  });

  it('uses English digits and units in the English locale', () => {
    expect(formatDistance(2_340, 'en', en)).toBe(`2.3${NBSP}km`);
    expect(formatDistance(850, 'en', en)).toBe(`850${NBSP}m`);
  });
});

describe('formatPhone', () => {
  it('groups Russian numbers 3-3-2-2', () => {
    expect(formatPhone('+74842554378')).toBe(`+7${NBSP}484${NBSP}255-43-78`);
  });

  it('leaves numbers it does not know how to group as they are', () => {
    expect(formatPhone('+375291234567')).toBe('+375291234567');
  });
});

describe('formatSyncTime', () => {
  it('prints date and time in the reader locale', () => {
    const at = new Date('2026-11-30T04:05:00Z');
    expect(formatSyncTime(at, 'ru', 'Europe/Moscow')).toBe('30.11.2026, 07:05');
  });
});

describe('displaySite', () => {
  it('drops the scheme and a trailing slash', () => {
    expect(displaySite('https://zdorovie-kaluga.ru/')).toBe('zdorovie-kaluga.ru');
    expect(displaySite('https://citilab.ru/kaluga/')).toBe('citilab.ru/kaluga');
  });
});
