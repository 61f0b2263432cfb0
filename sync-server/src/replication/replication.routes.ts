import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SYNC_BASE_PATH, SYNC_CONTRACT_HEADER, SYNC_CONTRACT_VERSION, catalogueCollections } from '@poisklinik/shared';
import type { CollectionRef, ReplicationService } from './replication.service';
import { optionalBool, type Query } from './replication-params';
import {
  allDocsRequest,
  bulkGetRequests,
  changesRequest,
  getDocRequest,
  revsDiffRequest,
} from './replication-requests';

type RefParams = { collection: string; townId?: string };
type CollectionParams = { Params: RefParams };
type DocParams = { Params: RefParams & { docid: string } };

/**
 * POSTs that only read (CouchDB uses POST where a GET URL could grow too long), on a whole collection or a town
 * scope. Everything else is a write.
 */
const READ_ONLY_POST = /^\/db\/(scope\/[^/]+\/)?[^/]+\/(_all_docs|_bulk_get|_changes|_revs_diff)\/?$/;

function refOf(params: RefParams): CollectionRef {
  const { collection, townId } = params;
  return townId === undefined ? { collection } : { collection, townId };
}

function pathOf(request: FastifyRequest): string {
  const q = request.url.indexOf('?');
  return q === -1 ? request.url : request.url.slice(0, q);
}

export function isReplicationPath(path: string): boolean {
  return path === SYNC_BASE_PATH || path.startsWith(`${SYNC_BASE_PATH}/`);
}

export function isReplicationWrite(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  return !(method === 'POST' && READ_ONLY_POST.test(path));
}

/**
 * Hooks on the whole app (not only the `/db` plugin) so they also cover requests no route matches: a write to
 * any `/db` URL is refused before its body is even parsed, and every `/db` answer — errors and 404s included —
 * carries the contract version and is never cached (the service worker and proxies must not serve stale feeds).
 */
export function installReplicationHooks(app: FastifyInstance, service: ReplicationService): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const path = pathOf(request);
    done(isReplicationPath(path) && isReplicationWrite(request.method, path) ? service.writeRefusal() : undefined);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (isReplicationPath(pathOf(request))) {
      reply.header(SYNC_CONTRACT_HEADER, String(SYNC_CONTRACT_VERSION));
      reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}

/** Aborts when the client goes away, so a long-poll does not keep waiting for nobody. */
function clientGone(reply: FastifyReply): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onClose = (): void => controller.abort();
  reply.raw.once('close', onClose);
  return { signal: controller.signal, release: () => reply.raw.off('close', onClose) };
}

/**
 * The CouchDB replication surface, HTTP only (rules live in the service). Registered twice: `{ prefix: '/db' }`
 * for whole collections and, with `scoped`, `{ prefix: '/db/scope/:townId' }` for town scopes — the same routes,
 * so a scope answers every request a collection does.
 */
export function replicationRoutes(service: ReplicationService, options: { scoped?: boolean } = {}) {
  return function plugin(app: FastifyInstance, _options: unknown, done: (err?: Error) => void): void {
    if (!options.scoped) {
      app.get('/', (_req, reply) => reply.send(service.welcome()));
      app.get('/_all_dbs', (_req, reply) => reply.send([...catalogueCollections]));
    }

    app.get<CollectionParams>('/:collection', async (req) => service.info(refOf(req.params)));

    const changes = async (req: FastifyRequest<CollectionParams>, reply: FastifyReply): Promise<unknown> => {
      const gone = clientGone(reply);
      try {
        const body = req.method === 'POST' ? req.body : undefined;
        return await service.changes(refOf(req.params), changesRequest(req.query as Query, body, gone.signal));
      } finally {
        gone.release();
      }
    };
    app.get<CollectionParams>('/:collection/_changes', changes);
    app.post<CollectionParams>('/:collection/_changes', changes);

    app.get<CollectionParams>('/:collection/_all_docs', async (req) =>
      service.allDocs(refOf(req.params), allDocsRequest(req.query as Query)),
    );
    app.post<CollectionParams>('/:collection/_all_docs', async (req) =>
      service.allDocs(refOf(req.params), allDocsRequest(req.query as Query, req.body ?? {})),
    );

    app.post<CollectionParams>('/:collection/_bulk_get', async (req) => {
      const revs = optionalBool(req.query as Query, 'revs') ?? false;
      return service.bulkGet(refOf(req.params), bulkGetRequests(req.body), revs);
    });
    app.post<CollectionParams>('/:collection/_revs_diff', async (req) =>
      service.revsDiff(refOf(req.params), revsDiffRequest(req.body)),
    );

    app.get<CollectionParams>('/:collection/_local/*', async (req) => service.localDoc(refOf(req.params)));

    app.get<DocParams>('/:collection/:docid', async (req) =>
      service.getDoc(refOf(req.params), req.params.docid, getDocRequest(req.query as Query)),
    );
    done();
  };
}
