import type { RxCollection } from 'rxdb';
import { reviewIdOf, type Review } from '@poisklinik/shared';
import { nextStamp } from '../account/pending-writes';
import type { RecordWrite } from '../bookings/booking-writes';
import { draftReview, reviewProblem, type ReviewInput } from './review-draft';

/**
 * Writes the user's review of a clinic on the device (a new one, or an edit of the one they have): `pending`
 * until the server answers; offline it waits for the replication's push. Null when the input breaks a rule.
 */
export async function writeReview(
  reviews: RxCollection<Review>,
  userId: string,
  clinicId: string,
  input: ReviewInput,
  record: RecordWrite,
): Promise<Review | null> {
  if (reviewProblem(input) !== null) return null;
  const existing = await reviews.findOne(reviewIdOf(userId, clinicId)).exec();
  const previous = existing?.toMutableJSON();
  const updatedAt = nextStamp(previous?.updatedAt ?? '', Date.now());
  const review = draftReview(userId, clinicId, input, previous, updatedAt);
  // Recorded before the write: a write that then fails leaves a stamp no document carries, which never counts.
  record(review.id, review.updatedAt);
  // Whole-document replace (not a merge), so the previous answer's reason and note do not survive an edit.
  if (existing) await existing.incrementalModify(() => review);
  else await reviews.insert(review);
  return review;
}

/** Deletes the user's review of a clinic on the device; the deletion is pushed like any write. */
export async function deleteReview(reviews: RxCollection<Review>, userId: string, clinicId: string): Promise<boolean> {
  const existing = await reviews.findOne(reviewIdOf(userId, clinicId)).exec();
  if (!existing) return false;
  await existing.incrementalRemove();
  return true;
}
