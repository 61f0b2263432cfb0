import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './app-config.service';

/**
 * `GET /api/config`. `no-cache`, not `no-store`: the service worker and browser may keep a copy for offline
 * starts, but must revalidate it whenever online, so a changed deployment setting reaches the app on next load.
 */
export function registerAppConfigRoutes(app: FastifyInstance, config: AppConfig): void {
  app.get(
    '/api/config',
    {
      schema: {
        summary: 'Runtime settings of the app (map style)',
        tags: ['app'],
        response: {
          200: {
            type: 'object',
            properties: {
              mapStyleUrl: { type: ['string', 'null'], description: 'MapLibre style, or null.' },
              syncContract: { type: 'integer', description: 'Sync contract version of this server.' },
            },
          },
        },
      },
    },
    (_request, reply) => reply.header('cache-control', 'no-cache').send(config),
  );
}
