import type { FastifyInstance } from 'fastify';
import {
  adminRoutePatterns,
  adminRoutes,
  specialtyCodeParamsSchema,
  specialtyWriteBodySchema,
  townIdParamsSchema,
  townWriteBodySchema,
  type SpecialtyWriteBody,
  type TownWriteBody,
} from '@poisklinik/shared';
import { errorResponses } from '../api-docs/doc-schemas';
import { requireRole } from '../auth/auth-context';
import type { AdminCatalogueService } from './admin-catalogue.service';

const tags = ['admin'];
const config = { access: 'admin' } as const;

/** Towns (districts inline) and specialties: admin only; writes land in the replicated catalogue databases. */
export function registerAdminCatalogueRoutes(app: FastifyInstance, catalogue: AdminCatalogueService): void {
  app.get(
    adminRoutes.towns,
    { config, schema: { summary: 'Every town with its districts', tags } },
    async (request) => {
      requireRole(request, 'admin');
      return { towns: await catalogue.listTowns() };
    },
  );

  app.put<{ Params: { townId: string }; Body: TownWriteBody }>(
    adminRoutePatterns.town,
    {
      config,
      schema: {
        summary: 'Create or replace a town (districts inline; a district clinics use cannot be dropped: 409)',
        tags,
        params: townIdParamsSchema,
        body: townWriteBodySchema,
        response: errorResponses(400, 401, 403, 409),
      },
    },
    async (request) => catalogue.putTown(requireRole(request, 'admin'), request.params.townId, request.body),
  );

  app.delete<{ Params: { townId: string } }>(
    adminRoutePatterns.town,
    {
      config,
      schema: {
        summary: 'Delete a town (409 in_use while clinics reference it)',
        tags,
        params: townIdParamsSchema,
        response: errorResponses(400, 401, 403, 404, 409),
      },
    },
    async (request) => catalogue.deleteTown(requireRole(request, 'admin'), request.params.townId),
  );

  app.get(adminRoutes.specialties, { config, schema: { summary: 'Every specialty', tags } }, async (request) => {
    requireRole(request, 'admin');
    return { specialties: await catalogue.listSpecialties() };
  });

  app.put<{ Params: { code: string }; Body: SpecialtyWriteBody }>(
    adminRoutePatterns.specialty,
    {
      config,
      schema: {
        summary: 'Create or replace a specialty',
        tags,
        params: specialtyCodeParamsSchema,
        body: specialtyWriteBodySchema,
        response: errorResponses(400, 401, 403, 409),
      },
    },
    async (request) => catalogue.putSpecialty(requireRole(request, 'admin'), request.params.code, request.body),
  );

  app.delete<{ Params: { code: string } }>(
    adminRoutePatterns.specialty,
    {
      config,
      schema: {
        summary: 'Delete a specialty (409 in_use while clinics offer it)',
        tags,
        params: specialtyCodeParamsSchema,
        response: errorResponses(400, 401, 403, 404, 409),
      },
    },
    async (request) => catalogue.deleteSpecialty(requireRole(request, 'admin'), request.params.code),
  );
}
