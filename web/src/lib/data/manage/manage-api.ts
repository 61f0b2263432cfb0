import {
  CLINIC_HAS_BOOKINGS_ERROR,
  CLINIC_INVALID_ERROR,
  manageRoutes,
  type ClinicWriteBody,
  type ManagedClinic,
  type ManagedClinicList,
} from '@poisklinik/shared';

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
  | { kind: 'offline' };

export type ManageFailure = Exclude<ManageResult<never>, { kind: 'ok' }>;

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text()) as unknown;
  } catch {
    return undefined;
  }
}

function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(key in body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** Maps an HTTP answer onto the result kinds; exported for the unit tests, which feed it real `Response`s. */
export async function toManageResult<T>(response: Response): Promise<ManageResult<T>> {
  const body = await readJson(response);
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

async function call<T>(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<ManageResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // fetch rejects only when no HTTP answer arrived at all.
    return { kind: 'offline' };
  }
  return toManageResult<T>(response);
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
