// Builds the reviews module from the store: the write handler of `reviews`, moderation and account erasure all
// share one publication (public copies + clinic aggregate).
import type { Store } from '../store/store.types';
import { ClinicRating } from './clinic-rating';
import { ReviewErasure } from './review-erasure';
import { ReviewModeration } from './review-moderation.service';
import { ReviewPublication } from './review-publication';
import { ReviewService } from './review.service';
import { ReviewStore } from './review.store';

export type ReviewModuleOptions = {
  store: Store;
  now: () => number;
  log: { warn(fields: Record<string, unknown>, message: string): void };
};

export type ReviewModule = {
  service: ReviewService;
  store: ReviewStore;
  publication: ReviewPublication;
  rating: ClinicRating;
  moderation: ReviewModeration;
  /** Account deletion's part in reviews (hooked to `AccountService.onAccountDeleted`). */
  erasure: ReviewErasure;
};

export function createReviewModule(options: ReviewModuleOptions): ReviewModule {
  const store = new ReviewStore(options.store);
  const rating = new ClinicRating(store, options.now);
  const publication = new ReviewPublication(store, rating);
  const service = new ReviewService({ store, publication, now: options.now, log: options.log });
  const moderation = new ReviewModeration({ store, publication, now: options.now, log: options.log });
  return { service, store, publication, rating, moderation, erasure: new ReviewErasure(store, publication) };
}
