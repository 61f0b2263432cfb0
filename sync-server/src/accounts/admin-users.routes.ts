import type { FastifyInstance } from 'fastify';
import { accountRoutes, adminUsersQuerySchema, grantRolesBodySchema, type GrantRolesBody } from '@poisklinik/shared';
import { errorResponses } from '../api-docs/doc-schemas';
import { requireRole } from '../auth/auth-context';
import type { AdminUsersService } from './admin-users.service';

/** `/api/admin/*`: admin role only (401 anonymous, 403 signed in without it). */
export function registerAdminUserRoutes(app: FastifyInstance, admin: AdminUsersService): void {
  const tags = ['admin'];
  const config = { access: 'admin' } as const;

  app.get<{ Querystring: { email?: string; limit?: string } }>(
    accountRoutes.adminUsers,
    {
      config,
      schema: {
        summary: 'Find users by email prefix',
        tags,
        querystring: adminUsersQuerySchema,
        response: {
          200: { type: 'object', properties: { users: { type: 'array', items: { $ref: 'AccountView#' } } } },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return { users: await admin.search(request.query) };
    },
  );

  app.put<{ Params: { userId: string }; Body: GrantRolesBody }>(
    `${accountRoutes.adminUsers}/:userId/roles`,
    {
      config,
      schema: {
        summary: "Set a user's roles (patient is always kept; not your own)",
        tags,
        // Not the id pattern: a malformed id is answered like an unknown one (404), as before the schema.
        params: { type: 'object', properties: { userId: { type: 'string', description: 'user id' } } },
        body: grantRolesBodySchema,
        response: { 200: { $ref: 'AccountView#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, 'admin');
      return admin.setRoles(actor, request.params.userId, request.body);
    },
  );
}
