import type { ErrorObject } from 'ajv';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { createAjv } from './ajv-setup';
import { installRouteAccess } from './route-access';

/**
 * Route schemas under `/db/` describe the CouchDB-style endpoints for the API docs only: the replication layer
 * parses those requests itself and answers exactly as CouchDB does, which clients (RxDB, PouchDB) rely on.
 */
const DESCRIBED_ONLY = /^\/db(\/|$)/;

const bodies = createAjv();
// Query strings and path parameters arrive as strings: coercing them lets a schema say `integer`.
const urlParts = createAjv({ coerceTypes: true });
type Validate = ReturnType<typeof bodies.compile>;
const caches = new Map([bodies, urlParts].map((ajv) => [ajv, new WeakMap<object, Validate>()]));

// One compiled function per schema object: the same shared schema on many routes is compiled once.
function compileWith(ajv: typeof bodies, schema: unknown): Validate {
  const cache = caches.get(ajv);
  if (typeof schema !== 'object' || schema === null || !cache) return ajv.compile(schema as boolean);
  let fn = cache.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    cache.set(schema, fn);
  }
  return fn;
}

const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, url, httpPart }) => {
  if (DESCRIBED_ONLY.test(url)) return () => true;
  const ajv = httpPart === 'querystring' || httpPart === 'params' ? urlParts : bodies;
  return compileWith(ajv, schema);
};

/** `/clinic/hours/0/to must match pattern "…"`; an unknown field is named instead of Ajv's bare "additional". */
export function describeValidationErrors(errors: readonly ErrorObject[] | null | undefined, limit = 5): string {
  return (errors ?? [])
    .slice(0, limit)
    .map((e) => {
      const at = e.instancePath || '/';
      const extra = (e.params as { additionalProperty?: unknown }).additionalProperty;
      if (e.keyword === 'additionalProperties' && typeof extra === 'string') {
        return `${e.instancePath}/${extra} is not a known field`;
      }
      return `${at} ${e.message ?? e.keyword}`;
    })
    .join('; ');
}

const PART_NAMES: Record<string, string> = { querystring: 'query string', params: 'path', headers: 'headers' };

/** The `reason` of a 400 for a request that broke its route schema. */
export function validationReason(errors: readonly ErrorObject[], part: string | undefined): string {
  const where = part && PART_NAMES[part] ? ` (${PART_NAMES[part]})` : '';
  return `Invalid request${where}: ${describeValidationErrors(errors) || 'invalid'}`;
}

/**
 * Route schemas (body, querystring, params) are checked with the server's one Ajv setup, after the route's
 * `access` (see `route-access.ts`); response schemas only document (answers are serialised as plain JSON, so
 * declaring one never changes what a client receives). Call before any route is registered.
 */
export function installRequestValidation(app: FastifyInstance): void {
  installRouteAccess(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
