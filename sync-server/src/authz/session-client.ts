// Test-side HTTP client with a real session: signs up or in through the real account routes and sends the
// session cookie plus a same-origin `Origin` header, as the app in a browser does.
import { accountRoutes, type SessionInfo } from '@poisklinik/shared';
import type { SyncServer } from '../server';
import { request, type JsonResponse } from '../test-support/test-server';

export type TestSession = { cookie: string; userId: string; email: string; password: string };

const SESSION_COOKIE = 'pk_session';

function sessionCookie(headers: Headers): string {
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(';');
    if (pair?.startsWith(`${SESSION_COOKIE}=`) && pair.length > SESSION_COOKIE.length + 1) return pair;
  }
  throw new Error('no session cookie in the answer');
}

/** One request as `session` (or anonymous); JSON body when given. Never throws on an HTTP error. */
export function call(
  server: SyncServer,
  session: TestSession | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonResponse> {
  const headers: Record<string, string> = { origin: server.url };
  if (session) headers['cookie'] = session.cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return request(`${server.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function signed(server: SyncServer, path: string, body: Record<string, string>): Promise<TestSession> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(body),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  const info = (await res.json()) as SessionInfo;
  return {
    cookie: sessionCookie(res.headers),
    userId: info.user.id,
    email: info.user.email,
    password: body['password'] ?? '',
  };
}

export function signUp(server: SyncServer, email: string, password: string, name?: string): Promise<TestSession> {
  return signed(server, accountRoutes.signUp, { email, password, ...(name !== undefined ? { name } : {}) });
}

export function signIn(server: SyncServer, email: string, password: string): Promise<TestSession> {
  return signed(server, accountRoutes.signIn, { email, password });
}

/** A fetch for RxDB's replication that sends the session like the app's browser would. */
export function sessionFetch(server: SyncServer, session: TestSession): typeof fetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', session.cookie);
    headers.set('origin', server.url);
    return fetch(input, { ...init, headers });
  };
}
