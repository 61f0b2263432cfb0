import type { FastifyInstance } from 'fastify';
import { isUserCollection } from '@poisklinik/shared';
import { requireAuth } from '../../auth/auth-context';
import { notFound } from '../../http/http-error';
import { bulkDocsRequest, pushOwnedDocs, type UserWriteHandlers } from './user-bulk-docs';
import { bulkDocsDocs } from '../../api-docs/replication-docs';

/**
 * `POST /db/<userCollection>/_bulk_docs`, registered with `{ prefix: '/db' }` beside the read routes. The request
 * hook has already refused anonymous requests and every other write shape; the catalogue never gets here (403).
 */
export function userWriteRoutes(handlers: UserWriteHandlers) {
  return function plugin(app: FastifyInstance, _options: unknown, done: (err?: Error) => void): void {
    app.post<{ Params: { collection: string } }>(
      '/:collection/_bulk_docs',
      { schema: bulkDocsDocs },
      async (req, reply) => {
        const { collection } = req.params;
        if (!isUserCollection(collection)) throw notFound('Database does not exist.');
        const auth = requireAuth(req);
        const rows = await pushOwnedDocs(handlers[collection], auth.userId, bulkDocsRequest(req.body));
        // CouchDB answers a bulk write 201 whatever the rows say; clients read the rows.
        return reply.code(201).send(rows);
      },
    );
    done();
  };
}
