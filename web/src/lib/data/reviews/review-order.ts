import type { PublicReview } from '@poisklinik/shared';

/** Newest first by when each review was written; an edit does not move a review up. */
export function newestFirst(reviews: readonly PublicReview[]): PublicReview[] {
  return [...reviews].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
