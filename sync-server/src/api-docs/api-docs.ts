import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import {
  bookingSchema,
  clinicSchema,
  profileSchema,
  publicReviewSchema,
  reviewSchema,
  specialtySchema,
  ticketSchema,
  townSchema,
} from '@poisklinik/shared';
import { accountViewSchema, errorBodySchema, errorResponses, sessionInfoSchema } from './doc-schemas';
import { routeSchemaWithoutRxdbKeywords, withoutRxdbKeywords } from './schema-strip';
import { SESSION_COOKIE } from '../auth/session-cookie';

export const API_DOCS_PATH = '/api/docs';

/** The shared entity schemas, named as the docs show them (`#/components/schemas/Clinic`). */
export const entityComponents = {
  Clinic: clinicSchema,
  Specialty: specialtySchema,
  Town: townSchema,
  Profile: profileSchema,
  Booking: bookingSchema,
  Ticket: ticketSchema,
  Review: reviewSchema,
  PublicReview: publicReviewSchema,
} as const;

export type RegisteredRoute = { method: string; url: string; hidden: boolean };
const registered = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route added after `registerApiDocs` (HEAD twins of GETs included), so a test can hold the docs to it. */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return registered.get(app) ?? [];
}

const tags = [
  { name: 'auth', description: 'Sign-up, sign-in, sessions, password reset.' },
  { name: 'account', description: "The signed-in user's own account." },
  { name: 'admin', description: 'Admin role only.' },
  { name: 'app', description: 'Runtime settings of the app and health.' },
  { name: 'manage', description: 'Clinic managers: their own clinics (admins: every clinic).' },
  { name: 'reviews', description: 'Reviews of clinics and their moderation.' },
  {
    name: 'replication',
    description:
      'CouchDB-style replication (the subset RxDB and PouchDB use). Answers carry the `x-sync-contract` header; ' +
      'errors are CouchDB bodies `{error, reason}`.',
  },
];

/**
 * OpenAPI 3.1 (so the shared JSON Schemas go in as they are) generated from the routes' own schemas, shown by
 * Swagger UI at `/api/docs` from assets this server serves (works offline). A route's `config.access` becomes its
 * security. Call before any route is registered: both plugins collect routes as they are added.
 */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  const seen: RegisteredRoute[] = [];
  registered.set(app, seen);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      seen.push({ method: method.toUpperCase(), url: route.url, hidden: route.schema?.hide === true });
    }
  });
  for (const schema of [errorBodySchema, accountViewSchema, sessionInfoSchema]) app.addSchema(schema);
  for (const [$id, schema] of Object.entries(entityComponents)) app.addSchema({ ...withoutRxdbKeywords(schema), $id });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ПоисКлиник sync server',
        version: '1',
        description: 'REST API and CouchDB-style replication endpoints of the ПоисКлиник sync server.',
      },
      tags,
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by sign-in (httpOnly).' },
        },
      },
    },
    refResolver: {
      // Named components keep their `$id` ("Clinic"), not the default "def-<n>".
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    transform: ({ schema, url, route }) => {
      const access = route.config?.access;
      const documented = schema ? routeSchemaWithoutRxdbKeywords(schema as Record<string, unknown>) : {};
      if (access && access !== 'public') {
        documented.security = [{ session: [] }];
        // The access hook answers these before the handler runs, whether or not the route lists them.
        const refusals = errorResponses(...(access === 'signed-in' ? [401] : [401, 403]));
        const declared = (documented.response ?? {}) as Record<string, unknown>;
        // Without any answer declared the plugin would show a default 200; keep it when adding the refusals.
        const success = Object.keys(declared).some((s) => s.startsWith('2')) ? {} : { 200: { description: 'Done.' } };
        documented.response = { ...success, ...refusals, ...declared };
      }
      return { schema: documented, url };
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: API_DOCS_PATH, staticCSP: true });
  app.get(`${API_DOCS_PATH}/openapi.json`, { schema: { hide: true } }, () => app.swagger());
}
