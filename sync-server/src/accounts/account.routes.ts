import type { FastifyInstance } from 'fastify';
import {
  accountRoutes,
  changePasswordBodySchema,
  deleteAccountBodySchema,
  profileUpdateBodySchema,
  type ChangePasswordBody,
  type DeleteAccountBody,
  type ProfileUpdateBody,
} from '@poisklinik/shared';
import { errorResponses, noContent } from '../api-docs/doc-schemas';
import { requireAuth } from '../auth/auth-context';
import { clearSessionCookie, type CookiePolicy } from '../auth/session-cookie';
import type { AccountService } from './account.service';
import type { ProfileService } from './profile.service';

/** `/api/account/*`: the signed-in user's own account. */
export function registerAccountRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountService; profiles: ProfileService; cookie: CookiePolicy },
): void {
  const { accounts, profiles, cookie } = deps;

  const tags = ['account'];
  const config = { access: 'signed-in' } as const;
  const account = { 200: { $ref: 'AccountView#' }, ...errorResponses(401) };

  app.get(
    accountRoutes.profile,
    { config, schema: { summary: 'My account and profile', tags, response: account } },
    async (request) => accounts.view(requireAuth(request).userId),
  );

  app.patch<{ Body: ProfileUpdateBody }>(
    accountRoutes.profile,
    {
      config,
      schema: {
        summary: 'Change my name or phone (phone "" removes it)',
        tags,
        body: profileUpdateBodySchema,
        response: { ...account, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      await profiles.update(auth.userId, request.body);
      return accounts.view(auth.userId);
    },
  );

  app.post<{ Body: ChangePasswordBody }>(
    accountRoutes.changePassword,
    {
      config,
      schema: {
        summary: 'Change my password (other devices are signed out)',
        tags,
        body: changePasswordBodySchema,
        response: { ...noContent, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await accounts.changePassword(requireAuth(request), request.body);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: DeleteAccountBody }>(
    accountRoutes.deleteAccount,
    {
      config,
      schema: {
        summary: 'Delete my account (ADR 007: what goes and what stays)',
        tags,
        body: deleteAccountBodySchema,
        response: { ...noContent, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await accounts.deleteAccount(requireAuth(request), request.body);
      clearSessionCookie(reply, cookie);
      return reply.code(204).send();
    },
  );
}
