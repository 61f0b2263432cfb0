import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden } from '../http/http-error';
import { SESSION_COOKIE } from './session-cookie';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Why a write is refused as cross-site, or null. */
export function crossSiteReason(request: FastifyRequest, publicOrigin: string): string | null {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin')
    return `Cross-site request refused (Sec-Fetch-Site: ${String(site)}).`;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const own = `${request.protocol}://${request.host}`;
    return origin === publicOrigin || origin === own ? null : 'Cross-origin request refused.';
  }
  // Without either header the client is not a current browser; it can be a CSRF victim only if it sends a cookie.
  if (site === undefined && request.headers.cookie?.includes(`${SESSION_COOKIE}=`)) {
    return 'A request with a session cookie must say where it comes from (Origin).';
  }
  return null;
}

/**
 * CSRF defence for cookie sessions: browsers send `Sec-Fetch-Site` and `Origin` on every unsafe request and a page
 * cannot forge them, so a write from another site is refused before it runs. `SameSite=Lax` alone would still
 * let a sibling subdomain (same site, other origin) write.
 */
export function installSameOriginHook(app: FastifyInstance, publicOrigin: () => string): void {
  app.addHook('onRequest', (request, _reply, done) => {
    // Every path, not only /api and /db: the router also matches percent-encoded spellings (`/%61pi/...`), so a
    // prefix test on the raw URL could be walked around; no page or asset accepts unsafe methods anyway.
    if (!UNSAFE.has(request.method)) return done();
    const reason = crossSiteReason(request, publicOrigin());
    done(reason === null ? undefined : forbidden(reason));
  });
}
