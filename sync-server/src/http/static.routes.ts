import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The SvelteKit static adapter's SPA fallback page (see checked facts: `adapterFallback: '200.html'`). */
export const SPA_FALLBACK = '200.html';

const IMMUTABLE = 'public, max-age=31536000, immutable';
// Revalidated on every use: HTML, the service worker and the manifest decide which hashed assets are current,
// so a stale copy of them would pin clients to an old release.
const REVALIDATE = 'no-cache';

export function cacheControlFor(filePath: string): string {
  return filePath.replaceAll('\\', '/').includes('/_app/immutable/') ? IMMUTABLE : REVALIDATE;
}

/** Paths that belong to APIs: a miss there is a JSON 404, never the app shell. */
function isApiPath(path: string): boolean {
  return /^\/(db|api)(\/|$)/.test(path) || path === '/healthz';
}

/** A navigation rather than a file: the last segment has no extension ("/clinics/abc", not "/favicon.png"). */
function looksLikeNavigation(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/** The admin dashboard's pages: `/admin` and everything under it (not `/administrator`). */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

/**
 * The admin shell is only handed to admins: anonymous visitors are sent to sign in (and back), signed-in users
 * without the role get the shell with 403, which the app renders as "нет доступа". The data endpoints refuse
 * them anyway; this keeps a shared link from even showing the dashboard's frame. A service worker that already
 * holds the shell serves it offline without asking — the page's own guard covers that case.
 */
function guardAdminDocument(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  if (!request.auth) {
    // Slashes stay readable; everything else is encoded so the query cannot smuggle a second parameter.
    const next = encodeURIComponent(request.url).replaceAll('%2F', '/');
    return reply.header('cache-control', 'no-store').redirect(`/sign-in?next=${next}`, 302);
  }
  if (!request.auth.roles.includes('admin')) {
    return reply.code(403).header('cache-control', 'no-store').sendFile(SPA_FALLBACK);
  }
  return null;
}

function sendNotFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).type('application/json').send({ error: 'not_found', reason: 'missing' });
}

const NO_BUILD_PAGE = `<!doctype html><meta charset="utf-8"><title>ПоисКлиник</title>
<h1>ПоисКлиник sync server is running</h1>
<p>The web app is not built yet. Run <code>pnpm --filter @poisklinik/web build</code> and restart the server
(or set <code>WEB_ROOT</code> to the build folder). Replication endpoints are under <a href="/db/">/db/</a>.</p>`;

/**
 * Serves the built PWA from `webRoot` with SPA fallback, or — when there is no build — a page saying so, so a
 * fresh checkout's server still starts and answers `/db`.
 */
export async function registerStaticApp(app: FastifyInstance, webRoot: string): Promise<{ built: boolean }> {
  const built = existsSync(webRoot) && statSync(webRoot).isDirectory();
  const hasFallback = built && existsSync(join(webRoot, SPA_FALLBACK));

  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', cacheControlFor(filePath));
      },
    });
  } else {
    // The app, not the API: hidden from the API docs like @fastify/static's own routes.
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NO_BUILD_PAGE),
    );
  }

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (hasFallback && isRead && !isApiPath(path) && looksLikeNavigation(path)) {
      const refused = isAdminPath(path) ? guardAdminDocument(request, reply) : null;
      if (refused) return refused;
      return reply.code(200).sendFile(SPA_FALLBACK);
    }
    return sendNotFound(reply);
  });
  return { built };
}
