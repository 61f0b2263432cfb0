import { distanceParts } from '@poisklinik/shared';
import type { Dictionary } from './ru';
import type { Locale } from './locale';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${fractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits });
    numberFormats.set(key, f);
  }
  return f;
}

export function formatNumber(n: number, locale: Locale, fractionDigits = 0): string {
  return numberFormat(locale, fractionDigits).format(n);
}

/** "850 м", "2,3 км", "14 км" — rounding from the shared rules, digits and units localised. */
export function formatDistance(metres: number, locale: Locale, dict: Dictionary): string {
  const { value, unit } = distanceParts(metres);
  const digits = unit === 'km' ? 1 : 0;
  // A non-breaking space keeps the number and its unit together on narrow screens.
  return `${numberFormat(locale, digits).format(value)}\u00a0${unit === 'km' ? dict.kilometres : dict.metres}`;
}

/**
 * "+74842123456" → "+7 484 212-34-56". Russian numbers get the usual 3-3-2-2 grouping; anything else is shown
 * as stored, because a wrong grouping is worse than none.
 */
export function formatPhone(e164: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (!m) return e164;
  return `+7\u00a0${m[1]}\u00a0${m[2]}-${m[3]}-${m[4]}`;
}

/** Date and time of a sync in the reader's locale and time zone, e.g. "30.11.2026, 07:05". */
export function formatSyncTime(at: Date, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(at);
}

/** A site URL without the scheme and trailing slash, as people read and type it. */
export function displaySite(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}
