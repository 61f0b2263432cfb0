import { describe, expect, it } from 'vitest';
import type { PublicReview } from '@poisklinik/shared';
import { newestFirst } from './review-order';

function review(key: string, createdAt: string, updatedAt = createdAt): PublicReview {
  return { id: `c1.${key}`, clinicId: 'c1', score: 4, text: key, authorName: '', createdAt, updatedAt };
}

describe('published reviews order', () => {
  it('shows the newest review first; an edit does not move an older review up', () => {
    const old = review('aaaaaaaa', '2026-11-01T10:00:00.000Z', '2026-11-30T10:00:00.000Z');
    const mid = review('bbbbbbbb', '2026-11-10T10:00:00.000Z');
    const recent = review('cccccccc', '2026-11-20T10:00:00.000Z');
    expect(newestFirst([old, recent, mid]).map((r) => r.text)).toEqual(['cccccccc', 'bbbbbbbb', 'aaaaaaaa']);
  });
});
