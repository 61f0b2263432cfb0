import { describe, expect, it } from 'vitest';
import { en } from '$lib/i18n/en';
import { ru } from '$lib/i18n/ru';
import { failureField, failureMessage, formatAge } from './account-messages';

describe('account failure messages', () => {
  it('says which credentials failed in Russian and English', () => {
    const failure = { kind: 'refused', status: 401, error: 'invalid_credentials' } as const;
    expect(failureMessage(ru.account, failure)).toBe('Неверный адрес электронной почты или пароль.');
    expect(failureMessage(en.account, failure)).toBe('Wrong email or password.');
    expect(failureMessage(ru.account, failure, true)).toBe('Неверный пароль.');
  });

  it('tells offline and rate limiting apart from refusals', () => {
    expect(failureMessage(ru.account, { kind: 'offline' })).toContain('Нужна сеть');
    expect(failureMessage(ru.account, { kind: 'rate-limited', retryAfterSeconds: 30 })).toContain('через 30 с');
    expect(failureMessage(ru.account, { kind: 'rate-limited', retryAfterSeconds: 600 })).toContain('через 10 мин');
  });

  it('puts password and email problems under their fields', () => {
    expect(failureField({ kind: 'refused', status: 400, error: 'password_common' })).toBe('password');
    expect(failureField({ kind: 'refused', status: 409, error: 'email_taken' })).toBe('email');
    expect(failureField({ kind: 'refused', status: 400, error: 'bad_request', field: 'name' })).toBe('name');
    expect(failureField({ kind: 'offline' })).toBeUndefined();
  });
});

describe('formatAge', () => {
  const now = new Date('2026-11-30T09:00:00Z');
  it('reads like speech', () => {
    expect(formatAge(new Date('2026-11-30T08:59:30Z'), now, 'ru', 'только что')).toBe('только что');
    expect(formatAge(new Date('2026-11-30T08:55:00Z'), now, 'ru', 'только что')).toBe('5 минут назад');
    expect(formatAge(new Date('2026-11-30T07:00:00Z'), now, 'en', 'just now')).toBe('2 hours ago');
    expect(formatAge(new Date('2026-11-29T09:00:00Z'), now, 'ru', 'только что')).toBe('вчера');
  });
});
