import type { FastifyRequest } from 'fastify';
import type { Role } from '@poisklinik/shared';
import { HttpError } from '../http/http-error';

/** Who is asking: resolved from the session cookie by the auth hook before any route runs. */
export type AuthContext = {
  userId: string;
  roles: readonly Role[];
  sessionId: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the session hook (`auth/session.hook.ts`): null = anonymous (no, unknown or expired session). */
    auth: AuthContext | null;
  }
}

export const unauthorized = (reason = 'Sign in first.'): HttpError => new HttpError(401, 'unauthorized', reason);

/** The session's user, or 401. Services call this (or `requireRole`) at the top of every mutation. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export function requireRole(request: FastifyRequest, role: Role): AuthContext {
  const auth = requireAuth(request);
  if (!auth.roles.includes(role)) throw new HttpError(403, 'forbidden', `This needs the ${role} role.`);
  return auth;
}
