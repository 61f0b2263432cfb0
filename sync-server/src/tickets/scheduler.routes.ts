import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/auth-context';
import { badRequest, HttpError } from '../http/http-error';
import { SchedulerBusyError, type TicketScheduler } from './ticket-scheduler.service';

export const SCHEDULER_RUNS_PATH = '/api/admin/scheduler/runs';
const DEFAULT_LIST = 20;

function parseLimit(raw: unknown): number {
  if (raw === undefined) return DEFAULT_LIST;
  if (typeof raw !== 'string' || !/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 100) {
    throw badRequest('limit must be an integer from 1 to 100.');
  }
  return Number(raw);
}

/** Admin only (401 anonymous, 403 without the role): run the scheduler now, and read its latest runs. */
export function registerSchedulerRoutes(app: FastifyInstance, scheduler: TicketScheduler): void {
  app.post(SCHEDULER_RUNS_PATH, async (request, reply) => {
    requireRole(request, 'admin');
    try {
      const run = await scheduler.runNow('admin');
      return await reply.code(202).send(run);
    } catch (err) {
      if (err instanceof SchedulerBusyError) throw new HttpError(409, 'conflict', err.message);
      throw err;
    }
  });

  app.get<{ Querystring: Record<string, unknown> }>(SCHEDULER_RUNS_PATH, async (request) => {
    requireRole(request, 'admin');
    return { runs: await scheduler.latestRuns(parseLimit(request.query.limit)) };
  });
}
