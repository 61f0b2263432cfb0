import type { FastifyInstance } from 'fastify';
import {
  ADMIN_PAGE_DEFAULT,
  ADMIN_PAGE_MAX,
  adminBookingsQuerySchema,
  adminCancelBodySchema,
  adminPageQuerySchema,
  adminRoutePatterns,
  adminRoutes,
  adminTicketsQuerySchema,
  bookingIdParamsSchema,
  userDisabledBodySchema,
  type AdminBookingsQuery,
  type AdminCancelBody,
  type AdminPageQuery,
  type AdminTicketsQuery,
  type UserDisabledBody,
} from '@poisklinik/shared';
import { errorResponses } from '../api-docs/doc-schemas';
import { requireRole } from '../auth/auth-context';
import type { AdminUsersService } from '../accounts/admin-users.service';
import type { MailLogStore } from '../mail/mail-log.store';
import type { Store } from '../store/store.types';
import type { AdminBookingsService } from './admin-bookings.service';
import { adminTickets } from './admin-tickets.service';

const tags = ['admin'];
const config = { access: 'admin' } as const;

export type AdminOperationsDeps = {
  store: Store;
  users: AdminUsersService;
  bookings: AdminBookingsService;
  mailLog: MailLogStore;
};

/** Accounts (disable), bookings (search, cancel), tickets and the mail log: admin only. */
export function registerAdminOperationsRoutes(app: FastifyInstance, deps: AdminOperationsDeps): void {
  app.post<{ Params: { userId: string }; Body: UserDisabledBody }>(
    adminRoutePatterns.userDisabled,
    {
      config,
      schema: {
        summary: 'Disable or enable an account (its sessions end at once; not your own)',
        tags,
        // Not the id pattern: a malformed id is answered like an unknown one (404), as the roles route does.
        params: { type: 'object', properties: { userId: { type: 'string', description: 'user id' } } },
        body: userDisabledBodySchema,
        response: { 200: { $ref: 'AccountView#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => deps.users.setDisabled(requireRole(request, 'admin'), request.params.userId, request.body),
  );

  app.get<{ Querystring: AdminBookingsQuery }>(
    adminRoutes.bookings,
    {
      config,
      schema: {
        summary: 'Search bookings (q: patient name, phone or account email), newest appointment first',
        tags,
        querystring: adminBookingsQuerySchema,
        response: errorResponses(400, 401, 403),
      },
    },
    async (request) => deps.bookings.list(requireRole(request, 'admin'), request.query),
  );

  app.post<{ Params: { bookingId: string }; Body: AdminCancelBody | undefined }>(
    adminRoutePatterns.bookingCancel,
    {
      config,
      schema: {
        summary: "Cancel a patient's confirmed booking (the ticket is freed; the device pulls `cancelled`)",
        tags,
        params: bookingIdParamsSchema,
        body: adminCancelBodySchema,
        response: errorResponses(400, 401, 403, 404, 409),
      },
    },
    async (request) =>
      deps.bookings.cancel(requireRole(request, 'admin'), request.params.bookingId, request.body ?? {}),
  );

  app.get<{ Querystring: AdminTicketsQuery }>(
    adminRoutes.tickets,
    {
      config,
      schema: {
        summary: "One clinic's tickets (optionally one day) with status and holding booking id",
        tags,
        querystring: adminTicketsQuerySchema,
        response: errorResponses(400, 401, 403),
      },
    },
    async (request) => ({ tickets: await adminTickets(deps.store, requireRole(request, 'admin'), request.query) }),
  );

  app.get<{ Querystring: AdminPageQuery }>(
    adminRoutes.mail,
    {
      config,
      schema: {
        summary: 'Mail the service sent or tried to send (every instance), newest first',
        tags,
        querystring: adminPageQuerySchema,
        response: errorResponses(400, 401, 403),
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const limit = Math.min(ADMIN_PAGE_MAX, Math.max(1, Number(request.query.limit ?? ADMIN_PAGE_DEFAULT)));
      return deps.mailLog.list(limit, Number(request.query.skip ?? 0));
    },
  );
}
