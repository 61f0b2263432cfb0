import type { FastifyInstance } from 'fastify';
import { accountRoutes } from '@poisklinik/shared';
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

  app.get(accountRoutes.profile, async (request) => accounts.view(requireAuth(request).userId));

  app.patch(accountRoutes.profile, async (request) => {
    const auth = requireAuth(request);
    await profiles.update(auth.userId, request.body);
    return accounts.view(auth.userId);
  });

  app.post(accountRoutes.changePassword, async (request, reply) => {
    await accounts.changePassword(requireAuth(request), request.body);
    return reply.code(204).send();
  });

  app.post(accountRoutes.deleteAccount, async (request, reply) => {
    await accounts.deleteAccount(requireAuth(request), request.body);
    clearSessionCookie(reply, cookie);
    return reply.code(204).send();
  });
}
