import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/auth-context';
import type { ConflictSweeper } from '../bookings/conflict-sweeper';
import { errorResponses } from '../api-docs/doc-schemas';

const tags = ['admin'];
const config = { access: 'admin' } as const;
const reportSchema = {
  type: 'object',
  description: 'What a sweep did: tickets/bookings/ledgers resolved, bookings rejected, unresolved left, tookMs.',
  properties: { unresolved: { type: 'integer' }, tookMs: { type: 'number' }, startedAt: { type: 'string' } },
} as const;
import { HttpError } from '../http/http-error';

export const CONFLICT_SWEEPS_PATH = '/api/admin/conflict-sweeps';

/**
 * Admin only (401 anonymous, 403 without the role): sweep cluster conflicts now (the answer is that sweep's
 * report), and read the counts since start with the last report — what the admin dashboard will show. A sweep
 * asked of an instance that does not hold the background-jobs lease is refused (409): two instances never sweep
 * at once (ADR 018).
 */
export function registerConflictSweepRoutes(
  app: FastifyInstance,
  sweeper: ConflictSweeper,
  holdsLease: () => boolean = () => true,
): void {
  app.post(
    CONFLICT_SWEEPS_PATH,
    {
      config,
      schema: {
        summary: 'Sweep cluster conflicts of tickets and bookings now',
        tags,
        response: { 200: { type: 'object', properties: { sweep: reportSchema } }, ...errorResponses(401, 403, 409) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      if (!holdsLease()) throw new HttpError(409, 'conflict', 'Another server instance sweeps now; try again there.');
      return { sweep: await sweeper.sweep() };
    },
  );

  app.get(
    CONFLICT_SWEEPS_PATH,
    {
      config,
      schema: {
        summary: 'Conflict sweeps since start and the last report',
        tags,
        response: {
          200: {
            type: 'object',
            properties: { runs: { type: 'integer' }, failures: { type: 'integer' }, last: reportSchema },
          },
          ...errorResponses(401, 403),
        },
      },
    },
    (request) => {
      requireRole(request, 'admin');
      return sweeper.stats();
    },
  );
}
