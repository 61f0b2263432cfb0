import type { FastifyInstance, FastifyReply } from 'fastify';
import { accountRoutes, type SessionInfo } from '@poisklinik/shared';
import type { AccountService, SignedIn } from '../accounts/account.service';
import type { PasswordResetService } from './password-reset.service';
import { requireAuth } from './auth-context';
import { clearSessionCookie, setSessionCookie, type CookiePolicy } from './session-cookie';
import type { SessionService } from './session.service';
import { sessionExpiresAt } from './session.hook';

export type AuthRouteDeps = {
  accounts: AccountService;
  sessions: SessionService;
  resets: PasswordResetService;
  cookie: CookiePolicy;
};

/** Answers with the new session's info and hands its token to the browser as an HttpOnly cookie only. */
export function sendSignedIn(reply: FastifyReply, cookie: CookiePolicy, signedIn: SignedIn, status: number) {
  setSessionCookie(reply, cookie, signedIn.session.token);
  const info: SessionInfo = { user: signedIn.user, expiresAt: signedIn.session.expiresAt.toISOString() };
  return reply.code(status).send(info);
}

/** `/api/auth/*`: HTTP only; the rules are in the services. */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const { accounts, sessions, resets, cookie } = deps;

  app.post(accountRoutes.signUp, async (request, reply) =>
    sendSignedIn(reply, cookie, await accounts.signUp(request.body, request.ip), 201),
  );

  app.post(accountRoutes.signIn, async (request, reply) =>
    sendSignedIn(reply, cookie, await accounts.signIn(request.body, request.ip), 200),
  );

  // Works without a session too: signing out must always leave the browser without a cookie.
  app.post(accountRoutes.signOut, async (request, reply) => {
    if (request.auth) await sessions.invalidate(request.auth.sessionId);
    clearSessionCookie(reply, cookie);
    return reply.code(204).send();
  });

  app.post(accountRoutes.signOutEverywhere, async (request, reply) => {
    const auth = requireAuth(request);
    await sessions.invalidateAll(auth.userId);
    clearSessionCookie(reply, cookie);
    return reply.code(204).send();
  });

  app.get(accountRoutes.session, async (request, reply) => {
    const auth = requireAuth(request);
    const expiresAt = sessionExpiresAt(request) ?? new Date();
    const info: SessionInfo = { user: await accounts.view(auth.userId), expiresAt: expiresAt.toISOString() };
    return reply.send(info);
  });

  app.post(accountRoutes.passwordResetRequest, async (request, reply) => {
    resets.request(request.body, request.ip);
    return reply.code(202).send({ ok: true });
  });

  app.post(accountRoutes.passwordResetConfirm, async (request, reply) =>
    sendSignedIn(reply, cookie, await resets.confirm(request.body, request.ip), 200),
  );
}
