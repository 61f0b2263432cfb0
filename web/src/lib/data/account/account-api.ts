import {
  accountErrorCodes,
  accountRoutes,
  type AccountErrorCode,
  type ChangePasswordBody,
  type DeleteAccountBody,
  type PasswordResetConfirmBody,
  type PasswordResetRequestBody,
  type SessionInfo,
  type SignInBody,
  type SignUpBody,
} from '@poisklinik/shared';
import { readJsonBody, requestJson, stringField, type Offline } from '../json-http';

/**
 * What a call to the account API came to. The UI needs to tell apart "the server refused" (show its reason),
 * "no network" (say the form needs one) and "slow down" (say for how long): a thrown error would blur them.
 */
export type ApiResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'refused'; status: number; error: AccountErrorCode | 'unknown'; field?: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | Offline;

export type ApiFailure = Exclude<ApiResult<never>, { kind: 'ok' }>;

function isAccountErrorCode(value: unknown): value is AccountErrorCode {
  return typeof value === 'string' && (accountErrorCodes as readonly string[]).includes(value);
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); a minute when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (header) {
    if (/^\d+$/.test(header.trim())) return Math.max(1, Number(header.trim()));
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(1, Math.ceil((at - now) / 1000));
  }
  return 60;
}

/** Maps an HTTP answer onto the result kinds; exported for the unit tests, which feed it real `Response`s. */
export async function toResult<T>(response: Response): Promise<ApiResult<T>> {
  if (response.status === 429) {
    return { kind: 'rate-limited', retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')) };
  }
  const body = await readJsonBody(response);
  if (response.ok) return { kind: 'ok', value: body as T };
  const error = stringField(body, 'error');
  const field = stringField(body, 'field');
  return {
    kind: 'refused',
    status: response.status,
    error: isAccountErrorCode(error) ? error : response.status === 401 ? 'unauthorized' : 'unknown',
    ...(field !== undefined ? { field } : {}),
  };
}

function call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<ApiResult<T>> {
  return requestJson(method, path, body, toResult<T>);
}

export const accountApi = {
  signUp: (body: SignUpBody) => call<SessionInfo>('POST', accountRoutes.signUp, body),
  signIn: (body: SignInBody) => call<SessionInfo>('POST', accountRoutes.signIn, body),
  signOut: () => call<void>('POST', accountRoutes.signOut),
  signOutEverywhere: () => call<void>('POST', accountRoutes.signOutEverywhere),
  session: () => call<SessionInfo>('GET', accountRoutes.session),
  requestPasswordReset: (body: PasswordResetRequestBody) =>
    call<void>('POST', accountRoutes.passwordResetRequest, body),
  confirmPasswordReset: (body: PasswordResetConfirmBody) =>
    call<SessionInfo>('POST', accountRoutes.passwordResetConfirm, body),
  changePassword: (body: ChangePasswordBody) => call<void>('POST', accountRoutes.changePassword, body),
  deleteAccount: (body: DeleteAccountBody) => call<void>('POST', accountRoutes.deleteAccount, body),
};
