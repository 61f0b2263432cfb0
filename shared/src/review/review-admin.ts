// The admin's side of reviews: `GET /api/admin/reviews` (query and answer) and the moderation route's path
// parameter. The moderation body is `reviewModerationBodySchema`; paths are in `adminRoutes`.
import type { FromSchema } from 'json-schema-to-ts';
import { EMAIL_MAX_LENGTH } from '../account/account-rules';
import { idSchema } from '../schema-parts';
import { reviewSchema, reviewStatuses, type Review } from './review.schema';

const digits = (n: number) => ({ type: 'string', pattern: `^[0-9]{1,${n}}$` }) as const;

export const adminReviewsQuerySchema = {
  type: 'object',
  properties: {
    clinicId: idSchema,
    status: { type: 'string', enum: reviewStatuses },
    /** Part of the text or of the author's account email (case-insensitive). */
    q: { type: 'string', maxLength: EMAIL_MAX_LENGTH },
    limit: digits(3),
    skip: digits(6),
  },
  additionalProperties: false,
} as const;
export type AdminReviewsQuery = FromSchema<typeof adminReviewsQuerySchema>;

export const reviewIdParamsSchema = {
  type: 'object',
  properties: { reviewId: reviewSchema.properties.id },
  required: ['reviewId'],
} as const;

/** A review as the admin sees it: the author's document plus who wrote it (never shown to anyone else). */
export type AdminReviewView = Omit<Review, 'publicKey'> & {
  userId: string;
  /** The author's account email; absent when the profile is gone. */
  email?: string;
};
export type AdminReviewsAnswer = { reviews: AdminReviewView[]; total: number };
