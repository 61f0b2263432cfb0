// `/api/admin/reviews`: the moderation list and the moderation decision, admins only (401 anonymous, 403 others).
// Query, params and body are validated from the shared schemas by the server's validator (400 `{error, reason}`).
import type { FastifyInstance } from 'fastify';
import {
  adminReviewsQuerySchema,
  adminRoutePatterns,
  adminRoutes,
  reviewIdParamsSchema,
  reviewModerationBodySchema,
  type AdminReviewsQuery,
  type ReviewModerationBody,
} from '@poisklinik/shared';
import { errorResponses } from '../api-docs/doc-schemas';
import { requireRole } from '../auth/auth-context';
import type { ReviewModeration } from './review-moderation.service';

export function registerAdminReviewRoutes(app: FastifyInstance, moderation: ReviewModeration): void {
  const tags = ['admin', 'reviews'];
  const config = { access: 'admin' } as const;

  app.get<{ Querystring: AdminReviewsQuery }>(
    adminRoutes.reviews,
    {
      config,
      schema: {
        summary: 'List reviews to moderate (newest first), with their authors',
        tags,
        querystring: adminReviewsQuerySchema,
        response: errorResponses(400, 401, 403),
      },
    },
    async (request) => moderation.list(requireRole(request, 'admin'), request.query),
  );

  app.post<{ Params: { reviewId: string }; Body: ReviewModerationBody }>(
    adminRoutePatterns.reviewModeration,
    {
      config,
      schema: {
        summary: 'Hide a review (with a note for its author) or publish it again',
        tags,
        params: reviewIdParamsSchema,
        body: reviewModerationBodySchema,
        response: errorResponses(400, 401, 403, 404, 409),
      },
    },
    async (request) => moderation.moderate(requireRole(request, 'admin'), request.params.reviewId, request.body),
  );
}
