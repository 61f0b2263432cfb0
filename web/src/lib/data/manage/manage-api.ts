import {
  CLINIC_HAS_BOOKINGS_ERROR,
  CLINIC_INVALID_ERROR,
  manageRoutes,
  type ClinicWriteBody,
  type ManagedClinic,
  type ManagedClinicList,
} from '@poisklinik/shared';
import { readJsonBody, requestJson, stringField, type Offline } from '../json-http';

/**
 * What a management call came to. The editor must tell apart a refused field (show it next to the input), a
 * stale revision (someone saved first), "not yours / gone", and "no network" — a thrown error would blur them.
 */
export type ManageResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'invalid'; field: string; reason: string }
  | { kind: 'conflict' }
  | { kind: 'not-found' }
  | { kind: 'refused'; status: number; error: string }
  | Offline;

export type ManageFailure = Exclude<ManageResult<never>, { kind: 'ok' }>;

/** Maps an HTTP answer onto the result kinds; exported for the unit tests, which feed it real `Response`s. */
export async function toManageResult<T>(response: Response): Promise<ManageResult<T>> {
  const body = await readJsonBody(response);
  if (response.ok) return { kind: 'ok', value: body as T };
  const error = stringField(body, 'error') ?? 'unknown';
  const field = stringField(body, 'field');
  if (response.status === 400 && error === CLINIC_INVALID_ERROR && field !== undefined) {
    return { kind: 'invalid', field, reason: stringField(body, 'reason') ?? '' };
  }
  // A deletion refused for the clinic's future bookings is also a 409, but not a stale revision.
  if (response.status === 409 && error !== CLINIC_HAS_BOOKINGS_ERROR) return { kind: 'conflict' };
  if (response.status === 404) return { kind: 'not-found' };
  return { kind: 'refused', status: response.status, error };
}

function call<T>(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<ManageResult<T>> {
  return requestJson(method, path, body, toManageResult<T>);
}

const clinicPath = (id: string) => `${manageRoutes.clinics}/${encodeURIComponent(id)}`;

/** Admins list every clinic a page at a time, optionally those whose name contains `q`. */
export type ListQuery = { all: boolean; q?: string; limit?: number };

export const ADMIN_LIST_LIMIT = 200;

function listPath({ all, q, limit }: ListQuery): string {
  if (!all) return manageRoutes.clinics;
  const params = new URLSearchParams({ all: '1', limit: String(limit ?? ADMIN_LIST_LIMIT) });
  if (q?.trim()) params.set('q', q.trim());
  return `${manageRoutes.clinics}?${params.toString()}`;
}

export const manageApi = {
  /** The signed-in manager's clinics; `all` (admins): every clinic. */
  async list(query: ListQuery): Promise<ManageResult<readonly ManagedClinic[]>> {
    const result = await call<ManagedClinicList>('GET', listPath(query));
    return result.kind === 'ok' ? { kind: 'ok', value: result.value.clinics } : result;
  },
  get: (id: string) => call<ManagedClinic>('GET', clinicPath(id)),
  /** Without `rev` creates the clinic; with it updates only that revision (409 → `conflict`). */
  save: (id: string, body: ClinicWriteBody) => call<ManagedClinic>('PUT', clinicPath(id), body),
  remove: (id: string, rev: string) => call<unknown>('DELETE', `${clinicPath(id)}?rev=${encodeURIComponent(rev)}`),
};
