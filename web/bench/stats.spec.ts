import { describe, expect, it } from 'vitest';
import { percentile, summarise } from './stats';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([7], 95)).toBe(7);
  });
  it('summarises without reordering the input', () => {
    const xs = [5, 1, 4];
    expect(summarise(xs)).toEqual({ n: 3, median: 4, p95: 5, min: 1, max: 5 });
    expect(xs).toEqual([5, 1, 4]);
  });
});
