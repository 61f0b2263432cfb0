import type { Locale } from '$lib/i18n/locale';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}:${timeZone ?? ''}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, f);
  }
  return f;
}

/** A clinic-local calendar day "2026-12-01" as "вт, 1 декабря": no time zone maths, the day is already local. */
export function formatLocalDay(localDate: string, locale: Locale): string {
  const [y = 1970, m = 1, d = 1] = localDate.split('-').map(Number);
  return format(locale, { weekday: 'short', day: 'numeric', month: 'long' }, 'UTC').format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/**
 * An appointment's start in the clinic's time zone (the patient goes there), e.g. "вт, 1 декабря в 09:30";
 * without a known zone, the reader's own.
 */
export function formatAppointment(startsAt: string, locale: Locale, timeZone: string | undefined): string {
  // "09:30" reads right in Russian, "9:30 AM" in English.
  const hour = locale === 'ru' ? '2-digit' : 'numeric';
  return format(locale, { weekday: 'short', day: 'numeric', month: 'long', hour, minute: '2-digit' }, timeZone).format(
    new Date(startsAt),
  );
}

/** A data age as the time only when it is today, else date and time: "10:42" or "29.11.2026, 10:42". */
export function formatAge(at: Date, now: Date, locale: Locale): string {
  const sameDay = at.toDateString() === now.toDateString();
  return sameDay
    ? format(locale, { hour: '2-digit', minute: '2-digit' }).format(at)
    : format(locale, { dateStyle: 'short', timeStyle: 'short' }).format(at);
}
