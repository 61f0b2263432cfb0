// Test-side HTTP for several instances: sign-up and sign-in through any instance's real routes, each "client" from
// its own address (the instances trust X-Forwarded-For, as behind the load balancer), and JSON calls with a cookie.
import { accountRoutes, type SessionInfo } from '@poisklinik/shared';
import { GOOD_PASSWORD } from '../auth/auth-test-client';
import type { TestSession } from '../authz/session-client';
import { request, type JsonResponse } from '../test-support/test-server';

const SESSION_COOKIE = 'pk_session';
let nextAddress = 1;

/** A fresh documentation address (TEST-NET-2) per call: per-IP limits never get in a test's way by accident. */
export function freshIp(): string {
  const n = nextAddress++;
  return `198.51.${100 + Math.floor(n / 250)}.${(n % 250) + 1}`;
}

export function callAs(
  baseUrl: string,
  session: Pick<TestSession, 'cookie'> | null,
  method: string,
  path: string,
  body?: unknown,
  ip: string = freshIp(),
): Promise<JsonResponse> {
  const headers: Record<string, string> = { origin: baseUrl, 'x-forwarded-for': ip };
  if (session) headers['cookie'] = session.cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return request(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function signed(baseUrl: string, path: string, email: string, password: string): Promise<TestSession> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'x-forwarded-for': freshIp() },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  const info = (await res.json()) as SessionInfo;
  const pair = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((p) => p.startsWith(`${SESSION_COOKIE}=`));
  if (!pair) throw new Error('no session cookie in the answer');
  return { cookie: pair, userId: info.user.id, email: info.user.email, password };
}

export function signUpAt(baseUrl: string, email: string, password = GOOD_PASSWORD): Promise<TestSession> {
  return signed(baseUrl, accountRoutes.signUp, email, password);
}

export function signInAt(baseUrl: string, email: string, password = GOOD_PASSWORD): Promise<TestSession> {
  return signed(baseUrl, accountRoutes.signIn, email, password);
}

/** Sign-ups spread round-robin over the instances, a few at a time (argon2 is the cost). */
export async function signUpSpread(urls: readonly string[], count: number, prefix: string): Promise<TestSession[]> {
  const sessions: TestSession[] = [];
  const PARALLEL = 6;
  for (let start = 0; start < count; start += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, count - start) }, (_, i) => {
      const n = start + i;
      return signUpAt(urls[n % urls.length] ?? '', `${prefix}${n}@example.ru`);
    });
    sessions.push(...(await Promise.all(batch)));
  }
  return sessions;
}
