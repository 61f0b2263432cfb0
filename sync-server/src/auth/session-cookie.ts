import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'pk_session';

export type CookiePolicy = {
  /** `Secure` only when the public origin is https: a plain-http dev server would otherwise never get it back. */
  secure(): boolean;
  maxAgeSeconds: number;
};

export function setSessionCookie(reply: FastifyReply, policy: CookiePolicy, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: policy.secure(),
    maxAge: policy.maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: policy.secure() });
}
