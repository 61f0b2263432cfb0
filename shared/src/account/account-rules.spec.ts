import { describe, expect, it } from 'vitest';
import {
  isOwnedDocId,
  normaliseEmail,
  normaliseName,
  normaliseRussianPhone,
  passwordLengthProblem,
} from './account-rules';

describe('normaliseEmail', () => {
  it('is case-insensitive and trims', () => {
    expect(normaliseEmail('  Ivan.Petrov@Mail.RU ')).toBe('ivan.petrov@mail.ru');
  });
  it('keeps Cyrillic domains in their punycode form, so look-alikes stay distinct', () => {
    expect(normaliseEmail('ivan@почта.рф')).toBe('ivan@xn--80a1acny.xn--p1ai');
    expect(normaliseEmail('ivan@ПОЧТА.РФ')).toBe('ivan@xn--80a1acny.xn--p1ai');
    // Cyrillic "а" in an otherwise Latin domain is another domain, never mail.ru
    expect(normaliseEmail('ivan@mаil.ru')).not.toBe('ivan@mail.ru');
  });
  it('folds full-width characters (NFKC) instead of storing a second spelling', () => {
    expect(normaliseEmail('ｉｖａｎ@mail.ru')).toBe('ivan@mail.ru');
  });
  it.each([
    '',
    'ivan',
    '@mail.ru',
    'ivan@',
    'ivan@localhost',
    'ivan@mail..ru',
    'iv an@mail.ru',
    'иван@mail.ru',
    '.ivan@mail.ru',
    'ivan..p@mail.ru',
    'ivan@mail.ru/evil',
    'ivan@127.0.0.1',
    'ivan@[::1]',
    'ivan@-mail.ru',
    `${'a'.repeat(65)}@mail.ru`,
    `ivan@${'a'.repeat(250)}.ru`,
    'ivan@mail.ru\u202e',
  ])('refuses %j', (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });
});

describe('normaliseRussianPhone', () => {
  it.each([
    ['8 (910) 123-45-67', '+79101234567'],
    ['+7 910 123 45 67', '+79101234567'],
    ['7-910-123-45-67', '+79101234567'],
    ['9101234567', '+79101234567'],
    ['+7(4842)57-10-27', '+74842571027'],
    ['８ ９１０ １２３ ４５ ６７', '+79101234567'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseRussianPhone(input)).toBe(expected);
  });
  it.each(['', '123', '+8 910 123 45 67', '+79101234567890', '8 910 123 45 6x', '0101234567', 'tel:89101234567'])(
    'refuses %j',
    (input) => {
      expect(normaliseRussianPhone(input)).toBeNull();
    },
  );
});

describe('normaliseName', () => {
  it('collapses whitespace and keeps Cyrillic', () => {
    expect(normaliseName('  Анна   Иванова ')).toBe('Анна Иванова');
  });
  it.each(['', '   ', 'A\u202eB', 'zero\u200bwidth', 'x'.repeat(101)])('refuses %j', (input) => {
    expect(normaliseName(input)).toBeNull();
  });
});

describe('passwordLengthProblem', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(passwordLengthProblem('😀😀😀😀😀😀😀😀')).toBeNull();
    expect(passwordLengthProblem('😀😀😀😀')).toBe('too_short');
    expect(passwordLengthProblem('x'.repeat(257))).toBe('too_long');
  });
});

describe('isOwnedDocId', () => {
  const user = 'uabcdefghijklmnopqrst';
  it('owns its singleton and prefixed documents only', () => {
    expect(isOwnedDocId(user, user)).toBe(true);
    expect(isOwnedDocId(user, `${user}.b1`)).toBe(true);
    expect(isOwnedDocId(user, `${user}.`)).toBe(false);
    expect(isOwnedDocId(user, `${user}x`)).toBe(false);
    expect(isOwnedDocId(user, 'uabcdefghijklmnopqrsu')).toBe(false);
  });
});
