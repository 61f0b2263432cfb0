import { browser } from '$app/environment';
import { clinicReviewsUrl, type PublicReview } from '@poisklinik/shared';
import { pullFeedOnce } from '../feed-pull';
import { PullRuns } from '../pull-runs';
import { watchQuery } from '../watch-query';
import { FAVOURITES_KEY, keptClinics, readIdList, RECENT_KEY } from '../tickets/ticket-places.storage';
import { openPublicReviewsDb } from './public-reviews.db';
import { newestFirst } from './review-order';
import { isReviewsPulledAtKey, readReviewsPulledAt, writeReviewsPulledAt } from './reviews-age.storage';

/**
 * Published reviews on the device: pulled when a clinic is opened, and again for the favourite and recently
 * opened clinics (the same list the tickets keep) when the network comes back. Reading them is `watchClinic`.
 */
export class PublicReviews {
  /** Bumped when a pull time changes (here or in another tab), so ages re-read localStorage. */
  #pulls = $state(0);
  #origin = '';
  #started = false;
  readonly #runs = new PullRuns('reviews');

  start(origin: string): void {
    if (!browser || this.#started) return;
    this.#started = true;
    this.#origin = origin;
    window.addEventListener('online', () => void this.refreshKept());
    window.addEventListener('storage', (event) => {
      if (isReviewsPulledAtKey(event.key)) this.#pulls++;
    });
  }

  /** Pulls this clinic's reviews now (the clinic page was opened, or the user's own review changed state). */
  refreshClinic(clinicId: string): Promise<boolean> {
    // The feed's checkpoint is per clinic URL: a repeated pull brings only what changed, hidden reviews included.
    return this.#runs.run(
      clinicId,
      () =>
        openPublicReviewsDb().then((db) =>
          pullFeedOnce(db.reviews, clinicReviewsUrl(this.#origin, clinicId), 'reviews-pull'),
        ),
      (startedAt) => {
        writeReviewsPulledAt(localStorage, clinicId, startedAt);
        this.#pulls++;
      },
    );
  }

  /** Favourite and recently opened clinics, one at a time (they share the browser's few connections). */
  async refreshKept(): Promise<void> {
    if (!navigator.onLine) return;
    const clinics = keptClinics(readIdList(localStorage, FAVOURITES_KEY), readIdList(localStorage, RECENT_KEY));
    for (const clinicId of clinics) await this.refreshClinic(clinicId);
  }

  /** When the device last received this clinic's reviews; null when never. */
  pulledAt(clinicId: string): Date | null {
    void this.#pulls;
    return readReviewsPulledAt(localStorage, clinicId);
  }

  /** Calls `set` with the clinic's reviews on the device (newest first) now and after each change. */
  watchClinic(clinicId: string, set: (reviews: PublicReview[]) => void): () => void {
    return watchQuery(
      () => openPublicReviewsDb().then((db) => db.reviews.find({ selector: { clinicId } })),
      (docs) => set(newestFirst(docs)),
      'reviews',
    );
  }
}

let instance: PublicReviews | undefined;

/** The app's published reviews; the first call in the browser starts keeping them current. */
export function getPublicReviews(): PublicReviews {
  if (!instance) {
    instance = new PublicReviews();
    if (browser) instance.start(location.origin);
  }
  return instance;
}
