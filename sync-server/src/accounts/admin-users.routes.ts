import type { FastifyInstance } from 'fastify';
import { accountRoutes } from '@poisklinik/shared';
import { requireRole } from '../auth/auth-context';
import type { AdminUsersService } from './admin-users.service';

/** `/api/admin/*`: admin role only (401 anonymous, 403 signed in without it). */
export function registerAdminUserRoutes(app: FastifyInstance, admin: AdminUsersService): void {
  app.get(accountRoutes.adminUsers, async (request) => {
    requireRole(request, 'admin');
    return { users: await admin.search(request.query) };
  });

  app.put<{ Params: { userId: string } }>(`${accountRoutes.adminUsers}/:userId/roles`, async (request) => {
    const actor = requireRole(request, 'admin');
    return admin.setRoles(actor, request.params.userId, request.body);
  });
}
