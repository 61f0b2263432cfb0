// The public side of a review: its copy in `public-reviews` (what every device may read) and the clinic's
// aggregate. Called after the author's review is stored, so the private document is always the source: a crash
// here leaves a public copy or a rating behind by one step, which the next write of the same review repairs.
import { randomBytes } from 'node:crypto';
import type { ClinicRating } from './clinic-rating';
import { publicReviewId, type ReviewDoc, type ReviewStore } from './review.store';

const MAX_ATTEMPTS = 8;
const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 16 random characters of [a-z0-9]: unguessable, and tells nothing about the author. */
export function newPublicKey(): string {
  return [...randomBytes(16)].map((b) => KEY_ALPHABET[b % KEY_ALPHABET.length]).join('');
}

/** The first word of the profile name: enough to sound human, too little to identify anyone. */
export function authorNameOf(profileName: unknown): string {
  if (typeof profileName !== 'string') return '';
  return (profileName.trim().split(/\s+/)[0] ?? '').slice(0, 100);
}

export class ReviewPublication {
  constructor(
    private readonly store: ReviewStore,
    private readonly rating: ClinicRating,
  ) {}

  /** Brings the public copy in line with the stored review (shown when published, gone otherwise), then the rating. */
  async sync(review: Pick<ReviewDoc, '_id' | 'clinicId' | 'status' | 'publicKey'> & Partial<ReviewDoc>): Promise<void> {
    if (review.publicKey === undefined) return;
    const id = publicReviewId(review.clinicId, review.publicKey);
    if (review.status === 'published') await this.show(id, review as ReviewDoc);
    else await this.remove(id);
    await this.rating.recompute(review.clinicId);
  }

  /** The review is gone (deleted by its author or with the account): its copy goes, the rating follows. */
  async withdraw(clinicId: string, publicKey: string | undefined): Promise<void> {
    if (publicKey !== undefined) await this.remove(publicReviewId(clinicId, publicKey));
    await this.rating.recompute(clinicId);
  }

  private async show(id: string, review: ReviewDoc): Promise<void> {
    const author = await this.store.profileOf(review._id.slice(0, review._id.indexOf('.')));
    const body = {
      clinicId: review.clinicId,
      score: review.score,
      text: review.text,
      authorName: authorNameOf(author?.name),
      createdAt: review.createdAt,
      updatedAt: review.updatedAt,
    };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.store.getPublic(id);
      const written = await this.store.putPublic({
        ...body,
        _id: id,
        ...(current?._rev ? { _rev: current._rev } : {}),
      });
      if (written.ok) return;
    }
    throw new Error(`public copy ${id} kept conflicting`);
  }

  private async remove(id: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.store.getPublic(id);
      if (!current?._rev) return;
      if ((await this.store.deletePublic({ ...current, _rev: current._rev })).ok) return;
    }
    throw new Error(`public copy ${id} kept conflicting`);
  }
}
