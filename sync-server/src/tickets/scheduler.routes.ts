import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/auth-context';
import { HttpError } from '../http/http-error';
import { errorResponses } from '../api-docs/doc-schemas';
import { SchedulerBusyError, type TicketScheduler } from './ticket-scheduler.service';

export const SCHEDULER_RUNS_PATH = '/api/admin/scheduler/runs';
const DEFAULT_LIST = 20;

const tags = ['admin'];
const config = { access: 'admin' } as const;
const runSchema = {
  type: 'object',
  description: 'One run: trigger, start/finish, clinics, tickets created/updated/removed/closed, tookMs.',
  properties: { id: { type: 'string' }, trigger: { type: 'string' }, tookMs: { type: 'number' } },
} as const;
const listQuery = {
  type: 'object',
  properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: DEFAULT_LIST } },
  additionalProperties: false,
} as const;

/** Admin only (401 anonymous, 403 without the role): run the scheduler now, and read its latest runs. */
export function registerSchedulerRoutes(app: FastifyInstance, scheduler: TicketScheduler): void {
  app.post(
    SCHEDULER_RUNS_PATH,
    {
      config,
      schema: {
        summary: 'Run the ticket scheduler now',
        tags,
        response: { 202: runSchema, ...errorResponses(401, 403, 409) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      try {
        const run = await scheduler.runNow('admin');
        return await reply.code(202).send(run);
      } catch (err) {
        if (err instanceof SchedulerBusyError) throw new HttpError(409, 'conflict', err.message);
        throw err;
      }
    },
  );

  app.get<{ Querystring: { limit?: number } }>(
    SCHEDULER_RUNS_PATH,
    {
      config,
      schema: {
        summary: 'The latest scheduler runs, newest first',
        tags,
        querystring: listQuery,
        response: {
          200: { type: 'object', properties: { runs: { type: 'array', items: runSchema } } },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return { runs: await scheduler.latestRuns(request.query.limit ?? DEFAULT_LIST) };
    },
  );
}
