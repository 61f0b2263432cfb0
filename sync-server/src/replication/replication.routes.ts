import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  SYNC_BASE_PATH,
  SYNC_CONTRACT_HEADER,
  SYNC_CONTRACT_VERSION,
  catalogueCollections,
  isUserCollection,
} from '@poisklinik/shared';
import { requireAuth } from '../auth/auth-context';
import type { CollectionRef, ReplicationService } from './replication.service';
import { optionalBool, type Query } from './replication-params';
import {
  allDocsRequest,
  bulkGetRequests,
  changesRequest,
  getDocRequest,
  revsDiffRequest,
} from './replication-requests';
import { USER_COLLECTION_ALLOW, userCollectionOf, userCollectionRefusal } from './user/user-requests';
import { replicationDocs, type Feed } from '../api-docs/replication-docs';

type RefParams = { collection: string; townId?: string; clinicId?: string };
type CollectionParams = { Params: RefParams };
type DocParams = { Params: RefParams & { docid: string } };

/**
 * POSTs that only read (CouchDB uses POST where a GET URL could grow too long), on a whole collection, a town
 * scope or a clinic's tickets. Everything else is a write.
 */
const READ_ONLY_POST = /^\/db\/((scope|clinic)\/[^/]+\/)?[^/]+\/(_all_docs|_bulk_get|_changes|_revs_diff)\/?$/;

/** A per-user collection is always the session user's view of it (the hook has already refused anonymous). */
function refOf(request: FastifyRequest<{ Params: RefParams }>): CollectionRef {
  const { collection, townId, clinicId } = request.params;
  if (townId !== undefined) return { collection, townId };
  if (clinicId !== undefined) return { collection, clinicId };
  if (isUserCollection(collection)) return { collection, owner: requireAuth(request).userId };
  return { collection };
}

/**
 * The path as the router sees it: query cut off and each segment percent-decoded, because the router matches
 * `/%64b/clinics/_bulk_docs` to the `/db` routes too — a test on the raw URL could be walked around. A decoded
 * "/" stays encoded so segments keep their places; a segment that does not decode is kept raw (the router
 * refuses it anyway).
 */
export function pathOf(request: FastifyRequest): string {
  const q = request.url.indexOf('?');
  const raw = q === -1 ? request.url : request.url.slice(0, q);
  return raw
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replaceAll('/', '%2F');
      } catch {
        return segment;
      }
    })
    .join('/');
}

export function isReplicationPath(path: string): boolean {
  return path === SYNC_BASE_PATH || path.startsWith(`${SYNC_BASE_PATH}/`);
}

export function isReplicationWrite(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  return !(method === 'POST' && READ_ONLY_POST.test(path));
}

/**
 * Hooks on the whole app (not only the `/db` plugin) so they also cover requests no route matches: a refused
 * request to any `/db` URL is answered before its body is even parsed — on the catalogue every write (403), on a
 * per-user collection anything without a session (401) and every write shape but `_bulk_docs` (405) — and every
 * `/db` answer, errors and 404s included, carries the contract version and is never cached (the service worker
 * and proxies must not serve stale feeds). Must be installed after the session hook, which sets `request.auth`.
 */
export function installReplicationHooks(app: FastifyInstance, service: ReplicationService): void {
  app.addHook('onRequest', (request, reply, done) => {
    const path = pathOf(request);
    if (!isReplicationPath(path)) return done();
    if (userCollectionOf(path) !== undefined) {
      const refusal = userCollectionRefusal(request.method, path, Boolean(request.auth));
      if (refusal?.statusCode === 405) reply.header('allow', USER_COLLECTION_ALLOW);
      return done(refusal);
    }
    done(isReplicationWrite(request.method, path) ? service.writeRefusal() : undefined);
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
    const feed: Feed = !options.scoped ? 'collection' : app.prefix.includes(':clinicId') ? 'clinic' : 'scope';
    const docs = replicationDocs(feed);
    if (!options.scoped) {
      app.get('/', { schema: docs.welcome }, (_req, reply) => reply.send(service.welcome()));
      app.get('/_all_dbs', { schema: docs.allDbs }, (_req, reply) => reply.send([...catalogueCollections]));
    }

    app.get<CollectionParams>('/:collection', { schema: docs.info }, async (req) => service.info(refOf(req)));

    const changes = async (req: FastifyRequest<CollectionParams>, reply: FastifyReply): Promise<unknown> => {
      const gone = clientGone(reply);
      try {
        const body = req.method === 'POST' ? req.body : undefined;
        return await service.changes(refOf(req), changesRequest(req.query as Query, body, gone.signal));
      } finally {
        gone.release();
      }
    };
    app.get<CollectionParams>('/:collection/_changes', { schema: docs.changes }, changes);
    app.post<CollectionParams>('/:collection/_changes', { schema: docs.changesPost }, changes);

    app.get<CollectionParams>('/:collection/_all_docs', { schema: docs.allDocs }, async (req) =>
      service.allDocs(refOf(req), allDocsRequest(req.query as Query)),
    );
    app.post<CollectionParams>('/:collection/_all_docs', { schema: docs.allDocsPost }, async (req) =>
      service.allDocs(refOf(req), allDocsRequest(req.query as Query, req.body ?? {})),
    );

    app.post<CollectionParams>('/:collection/_bulk_get', { schema: docs.bulkGet }, async (req) => {
      const revs = optionalBool(req.query as Query, 'revs') ?? false;
      return service.bulkGet(refOf(req), bulkGetRequests(req.body), revs);
    });
    app.post<CollectionParams>('/:collection/_revs_diff', { schema: docs.revsDiff }, async (req) =>
      service.revsDiff(refOf(req), revsDiffRequest(req.body)),
    );

    app.get<CollectionParams>('/:collection/_local/*', { schema: docs.localDoc }, async (req) =>
      service.localDoc(refOf(req)),
    );

    app.get<DocParams>('/:collection/:docid', { schema: docs.getDoc }, async (req) =>
      service.getDoc(refOf(req), req.params.docid, getDocRequest(req.query as Query)),
    );
    done();
  };
}
