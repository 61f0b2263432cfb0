import { describe, expect, it } from 'vitest';
import { shortCount } from './cluster-labels';

describe('shortCount', () => {
  it('is exact below a thousand and rounds down beyond, never claiming more than there is', () => {
    expect(shortCount(7, 'ru')).toBe('7');
    expect(shortCount(999, 'ru')).toBe('999');
    expect(shortCount(1000, 'ru')).toBe('1k');
    expect(shortCount(1290, 'ru')).toBe('1,2k');
    expect(shortCount(1290, 'en')).toBe('1.2k');
    expect(shortCount(12_999, 'en')).toBe('12k');
    expect(shortCount(100_000, 'en')).toBe('100k');
  });
});
