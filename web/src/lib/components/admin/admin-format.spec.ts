import { describe, expect, it } from 'vitest';
import { errorPercent, formatBytes, secondsSince } from './admin-format';

describe('admin figures', () => {
  it('store sizes in the reader’s units', () => {
    expect(formatBytes(512, 'ru')).toBe('512\u00a0Б');
    expect(formatBytes(5 * 1024 * 1024 + 400 * 1024, 'ru')).toBe('5,4\u00a0МБ');
    expect(formatBytes(5 * 1024 * 1024 + 400 * 1024, 'en')).toBe('5.4\u00a0MB');
  });

  it('error rate counts only 5xx among all answers', () => {
    expect(errorPercent({ '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 })).toBe(0);
    expect(errorPercent({ '2xx': 990, '3xx': 0, '4xx': 5, '5xx': 5 })).toBe(0.5);
  });

  it('"updated N s ago" never goes negative', () => {
    expect(secondsSince(10_000, 13_900)).toBe(3);
    expect(secondsSince(10_000, 9_000)).toBe(0);
  });
});
