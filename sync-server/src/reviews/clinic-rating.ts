// Keeps a clinic's `rating` and `reviewCount` equal to what its public reviews say. Always recomputed from the
// public copies (one key range), never adjusted by +1/−1: a crash between steps, a replay, or two server
// instances writing at once can then leave the aggregate stale for a moment but never wrong for good — the next
// recompute of that clinic sets it right.
import { averageScore } from '@poisklinik/shared';
import type { ClinicDoc, ReviewStore } from './review.store';

const MAX_ATTEMPTS = 8;

export type RatingOutcome = 'updated' | 'unchanged' | 'no_clinic';

export class ClinicRating {
  constructor(
    private readonly store: ReviewStore,
    private readonly now: () => number,
  ) {}

  async recompute(clinicId: string): Promise<RatingOutcome> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      // The clinic before the scores: another instance's recompute that lands after this read makes the write
      // below conflict (and this loop re-read), while one that landed before it wrote its public copy earlier
      // still, so the scores read next include it. Read the other way round, a stale count could win.
      const clinic = await this.store.getClinic(clinicId);
      if (!clinic) return 'no_clinic';
      const scores = await this.store.publicScores(clinicId);
      const rating = averageScore(scores);
      const count = scores.length;
      if (clinic.rating === rating && (clinic.reviewCount ?? 0) === count) return 'unchanged';
      const { rating: _r, reviewCount: _c, ...rest } = clinic;
      const next: ClinicDoc = {
        ...rest,
        ...(rating === undefined ? {} : { rating, reviewCount: count }),
        updatedAt: new Date(this.now()).toISOString(),
      };
      if ((await this.store.putClinic(next)).ok) return 'updated';
    }
    throw new Error(`rating of clinic ${clinicId} kept conflicting`);
  }
}
