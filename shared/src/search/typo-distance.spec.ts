import { describe, expect, it } from 'vitest';
import { TopKHeap } from './top-k-heap';
import { boundedDamerauLevenshtein, typoBudget } from './typo-distance';

describe('boundedDamerauLevenshtein', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit', () => {
    expect(boundedDamerauLevenshtein('поликлиник', 'поликлиник', 2)).toBe(0);
    expect(boundedDamerauLevenshtein('поликлинник', 'поликлиник', 2)).toBe(1);
    expect(boundedDamerauLevenshtein('полкилиник', 'поликлиник', 2)).toBe(1);
    expect(boundedDamerauLevenshtein('поликленик', 'поликлиник', 2)).toBe(1);
    expect(boundedDamerauLevenshtein('стамотолог', 'стоматолог', 2)).toBe(2);
  });
  it('stops at the cap', () => {
    expect(boundedDamerauLevenshtein('кардиолог', 'гинеколог', 2)).toBe(3);
    expect(boundedDamerauLevenshtein('а', 'абвгд', 1)).toBe(2);
  });
  it('allows no typo below 4 letters, one up to 7, two from 8', () => {
    expect([3, 4, 7, 8, 12].map(typoBudget)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe('TopKHeap', () => {
  it('keeps the best k by (primary, secondary, slot) and drains them in order', () => {
    const heap = new TopKHeap();
    heap.reset(3);
    const items: [number, number, number][] = [
      [5, 0, 1],
      [1, 0, 2],
      [3, 1, 3],
      [3, 0, 4],
      [9, 0, 5],
      [1, 0, 0],
    ];
    for (const [p, s, slot] of items) heap.offer(p, s, slot);
    expect(Array.from(heap.drainSorted())).toEqual([0, 2, 4]);
    heap.reset(0);
    heap.offer(1, 1, 1);
    expect(heap.drainSorted()).toHaveLength(0);
  });
});
