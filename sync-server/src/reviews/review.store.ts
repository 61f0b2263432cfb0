// The only code of the reviews module that talks to the store. `reviews` is the per-user collection (the author's
// devices replicate it); `public-reviews` holds the public copies the clinic feeds serve; the clinic aggregate is
// written into the catalogue's `clinics` database, and the author's first name read from `profiles`.
import type { Clinic, PublicReview, Review } from '@poisklinik/shared';
import type { Store, StoreDatabase, StoredDoc, WriteResult } from '../store/store.types';

export const REVIEWS_DB = 'reviews';
export const PUBLIC_REVIEWS_DB = 'public-reviews';
const CLINICS_DB = 'clinics';
const PROFILES_DB = 'profiles';

export type ReviewDoc = Omit<Review, 'id'> & { _id: string; _rev: string };
export type NewReviewDoc = Omit<Review, 'id'> & { _id: string; _rev?: string };
export type PublicReviewDoc = Omit<PublicReview, 'id'> & { _id: string; _rev?: string };
export type ClinicDoc = Omit<Clinic, 'id'> & { _id: string; _rev: string };

/** Keys sort by prefix: `<p>.` … `<p>.\ufff0` is one user's (or one clinic's) range in `_all_docs`. */
const RANGE_END = '\ufff0';
const SCAN_PAGE = 500;

export function publicReviewId(clinicId: string, publicKey: string): string {
  return `${clinicId}.${publicKey}`;
}

export class ReviewStore {
  constructor(private readonly store: Store) {}

  private db(name: string): Promise<StoreDatabase> {
    return this.store.database(name);
  }

  async getReview(id: string): Promise<ReviewDoc | null> {
    return (await (await this.db(REVIEWS_DB)).get(id)) as ReviewDoc | null;
  }

  /** Revision-checked: without `_rev` only a new (or deleted) document is written. */
  async putReview(doc: NewReviewDoc): Promise<WriteResult> {
    return (await this.db(REVIEWS_DB)).put(doc);
  }

  /**
   * The tombstone keeps the review's fields but its text: RxDB validates pulled deletions against the schema too,
   * so a bare `{_id, _deleted}` would stop the author's devices' pull; the words themselves are not needed.
   */
  async deleteReview(review: ReviewDoc): Promise<WriteResult> {
    return (await this.db(REVIEWS_DB)).put({ ...review, text: '', _deleted: true });
  }

  /** Account deletion: a bare tombstone, keeping nothing of the review (no device of that account pulls any more). */
  async eraseReview(id: string, rev: string): Promise<WriteResult> {
    return (await this.db(REVIEWS_DB)).put({ _id: id, _rev: rev, _deleted: true });
  }

  /**
   * A deleted review's tombstone (its revision, and the fields it kept: a review deleted by its author keeps its
   * status), or null when the review is live or was never written.
   */
  async tombstone(id: string): Promise<{ _rev: string; status?: unknown; moderationNote?: unknown } | null> {
    const db = await this.db(REVIEWS_DB);
    const [row] = (await db.allDocs({ keys: [id] })).rows;
    if (row === undefined || !('value' in row) || row.value.deleted !== true) return null;
    return (await db.get(id, { rev: row.value.rev })) ?? { _rev: row.value.rev };
  }

  /** One user's reviews (the id starts with the user id). */
  async userReviews(userId: string): Promise<ReviewDoc[]> {
    const result = await (
      await this.db(REVIEWS_DB)
    ).allDocs({ startkey: `${userId}.`, endkey: `${userId}.${RANGE_END}`, includeDocs: true });
    return result.rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as ReviewDoc] : []));
  }

  /** Every review, a page at a time (the admin's list; memory bounded by the page). */
  async *allReviews(): AsyncGenerator<ReviewDoc> {
    const db = await this.db(REVIEWS_DB);
    let after: string | undefined;
    for (;;) {
      const page = await db.allDocs({
        includeDocs: true,
        limit: SCAN_PAGE,
        ...(after === undefined ? {} : { startkey: after, skip: 1 }),
      });
      for (const row of page.rows) if ('doc' in row && row.doc) yield row.doc as ReviewDoc;
      const last = page.rows.at(-1);
      if (!last || page.rows.length < SCAN_PAGE) return;
      after = last.key;
    }
  }

  async getPublic(id: string): Promise<PublicReviewDoc | null> {
    return (await (await this.db(PUBLIC_REVIEWS_DB)).get(id)) as PublicReviewDoc | null;
  }

  async putPublic(doc: PublicReviewDoc): Promise<WriteResult> {
    return (await this.db(PUBLIC_REVIEWS_DB)).put(doc);
  }

  /**
   * The tombstone is a schema-valid public review without text or name: every device pulling the clinic's feed
   * validates the deletion against `publicReviewSchema`, and the feed routes it by its `clinicId`.
   */
  async deletePublic(current: PublicReviewDoc & { _rev: string }): Promise<WriteResult> {
    return (await this.db(PUBLIC_REVIEWS_DB)).put({ ...current, text: '', authorName: '', _deleted: true });
  }

  /** Scores of one clinic's public reviews: one key range (a clinic id may contain ".", hence the body check). */
  async publicScores(clinicId: string): Promise<number[]> {
    const result = await (
      await this.db(PUBLIC_REVIEWS_DB)
    ).allDocs({ startkey: `${clinicId}.`, endkey: `${clinicId}.${RANGE_END}`, includeDocs: true });
    return result.rows.flatMap((row) => {
      const doc = 'doc' in row ? row.doc : undefined;
      return doc && doc.clinicId === clinicId && typeof doc.score === 'number' ? [doc.score] : [];
    });
  }

  async getClinic(id: string): Promise<ClinicDoc | null> {
    return (await (await this.db(CLINICS_DB)).get(id)) as ClinicDoc | null;
  }

  async putClinic(doc: ClinicDoc): Promise<WriteResult> {
    return (await this.db(CLINICS_DB)).put(doc);
  }

  async profileOf(userId: string): Promise<StoredDoc | null> {
    return (await this.db(PROFILES_DB)).get(userId);
  }
}
