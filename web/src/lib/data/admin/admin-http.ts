/**
 * What one admin request came to. The dashboard must tell "the server refused" (show its reason, e.g. 403 when
 * the role was taken away meanwhile) from "no network" (show nothing stale as if current); a thrown error would
 * blur the two.
 */
export type AdminResult<T> =
  { kind: 'ok'; value: T } | { kind: 'refused'; status: number; error: string; reason: string } | { kind: 'offline' };

export type AdminMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(name in body)) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Maps an HTTP answer onto the result kinds; exported for the unit tests, which feed it real `Response`s. */
export async function toAdminResult<T>(response: Response): Promise<AdminResult<T>> {
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // A proxy's HTML error page: the status still says what happened.
  }
  if (response.ok) return { kind: 'ok', value: body as T };
  return {
    kind: 'refused',
    status: response.status,
    error: field(body, 'error') ?? (response.status === 401 ? 'unauthorized' : 'unknown'),
    reason: field(body, 'reason') ?? response.statusText,
  };
}

/** One same-origin JSON request; the session cookie travels by itself, the browser adds Origin for the CSRF check. */
export async function adminCall<T>(method: AdminMethod, path: string, body?: unknown): Promise<AdminResult<T>> {
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
    return { kind: 'offline' };
  }
  return toAdminResult<T>(response);
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
