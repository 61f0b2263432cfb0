// Who may send what to a per-user collection (`/db/<userCollection>/…`). Decided from the method and path alone,
// in the request hook, so a refused request is answered before its body is even read.
import { SYNC_BASE_PATH, isUserCollection, type UserCollection } from '@poisklinik/shared';
import { unauthorized } from '../../auth/auth-context';
import { HttpError } from '../../http/http-error';

/** The only POSTs a per-user collection takes: the reading ones (as on the catalogue) and RxDB's push. */
const ALLOWED_POST = /^\/[^/]+\/(_all_docs|_bulk_get|_changes|_revs_diff|_bulk_docs)\/?$/;

export const USER_COLLECTION_ALLOW = 'GET, HEAD, POST';

const NOT_ALLOWED_REASON =
  'Your own data changes only through replication pushes (POST _bulk_docs) or the account API; ' +
  'other writes to this collection are not accepted.';

/** The per-user collection a decoded request path (`pathOf`) addresses, if any. */
export function userCollectionOf(path: string): UserCollection | undefined {
  if (!path.startsWith(`${SYNC_BASE_PATH}/`)) return undefined;
  // `path` is already decoded (see `pathOf`), so "%70rofiles" counts as "profiles" here, as it does for the router.
  const name = path.slice(SYNC_BASE_PATH.length + 1).split('/', 1)[0] ?? '';
  return isUserCollection(name) ? name : undefined;
}

/**
 * Anonymous: 401 on every request, reads included (there is nothing public in a per-user collection). Signed in:
 * reads and `_bulk_docs` pass, every other write shape is 405 (PUT/DELETE of a document, POST to the database,
 * `_local`, `_purge`, `_compact`, attachments…).
 */
export function userCollectionRefusal(method: string, path: string, signedIn: boolean): HttpError | undefined {
  if (!signedIn) return unauthorized('Sign in to sync your own data.');
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return undefined;
  const rest = path.slice(SYNC_BASE_PATH.length);
  if (method === 'POST' && ALLOWED_POST.test(rest)) return undefined;
  return new HttpError(405, 'method_not_allowed', NOT_ALLOWED_REASON);
}
