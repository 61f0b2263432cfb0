import { describe, expect, it } from 'vitest';
import { randomInt, randomPick, seededRandom } from './random';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs across seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });
  it('stays in [0, 1) and spreads evenly', () => {
    const rnd = seededRandom(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = rnd();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const n of buckets) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });
  it('draws integers with both ends included and picks from lists', () => {
    const rnd = seededRandom(7);
    const seen = new Set(Array.from({ length: 200 }, () => randomInt(rnd, 1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
    expect(['a', 'b']).toContain(randomPick(rnd, ['a', 'b']));
    expect(() => randomPick(rnd, [])).toThrow(RangeError);
  });
});
