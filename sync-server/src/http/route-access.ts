import type { FastifyInstance } from 'fastify';
import type { Role } from '@poisklinik/shared';
import { requireAuth, requireRole } from '../auth/auth-context';

/** Who may call a route: anyone, any signed-in user, or a user with that role. */
export type RouteAccess = 'public' | 'signed-in' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Checked before the request is validated, so a stranger learns nothing from the validator (401/403 before
     * any 400). The services still check at the top of every mutation; this only orders the answers. The API
     * docs show it as the operation's security and its 401/403 answers.
     */
    access?: RouteAccess;
  }
}

export function installRouteAccess(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const access = request.routeOptions.config.access;
    try {
      if (access === 'signed-in') requireAuth(request);
      else if (access !== undefined && access !== 'public') requireRole(request, access);
      done();
    } catch (err) {
      done(err as Error);
    }
  });
}
