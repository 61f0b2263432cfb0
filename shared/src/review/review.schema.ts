import type { FromSchema } from 'json-schema-to-ts';
import { idSchema, timestampSchema } from '../schema-parts';
import { USER_ID_PATTERN } from '../account/account-rules';

export const REVIEW_SCHEMA_VERSION = 0;

export const REVIEW_TEXT_MAX_LENGTH = 1000;
export const REVIEW_SCORE_MIN = 1;
export const REVIEW_SCORE_MAX = 5;

/**
 * pending: written on the device (also offline), not yet accepted; published: accepted and shown on the clinic;
 * hidden: an admin hid it (an edit keeps it hidden, or moderation could be undone by editing a comma);
 * rejected: the server refused it (see `reason`).
 */
export const reviewStatuses = ['pending', 'published', 'hidden', 'rejected'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** Why a review was refused; the app shows each in words. */
export const reviewReasons = ['clinic_missing', 'invalid'] as const;
export type ReviewReason = (typeof reviewReasons)[number];

const clinicIdPart = idSchema.pattern.slice(1, -1);

/**
 * A user's own review of one clinic, in the per-user collection `reviews`. `id` = "<userId>.<clinicId>": owned
 * (see `isOwnedDocId`) and deterministic, so "one review per clinic per user" holds by construction — a second
 * device writing a review of the same clinic edits the same document instead of adding one. The device writes
 * `score`, `text` and `status: 'pending'`; deleting the document deletes the review. Status, reason and
 * `moderationNote` come from the server.
 */
export const reviewSchema = {
  title: 'review',
  description: "A user's own review of a clinic (score 1–5 and text), synced to that user's devices only.",
  version: REVIEW_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 23, maxLength: 86, pattern: `${USER_ID_PATTERN.slice(0, -1)}\\.${clinicIdPart}$` },
    clinicId: idSchema,
    score: { type: 'integer', minimum: REVIEW_SCORE_MIN, maximum: REVIEW_SCORE_MAX },
    text: { type: 'string', maxLength: REVIEW_TEXT_MAX_LENGTH },
    status: { type: 'string', enum: reviewStatuses, maxLength: 10 },
    reason: { type: 'string', enum: reviewReasons, maxLength: 16 },
    /** An admin's note when hiding, shown to the author only. */
    moderationNote: { type: 'string', maxLength: 300 },
    /**
     * Server-maintained: the random key of this review's public copy ("<clinicId>.<publicKey>"), so an edit
     * updates the same public document. Only its author's devices see it; the server ignores a pushed value.
     */
    publicKey: { type: 'string', pattern: '^[a-z0-9]{8,32}$', maxLength: 32 },
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  },
  required: ['id', 'clinicId', 'score', 'text', 'status', 'createdAt', 'updatedAt'],
  additionalProperties: false,
} as const;

export type Review = FromSchema<typeof reviewSchema>;

export function reviewIdOf(userId: string, clinicId: string): string {
  return `${userId}.${clinicId}`;
}

export const PUBLIC_REVIEW_SCHEMA_VERSION = 0;

/**
 * A published review as everybody sees it, in the public read-only feed `/db/clinic/<clinicId>/reviews/`. The
 * server derives it from the author's review; `id` = "<clinicId>.<publicKey>" where the key is random per review,
 * so the feed never reveals who wrote what (no user id) and one clinic's reviews form one key range. Hiding or
 * deleting a review deletes its public document, which removes it from every device.
 */
export const publicReviewSchema = {
  title: 'public review',
  description: 'A published review of a clinic, readable by everybody (also offline once synced).',
  version: PUBLIC_REVIEW_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 3, maxLength: 100, pattern: `^${clinicIdPart}\\.[a-z0-9]{8,32}$` },
    clinicId: idSchema,
    score: { type: 'integer', minimum: REVIEW_SCORE_MIN, maximum: REVIEW_SCORE_MAX },
    text: { type: 'string', maxLength: REVIEW_TEXT_MAX_LENGTH },
    /** The author's first name from the profile, or empty (the app then shows "Пациент"). */
    authorName: { type: 'string', maxLength: 100 },
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  },
  required: ['id', 'clinicId', 'score', 'text', 'authorName', 'createdAt', 'updatedAt'],
  additionalProperties: false,
} as const;

export type PublicReview = FromSchema<typeof publicReviewSchema>;

/** An admin's moderation decision: `POST /api/admin/reviews/<reviewId>/moderation`. */
export const reviewModerationBodySchema = {
  type: 'object',
  properties: {
    action: { type: 'string', enum: ['hide', 'publish'] },
    note: { type: 'string', maxLength: 300 },
  },
  required: ['action'],
  additionalProperties: false,
} as const;

export type ReviewModerationBody = FromSchema<typeof reviewModerationBodySchema>;

/** Average shown on a clinic: one decimal, as the list and the rating filter use it. */
export function averageScore(scores: readonly number[]): number | undefined {
  if (scores.length === 0) return undefined;
  const sum = scores.reduce((a, b) => a + b, 0);
  return Math.round((sum / scores.length) * 10) / 10;
}
