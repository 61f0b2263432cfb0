import type { Locale } from '$lib/i18n/locale';

/** "12,4 МБ" / "12.4 MB": store sizes as people read them. */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = locale === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'] : ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)}\u00a0${units[unit]}`;
}

/** Date and time in the admin's zone, seconds included (runs and mails follow each other closely). */
export function formatInstant(iso: string, locale: Locale): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(at);
}

/** Whole seconds between `since` and `now`, never negative (clocks of tabs may differ by a tick). */
export function secondsSince(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 1000));
}

/** Share of 5xx answers among all, as a percentage with one decimal; 0 when there were none. */
export function errorPercent(total: { '2xx': number; '3xx': number; '4xx': number; '5xx': number }): number {
  const all = total['2xx'] + total['3xx'] + total['4xx'] + total['5xx'];
  return all === 0 ? 0 : Math.round((total['5xx'] / all) * 1000) / 10;
}
