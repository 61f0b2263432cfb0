// The OpenAPI document the real server serves: complete (every route it registers, with a summary and tags),
// valid OpenAPI 3.1, built from the shared schemas, and readable offline in Swagger UI.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicSchema, publicReviewSchema } from '@poisklinik/shared';
import type { SyncServer } from '../server';
import { createTestEnv, request, type TestEnv } from '../test-support/test-server';
import { API_DOCS_PATH, registeredRoutes } from './api-docs';

type Operation = { summary?: string; tags?: string[]; security?: unknown[]; responses?: Record<string, unknown> };
type OpenApiDoc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

let env: TestEnv;
let server: SyncServer;
let doc: OpenApiDoc;

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start();
  const res = await request(`${server.url}${API_DOCS_PATH}/json`);
  expect(res.status).toBe(200);
  doc = res.body as OpenApiDoc;
});
afterAll(async () => env.cleanup());

/** `/db/:collection/_local/*` as OpenAPI writes it: `/db/{collection}/_local/{*}`. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}');

describe('API docs', { timeout: 60_000 }, () => {
  it('document every route the server registers, each with a summary and tags', () => {
    const routes = registeredRoutes(server.app).filter((r) => !r.hidden);
    const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url));
    // A HEAD twin of a GET is the GET without a body: documented by the GET.
    const checked = routes.filter((r) => !(r.method === 'HEAD' && gets.has(r.url)));
    expect(checked.length).toBeGreaterThan(40);
    const undocumented = checked
      .filter((r) => {
        const op = doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
        return !op?.summary || !op.tags?.length;
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(undocumented).toEqual([]);
    // And the other way round: nothing documented that the server does not answer.
    const served = new Set(checked.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.url)}`));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('shows the shared entity schemas as named components, as they are minus RxDB keywords', () => {
    for (const name of ['Clinic', 'Specialty', 'Town', 'Profile', 'Booking', 'Ticket', 'Review', 'PublicReview']) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    // Nowhere in the document, not even inside request bodies built from the entity schemas.
    expect(JSON.stringify(doc)).not.toMatch(/"(primaryKey|indexes|final|encrypted|keyCompression)":/);
    const { version: _v, primaryKey: _p, ...clinic } = clinicSchema;
    const { $id: _id, ...shown } = doc.components.schemas.Clinic ?? {};
    expect(shown).toEqual(JSON.parse(JSON.stringify(clinic)));
    const { version: _rv, primaryKey: _rp, ...publicReview } = publicReviewSchema;
    const { $id: _rid, ...shownReview } = doc.components.schemas.PublicReview ?? {};
    expect(shownReview).toEqual(JSON.parse(JSON.stringify(publicReview)));
  });

  it('takes request bodies from the shared schemas and marks signed-in routes', () => {
    const signUp = doc.paths['/api/auth/sign-up']?.post as Record<string, unknown> | undefined;
    expect(JSON.stringify(signUp)).toContain('"additionalProperties":false');
    expect(doc.paths['/api/auth/sign-up']?.post?.security).toBeUndefined();
    expect(doc.paths['/api/account/profile']?.patch?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/admin/users']?.get?.security).toEqual([{ session: [] }]);
    // Every route behind access lists the refusals the access check answers.
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.security) continue;
        const statuses = Object.keys(op.responses ?? {});
        expect(statuses, `${method} ${path}`).toContain('401');
        expect(
          statuses.some((s) => s.startsWith('2')),
          `${method} ${path} has a success answer`,
        ).toBe(true);
      }
    }
    const changes = JSON.stringify(doc.paths['/db/{collection}/_changes']?.get);
    for (const word of ['since', 'feed', 'longpoll', 'include_docs', 'x-sync-contract'])
      expect(changes).toContain(word);
    expect(doc.paths['/db/scope/{townId}/{collection}/_changes']?.get?.summary).toContain('town scope');
    expect(doc.paths['/db/clinic/{clinicId}/{collection}/_changes']?.get?.summary).toContain('clinic feed');
  });

  it('Swagger UI at /api/docs loads its page, scripts and styles from this server only', async () => {
    const page = await fetch(`${server.url}${API_DOCS_PATH}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const url = new URL(asset, page.url);
      expect(url.origin, asset).toBe(server.url);
      const res = await fetch(url);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    const init = await (await fetch(`${server.url}${API_DOCS_PATH}/static/swagger-initializer.js`)).text();
    // The page asks this server for the document, and no online validator (Swagger UI's default) for a badge.
    expect(init).toContain("resolveUrl('./json')");
    expect(init).toContain('validatorUrl: null');
    expect(await request(`${server.url}${API_DOCS_PATH}/openapi.json`)).toMatchObject({ status: 200, body: doc });
  });
});
