import type { FastifyInstance } from 'fastify';
import { PUBLIC_REVIEWS_COLLECTION } from '@poisklinik/shared';
import { PUBLIC_REVIEWS_DB } from '../reviews/review.store';
import type { SyncHealthService } from './sync-health.service';

const CHANGES_ROUTE = /\/:collection\/_changes$/;

/** The store database a feed reads: a clinic's public reviews live apart from the authors' own `reviews`. */
function storeDatabaseOf(route: string, collection: string): string {
  return route.startsWith('/db/clinic/') && collection === PUBLIC_REVIEWS_COLLECTION ? PUBLIC_REVIEWS_DB : collection;
}

/**
 * Feeds the health counters from every request: status classes on response, clients that use `/db/`, and the
 * `since` of each `_changes` request as it arrives (lag is about where the client starts, not where it ends).
 */
export function installSyncHealthHooks(app: FastifyInstance, health: SyncHealthService): void {
  app.addHook('onRequest', (request, _reply, done) => {
    // On arrival, not on answer: a long-poll's client is connected while it waits (the session hook ran before).
    if (request.url.startsWith('/db/')) {
      health.clients.seen(request.auth?.sessionId ?? `ip:${request.ip}`, health.now());
    }
    if (CHANGES_ROUTE.test(request.routeOptions.url ?? '')) {
      const { collection } = request.params as { collection?: string };
      const { since } = request.query as { since?: unknown };
      if (collection !== undefined) {
        void health.lag.observe(storeDatabaseOf(request.routeOptions.url ?? '', collection), since, health.now());
      }
    }
    done();
  });
  app.addHook('onResponse', (_request, reply, done) => {
    health.requests.record(reply.statusCode, health.now());
    done();
  });
}
