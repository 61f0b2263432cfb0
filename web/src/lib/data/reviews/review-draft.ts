import {
  REVIEW_SCORE_MAX,
  REVIEW_SCORE_MIN,
  REVIEW_TEXT_MAX_LENGTH,
  reviewIdOf,
  type Review,
} from '@poisklinik/shared';

/** What the user typed in the review form. */
export type ReviewInput = { readonly score: number; readonly text: string };

/** Why the form cannot be saved yet; the same limits the server checks, so a saved review is never refused for them. */
export type ReviewProblem = 'score' | 'text_long';

export function reviewProblem(input: ReviewInput): ReviewProblem | null {
  if (!Number.isInteger(input.score) || input.score < REVIEW_SCORE_MIN || input.score > REVIEW_SCORE_MAX) {
    return 'score';
  }
  if (input.text.trim().length > REVIEW_TEXT_MAX_LENGTH) return 'text_long';
  return null;
}

/**
 * The document a save writes: always `pending` again (the server decides anew), without the previous answer's
 * reason or note, keeping the first `createdAt` so an edit does not move the review to the top of the list.
 * `updatedAt` must be strictly later than the stored one (see nextStamp), which the caller computes.
 */
export function draftReview(
  userId: string,
  clinicId: string,
  input: ReviewInput,
  previous: Review | undefined,
  updatedAt: string,
): Review {
  return {
    id: reviewIdOf(userId, clinicId),
    clinicId,
    score: input.score,
    text: input.text.trim(),
    status: 'pending',
    // The server's own (it ignores a pushed one); kept so the device's copy stays whole until the next pull.
    ...(previous?.publicKey ? { publicKey: previous.publicKey } : {}),
    createdAt: previous?.createdAt ?? updatedAt,
    updatedAt,
  };
}
