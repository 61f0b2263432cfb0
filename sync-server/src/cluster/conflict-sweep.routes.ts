import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/auth-context';
import type { ConflictSweeper } from '../bookings/conflict-sweeper';

export const CONFLICT_SWEEPS_PATH = '/api/admin/conflict-sweeps';

/**
 * Admin only (401 anonymous, 403 without the role): sweep cluster conflicts now (the answer is that sweep's
 * report), and read the counts since start with the last report — what the admin dashboard will show.
 */
export function registerConflictSweepRoutes(app: FastifyInstance, sweeper: ConflictSweeper): void {
  app.post(CONFLICT_SWEEPS_PATH, async (request) => {
    requireRole(request, 'admin');
    return { sweep: await sweeper.sweep() };
  });

  app.get(CONFLICT_SWEEPS_PATH, (request) => {
    requireRole(request, 'admin');
    return sweeper.stats();
  });
}
