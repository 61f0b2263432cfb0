// The write handler of the per-user `reviews` collection: every document a device pushes comes here (already
// known to be the user's own). The device writes score, text and `status: 'pending'`; the server decides the
// rest — published, kept hidden when an admin hid it, or rejected when the clinic does not exist — and keeps the
// public copy and the clinic's rating in step. Refusals are revision conflicts carrying the stored review, so
// RxDB adopts the server's copy instead of retrying forever (as for bookings, ADR 011). See ADR 014.
import { reviewIdOf, reviewSchema, type Review } from '@poisklinik/shared';
import type { NewDoc, StoredDoc, WriteError, WriteOk } from '../store/store.types';
import type { UserWriteHandler } from '../replication/user/user-bulk-docs';
import { schemaErrors } from '../accounts/body-validator';
import { newPublicKey, type ReviewPublication } from './review-publication';
import type { NewReviewDoc, ReviewDoc, ReviewStore } from './review.store';

export type ReviewConflict = WriteError & { error: 'conflict'; doc?: StoredDoc };
export type ReviewWriteResult = WriteOk | ReviewConflict;

export type ReviewServiceDeps = {
  store: ReviewStore;
  publication: ReviewPublication;
  now: () => number;
  log: { warn(fields: Record<string, unknown>, message: string): void };
};

export function conflict(id: string, reason: string, doc?: ReviewDoc | null): ReviewConflict {
  const row: ReviewConflict = { ok: false, id, error: 'conflict', reason };
  if (doc) row.doc = doc;
  return row;
}

/** Fields a device sends that only the server decides; whatever the device says about them is ignored. */
type PushedReview = Omit<Review, 'id'>;

export class ReviewService implements UserWriteHandler {
  constructor(private readonly deps: ReviewServiceDeps) {}

  private nowIso(): string {
    return new Date(this.deps.now()).toISOString();
  }

  async applyClientWrite(userId: string, doc: NewDoc): Promise<ReviewWriteResult> {
    const id = doc._id;
    if (!id.startsWith(`${userId}.`)) return conflict(id, 'A review can only be written by its author.');
    const current = await this.deps.store.getReview(id);
    // A device that deleted its review and wrote a new one pushes on top of the tombstone's revision.
    const gone = current ? null : await this.deps.store.tombstone(id);
    const onTombstone = doc._rev !== undefined && doc._rev === gone?._rev;
    // A replay (retry, reconnect, a second device) carries an outdated revision: it meets the stored review as a
    // conflict and the device adopts the server's copy, so a replay never writes twice.
    if (doc._rev !== current?._rev && !onTombstone) return conflict(id, 'Document update conflict.', current);
    if (doc._deleted) return current ? this.remove(current) : conflict(id, 'The review is already deleted.');
    const { _id, _rev, _revisions, _deleted, ...fields } = doc;
    const problem = schemaErrors(reviewSchema, { ...fields, id });
    if (problem !== null) return conflict(id, `Not a valid review: ${problem}`, current);
    const pushed = fields as PushedReview;
    if (id !== reviewIdOf(userId, pushed.clinicId)) {
      return conflict(id, 'A review id is "<your user id>.<clinic id>" of the clinic it reviews.', current);
    }
    if (pushed.status !== 'pending' && pushed.status !== current?.status) {
      return conflict(id, 'A device writes a review as pending; the server decides its status.', current);
    }
    // Deleting a hidden review and writing it again must not un-hide it either: the tombstone remembers.
    const hidden = current?.status === 'hidden' || gone?.status === 'hidden';
    const note = (current ?? gone)?.moderationNote;
    return this.store(id, pushed, current, hidden ? { note: typeof note === 'string' ? note : undefined } : null);
  }

  private async store(
    id: string,
    pushed: PushedReview,
    current: ReviewDoc | null,
    hidden: { note: string | undefined } | null,
  ): Promise<ReviewWriteResult> {
    const now = this.nowIso();
    const clinic = await this.deps.store.getClinic(pushed.clinicId);
    const base = {
      _id: id,
      ...(current ? { _rev: current._rev } : {}),
      clinicId: pushed.clinicId,
      score: pushed.score,
      text: pushed.text,
      // The key of the public copy is the server's alone: a pushed one could point at someone else's copy.
      publicKey: current?.publicKey ?? newPublicKey(),
      // Kept from the first version; a device's clock may say when it was written offline, but not the future.
      createdAt: current?.createdAt ?? (Date.parse(pushed.createdAt) < Date.parse(now) ? pushed.createdAt : now),
      updatedAt: now,
    };
    let next: NewReviewDoc;
    if (!clinic) next = { ...base, status: 'rejected', reason: 'clinic_missing' };
    // An edit never un-hides: otherwise moderation could be undone by changing a comma.
    else if (hidden) next = { ...base, status: 'hidden', ...(hidden.note ? { moderationNote: hidden.note } : {}) };
    else next = { ...base, status: 'published' };
    const written = await this.deps.store.putReview(next);
    if (!written.ok) return conflict(id, 'Document update conflict.', await this.deps.store.getReview(id));
    const stored: ReviewDoc = { ...next, _rev: written.rev };
    await this.publish(stored);
    if (stored.status === 'rejected') return conflict(id, 'The clinic does not exist.', stored);
    return { ok: true, id, rev: written.rev };
  }

  private async remove(current: ReviewDoc): Promise<ReviewWriteResult> {
    const written = await this.deps.store.deleteReview(current);
    if (!written.ok) {
      return conflict(current._id, 'Document update conflict.', await this.deps.store.getReview(current._id));
    }
    await this.withdraw(current);
    return { ok: true, id: current._id, rev: written.rev };
  }

  /**
   * The review itself is stored (and is what the device was told): a failure of its public side is logged, not
   * answered as an error — the next write of this review, or any review of the clinic, repairs it.
   */
  private async publish(review: ReviewDoc): Promise<void> {
    await this.deps.publication.sync(review).catch((err: unknown) => {
      this.deps.log.warn({ err, reviewId: review._id }, 'public copy or rating of a review not updated');
    });
  }

  async withdraw(review: ReviewDoc): Promise<void> {
    await this.deps.publication.withdraw(review.clinicId, review.publicKey).catch((err: unknown) => {
      this.deps.log.warn({ err, reviewId: review._id }, 'public copy or rating of a deleted review not updated');
    });
  }
}
