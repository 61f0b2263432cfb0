import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionService } from './session.service';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie, type CookiePolicy } from './session-cookie';
import './auth-context';

const expiries = new WeakMap<FastifyRequest, Date>();

/** When the request's session ends if unused (null when anonymous). */
export function sessionExpiresAt(request: FastifyRequest): Date | null {
  return expiries.get(request) ?? null;
}

/**
 * Resolves `request.auth` from the session cookie for every request, before any route or replication hook runs.
 * A cookie that no longer names a valid session is cleared, so the browser stops sending it.
 */
export async function installSessionHook(
  app: FastifyInstance,
  sessions: SessionService,
  policy: CookiePolicy,
): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    request.auth = null;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await sessions.validate(token);
    if (!session) {
      clearSessionCookie(reply, policy);
      return;
    }
    request.auth = session.auth;
    expiries.set(request, session.expiresAt);
    if (session.refreshed) setSessionCookie(reply, policy, token);
  });
}
