import type { FastifyInstance } from 'fastify';
import {
  adminRoutePatterns,
  clinicDeleteQuerySchema,
  clinicIdParamsSchema,
  clinicManagerParamsSchema,
  clinicWriteBodySchema,
  manageClinicsQuerySchema,
  manageRoutes,
  type ClinicWriteBody,
  type ManageClinicsQuery,
} from '@poisklinik/shared';
import type { ClinicManagementService } from './clinic-management.service';
import type { ClinicManagerAssignments } from './clinic-manager-assignments';

type ClinicParams = { clinicId: string };

/**
 * `/api/manage/clinics*` (managers and admins; a manager only their own clinics) and the admin's
 * `/api/admin/clinics/:clinicId/managers/:userId`. Schemas come from the shared contract: Fastify validates with
 * them (400 before the service runs) and the API docs are generated from them.
 */
export function registerClinicManagementRoutes(
  app: FastifyInstance,
  service: ClinicManagementService,
  assignments: ClinicManagerAssignments,
): void {
  const manage = { tags: ['manage'] };
  const signedIn = { access: 'signed-in' } as const;

  app.get<{ Querystring: ManageClinicsQuery }>(manageRoutes.clinics, {
    config: signedIn,
    schema: {
      ...manage,
      summary: 'My clinics (an admin: all=1 for every clinic)',
      querystring: manageClinicsQuerySchema,
    },
    handler: (request) => service.list(request.auth, request.query),
  });

  app.get<{ Params: ClinicParams }>(adminRoutePatterns.manageClinic, {
    config: signedIn,
    schema: { ...manage, summary: 'One clinic with the revision to send back', params: clinicIdParamsSchema },
    handler: (request) => service.get(request.auth, request.params.clinicId),
  });

  app.put<{ Params: ClinicParams; Body: ClinicWriteBody }>(adminRoutePatterns.manageClinic, {
    config: signedIn,
    schema: {
      ...manage,
      summary: 'Create (no rev) or update (rev) a clinic',
      params: clinicIdParamsSchema,
      body: clinicWriteBodySchema,
    },
    handler: async (request, reply) => {
      const saved = await service.save(request.auth, request.params.clinicId, request.body);
      return reply.code(request.body.rev === undefined ? 201 : 200).send(saved);
    },
  });

  app.delete<{ Params: ClinicParams; Querystring: { rev: string } }>(adminRoutePatterns.manageClinic, {
    config: signedIn,
    schema: {
      ...manage,
      summary: 'Delete a clinic (refused while it has future bookings)',
      params: clinicIdParamsSchema,
      querystring: clinicDeleteQuerySchema,
    },
    handler: async (request) => {
      await service.remove(request.auth, request.params.clinicId, request.query.rev);
      return { ok: true };
    },
  });

  const admin = { tags: ['admin'], params: clinicManagerParamsSchema };
  type ManagerParams = { clinicId: string; userId: string };
  app.put<{ Params: ManagerParams }>(adminRoutePatterns.clinicManager, {
    config: { access: 'admin' },
    schema: { ...admin, summary: 'Make a manager account a manager of a clinic' },
    handler: (request) => assignments.assign(request.auth, request.params.clinicId, request.params.userId),
  });

  app.delete<{ Params: ManagerParams }>(adminRoutePatterns.clinicManager, {
    config: { access: 'admin' },
    schema: { ...admin, summary: 'End a manager’s management of a clinic' },
    handler: (request) => assignments.unassign(request.auth, request.params.clinicId, request.params.userId),
  });
}
