/** Said when no HTTP answer arrived at all; every API module keeps this kind so the UI can say "needs a network". */
export type Offline = { kind: 'offline' };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One same-origin JSON request, its answer mapped by `toResult`. Same-origin only: the session cookie is httpOnly
 * and travels by itself; the browser adds Origin and Sec-Fetch-Site, which the server checks on unsafe methods.
 */
export async function requestJson<R>(
  method: HttpMethod,
  path: string,
  body: unknown,
  toResult: (response: Response) => Promise<R>,
): Promise<R | Offline> {
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
    // fetch rejects only when no HTTP answer arrived at all: no network, DNS, refused connection.
    return { kind: 'offline' };
  }
  return toResult(response);
}

/** The answer's JSON body; undefined when empty or not JSON (a proxy's HTML error page: the status still speaks). */
export async function readJsonBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A string field of an answer body (`error`, `reason`, `field`); undefined when absent or not a string. */
export function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(name in body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
