import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  accountRoutes,
  passwordResetConfirmBodySchema,
  passwordResetRequestBodySchema,
  signInBodySchema,
  signUpBodySchema,
  type PasswordResetConfirmBody,
  type PasswordResetRequestBody,
  type SessionInfo,
  type SignInBody,
  type SignUpBody,
} from '@poisklinik/shared';
import { errorResponses, noContent } from '../api-docs/doc-schemas';
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

  const tags = ['auth'];
  const signedInAnswer = { $ref: 'SessionInfo#', description: 'Signed in; the session cookie is set.' };

  app.post<{ Body: SignUpBody }>(
    accountRoutes.signUp,
    {
      schema: {
        summary: 'Create an account and sign in',
        tags,
        body: signUpBodySchema,
        response: { 201: signedInAnswer, ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => sendSignedIn(reply, cookie, await accounts.signUp(request.body, request.ip), 201),
  );

  app.post<{ Body: SignInBody }>(
    accountRoutes.signIn,
    {
      schema: {
        summary: 'Sign in with email and password',
        tags,
        body: signInBodySchema,
        response: { 200: signedInAnswer, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => sendSignedIn(reply, cookie, await accounts.signIn(request.body, request.ip), 200),
  );

  // Works without a session too: signing out must always leave the browser without a cookie.
  app.post(
    accountRoutes.signOut,
    { schema: { summary: 'Sign out on this device (always clears the cookie)', tags, response: noContent } },
    async (request, reply) => {
      if (request.auth) await sessions.invalidate(request.auth.sessionId);
      clearSessionCookie(reply, cookie);
      return reply.code(204).send();
    },
  );

  app.post(
    accountRoutes.signOutEverywhere,
    {
      config: { access: 'signed-in' },
      schema: { summary: 'Sign out on every device', tags, response: noContent },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await sessions.invalidateAll(auth.userId);
      clearSessionCookie(reply, cookie);
      return reply.code(204).send();
    },
  );

  app.get(
    accountRoutes.session,
    {
      config: { access: 'signed-in' },
      schema: { summary: 'The current session and its user', tags, response: { 200: { $ref: 'SessionInfo#' } } },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const expiresAt = sessionExpiresAt(request) ?? new Date();
      const info: SessionInfo = { user: await accounts.view(auth.userId), expiresAt: expiresAt.toISOString() };
      return reply.send(info);
    },
  );

  app.post<{ Body: PasswordResetRequestBody }>(
    accountRoutes.passwordResetRequest,
    {
      schema: {
        summary: 'Ask for a password reset mail (answers the same for any address)',
        tags,
        body: passwordResetRequestBodySchema,
        response: {
          202: {
            description: 'Accepted; a mail goes out if the account exists.',
            type: 'object',
            properties: { ok: { type: 'boolean' } },
          },
          ...errorResponses(400, 429),
        },
      },
    },
    async (request, reply) => {
      await resets.request(request.body, request.ip);
      return reply.code(202).send({ ok: true });
    },
  );

  app.post<{ Body: PasswordResetConfirmBody }>(
    accountRoutes.passwordResetConfirm,
    {
      schema: {
        summary: 'Set a new password with a reset token and sign in',
        tags,
        body: passwordResetConfirmBodySchema,
        response: { 200: signedInAnswer, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => sendSignedIn(reply, cookie, await resets.confirm(request.body, request.ip), 200),
  );
}
