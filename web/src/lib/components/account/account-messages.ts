import type { ApiFailure } from '$lib/data/account/account-api';
import type { Locale } from '$lib/i18n/locale';
import type { Dictionary } from '$lib/i18n/ru';

type AccountTexts = Dictionary['account'];

/**
 * The sentence a form shows for a failed call. `invalid_credentials` on a form that asks only for the user's
 * own password (change password, delete account) can only mean that password was wrong.
 */
export function failureMessage(t: AccountTexts, failure: ApiFailure, passwordOnly = false): string {
  switch (failure.kind) {
    case 'offline':
      return t.needsNetwork;
    case 'rate-limited':
      return t.tooManyAttempts(failure.retryAfterSeconds);
    case 'refused':
      if (passwordOnly && failure.error === 'invalid_credentials') return t.wrongPassword;
      return t.errors[failure.error];
  }
}

/** The field a refusal is about, so the message can sit under it (the server names it, or the code implies it). */
export function failureField(failure: ApiFailure): string | undefined {
  if (failure.kind !== 'refused') return undefined;
  if (failure.field) return failure.field;
  if (failure.error.startsWith('password_')) return 'password';
  if (failure.error === 'invalid_email' || failure.error === 'email_taken') return 'email';
  return undefined;
}

/** "5 минут назад", "2 hours ago"; "только что" under a minute; a calendar date beyond a week. */
export function formatAge(at: Date, now: Date, locale: Locale, justNow: string): string {
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (seconds < 60) return justNow;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  if (seconds < 7 * 86_400) return rtf.format(-Math.floor(seconds / 86_400), 'day');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at);
}
