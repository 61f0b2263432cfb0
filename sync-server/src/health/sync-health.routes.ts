import type { FastifyInstance } from 'fastify';
import { adminRoutes } from '@poisklinik/shared';
import { requireRole } from '../auth/auth-context';
import type { SyncHealthService } from './sync-health.service';

export function registerSyncHealthRoutes(app: FastifyInstance, health: SyncHealthService): void {
  app.get(
    adminRoutes.syncHealth,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Sync health: clients, per-collection sequence and lag, store size, request rates, conflicts',
        tags: ['admin'],
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return health.report();
    },
  );
}
