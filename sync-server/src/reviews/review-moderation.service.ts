// What an admin does with reviews: list them (with the author, which nobody else ever sees) and hide or publish
// one. Hiding deletes the public copy and takes the review out of the clinic's rating; the author's devices get
// the `hidden` status and the note through their own `reviews` collection. See ADR 014.
import {
  ADMIN_PAGE_DEFAULT,
  ADMIN_PAGE_MAX,
  type AdminReviewView,
  type AdminReviewsAnswer,
  type AdminReviewsQuery,
  type ReviewModerationBody,
} from '@poisklinik/shared';
import type { AuthContext } from '../auth/auth-context';
import { HttpError, notFound } from '../http/http-error';
import { newPublicKey, type ReviewPublication } from './review-publication';
import type { NewReviewDoc, ReviewDoc, ReviewStore } from './review.store';

export type ReviewModerationDeps = {
  store: ReviewStore;
  publication: ReviewPublication;
  now: () => number;
  log: { warn(fields: Record<string, unknown>, message: string): void };
};

function authorOf(reviewId: string): string {
  return reviewId.slice(0, reviewId.indexOf('.'));
}

function requireAdmin(actor: AuthContext): void {
  if (!actor.roles.includes('admin')) throw new HttpError(403, 'forbidden', 'This needs the admin role.');
}

export class ReviewModeration {
  constructor(private readonly deps: ReviewModerationDeps) {}

  /** Newest first. A full scan of `reviews`: moderation is rare and the list is filtered as it is read. */
  async list(actor: AuthContext, query: AdminReviewsQuery): Promise<AdminReviewsAnswer> {
    requireAdmin(actor);
    const limit = Math.min(Number(query.limit ?? ADMIN_PAGE_DEFAULT), ADMIN_PAGE_MAX);
    const skip = Number(query.skip ?? 0);
    const needle = query.q?.trim().toLowerCase() ?? '';
    const emails = new Map<string, string | undefined>();
    const matches: AdminReviewView[] = [];
    for await (const review of this.deps.store.allReviews()) {
      if (query.clinicId !== undefined && review.clinicId !== query.clinicId) continue;
      if (query.status !== undefined && review.status !== query.status) continue;
      const view = await this.view(review, emails);
      if (needle && !view.text.toLowerCase().includes(needle) && !(view.email ?? '').includes(needle)) continue;
      matches.push(view);
    }
    matches.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    return { reviews: matches.slice(skip, skip + limit), total: matches.length };
  }

  async moderate(actor: AuthContext, reviewId: string, body: ReviewModerationBody): Promise<AdminReviewView> {
    requireAdmin(actor);
    const review = await this.deps.store.getReview(reviewId);
    if (!review) throw notFound('No such review.');
    const { reason: _reason, moderationNote: _note, ...rest } = review;
    const updatedAt = new Date(this.deps.now()).toISOString();
    let next: NewReviewDoc;
    if (body.action === 'hide') {
      next = { ...rest, status: 'hidden', updatedAt, ...(body.note ? { moderationNote: body.note } : {}) };
    } else {
      if (!(await this.deps.store.getClinic(review.clinicId))) {
        throw new HttpError(409, 'conflict', 'The clinic of this review does not exist; it cannot be published.');
      }
      next = { ...rest, status: 'published', updatedAt, publicKey: review.publicKey ?? newPublicKey() };
    }
    const written = await this.deps.store.putReview(next);
    if (!written.ok) throw new HttpError(409, 'conflict', 'The review changed meanwhile; read it again.');
    const stored: ReviewDoc = { ...next, _rev: written.rev };
    await this.deps.publication.sync(stored).catch((err: unknown) => {
      this.deps.log.warn({ err, reviewId }, 'public copy or rating of a moderated review not updated');
    });
    return this.view(stored, new Map());
  }

  private async view(review: ReviewDoc, emails: Map<string, string | undefined>): Promise<AdminReviewView> {
    const userId = authorOf(review._id);
    if (!emails.has(userId)) {
      const email = (await this.deps.store.profileOf(userId))?.email;
      emails.set(userId, typeof email === 'string' ? email : undefined);
    }
    const email = emails.get(userId);
    const { _id, _rev: _r, publicKey: _k, ...fields } = review;
    return { ...fields, id: _id, userId, ...(email === undefined ? {} : { email }) };
  }
}
