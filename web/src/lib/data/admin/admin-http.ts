import { readJsonBody, requestJson, stringField, type HttpMethod, type Offline } from '../json-http';

/**
 * What one admin request came to. The dashboard must tell "the server refused" (show its reason, e.g. 403 when
 * the role was taken away meanwhile) from "no network" (show nothing stale as if current); a thrown error would
 * blur the two.
 */
export type AdminResult<T> =
  { kind: 'ok'; value: T } | { kind: 'refused'; status: number; error: string; reason: string } | Offline;

export type AdminMethod = HttpMethod;

/** Maps an HTTP answer onto the result kinds; exported for the unit tests, which feed it real `Response`s. */
export async function toAdminResult<T>(response: Response): Promise<AdminResult<T>> {
  const body = await readJsonBody(response);
  if (response.ok) return { kind: 'ok', value: body as T };
  return {
    kind: 'refused',
    status: response.status,
    error: stringField(body, 'error') ?? (response.status === 401 ? 'unauthorized' : 'unknown'),
    reason: stringField(body, 'reason') ?? response.statusText,
  };
}

/** One same-origin JSON request; the session cookie travels by itself, the browser adds Origin for the CSRF check. */
export function adminCall<T>(method: AdminMethod, path: string, body?: unknown): Promise<AdminResult<T>> {
  return requestJson(method, path, body, toAdminResult<T>);
}

/** `path?a=1&b=x` without empty parameters. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
