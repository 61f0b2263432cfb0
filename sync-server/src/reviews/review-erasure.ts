// What account deletion does to reviews (ADR 007, ADR 014): every review of the user is deleted with its public
// copy, and each clinic's rating recomputed. Nothing is kept under a pseudonym: a review is an opinion, not a
// record the clinic needs, and the public copy already carries no user id.
import type { ReviewPublication } from './review-publication';
import type { ReviewStore } from './review.store';

const MAX_ATTEMPTS = 5;

export class ReviewErasure {
  constructor(
    private readonly store: ReviewStore,
    private readonly publication: ReviewPublication,
  ) {}

  /**
   * Runs before the account itself is deleted (its sessions are already ended): a failure leaves the account in
   * place and the deletion can be asked for again, which finds the reviews still left.
   */
  async eraseUser(userId: string): Promise<{ deleted: number }> {
    let deleted = 0;
    for (const listed of await this.store.userReviews(userId)) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const review = attempt === 0 ? listed : await this.store.getReview(listed._id);
        if (!review) break;
        // The public copy first: were the private review deleted first, a crash would strand its copy, whose
        // key only the private review knows.
        await this.publication.withdraw(review.clinicId, review.publicKey);
        if ((await this.store.eraseReview(review._id, review._rev)).ok) {
          deleted += 1;
          break;
        }
      }
    }
    return { deleted };
  }
}
