// Over a thousand hostile requests against every account, auth, admin and /db/profiles endpoint (seeded, so a
// failure reproduces): no answer may be a 5xx, every 4xx is JSON {error, reason} without internals, and a real
// account comes out of it with the same password, profile and session.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes, type AccountView } from '@poisklinik/shared';
import { defaultRateLimits, rateLimitNames, type RateLimits } from './rate-limits';
import type { SyncServer } from '../server';
import { createTestEnv, request, type TestEnv } from '../test-support/test-server';
import { fuzzRequests, type FuzzContext, type FuzzRequest } from '../test-support/fuzz-requests';
import { rawAgent, sendRaw, type RawResult } from '../test-support/raw-http';

const SEED = 20261130;
const owner = { email: 'fuzz-owner@example.org', password: 'Семь-верблюдов-идут-на-север', name: 'Анна Фаззер' };
const admin = { email: 'fuzz-admin@example.org', password: 'Пять-ежей-в-тумане-у-реки' };

/** High enough that almost every request reaches validation instead of stopping at a 429. */
function looseLimits(): RateLimits {
  const limits = defaultRateLimits();
  for (const name of rateLimitNames) limits[name] = { max: 1_000_000, windowMs: 60_000 };
  return limits;
}

type Outcome = { req: FuzzRequest; result: RawResult };

/** What is wrong with one answer (empty = fine). */
function problems({ req, result }: Outcome): string[] {
  if ('error' in result) return [`no HTTP answer: ${result.error}`];
  const found: string[] = [];
  if (result.status >= 500) found.push(`status ${result.status}`);
  // Internals: stack frames, source or install paths, Node error names.
  if (/\bat [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d+|ERR_[A-Z_]{4,}|FST_[A-Z_]+/.test(result.body)) {
    found.push('body leaks internals');
  }
  const hasBody = req.method !== 'HEAD' && result.status !== 204 && result.status !== 304;
  if (result.status >= 400 && hasBody) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.body);
    } catch {
      found.push('4xx body is not JSON');
    }
    const body = parsed as { error?: unknown; reason?: unknown } | undefined;
    if (parsed !== undefined && (typeof body?.error !== 'string' || typeof body.reason !== 'string')) {
      found.push('4xx body is not {error, reason}');
    }
    if (!String(result.headers['content-type']).startsWith('application/json')) found.push('4xx not application/json');
  }
  return found;
}

function describeFailure({ req, result }: Outcome, why: string[]): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
  const answer = 'error' in result ? result.error : `${result.status} ${cut(result.body, 300)}`;
  return [
    `${why.join(', ')} [${req.label}]`,
    `  ${req.method} ${cut(req.path, 200)}`,
    `  headers: ${cut(JSON.stringify(req.headers), 300)}`,
    `  body: ${req.body ? cut(req.body.toString('latin1'), 300) : '(none)'}`,
    `  answer: ${answer}`,
  ].join('\n');
}

/** One example per kind of failure (what is wrong + status + error name), most frequent first. */
function failureReport(outcomes: Outcome[]): string {
  const groups = new Map<string, { count: number; example: string }>();
  for (const outcome of outcomes) {
    const why = problems(outcome);
    if (why.length === 0) continue;
    const { result } = outcome;
    const answer =
      'error' in result ? result.error : `${result.status} ${/"(?:error|code)":"[^"]*"/.exec(result.body)?.[0] ?? ''}`;
    const key = `${why.join(', ')} — ${answer}`;
    const group = groups.get(key) ?? { count: 0, example: describeFailure(outcome, why) };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count)
    .map((g) => `×${g.count} ${g.example}`)
    .join('\n\n');
}

/** `FUZZ_DUMP=<file>`: every failing request as JSON (body in base64), to replay one with curl while fixing it. */
function dumpFailures(outcomes: Outcome[]) {
  if (!process.env.FUZZ_DUMP) return;
  const failing = outcomes
    .filter((o) => problems(o).length > 0)
    .map(({ req }) => ({ ...req, body: req.body?.toString('base64') }));
  writeFileSync(process.env.FUZZ_DUMP, JSON.stringify(failing, null, 1));
}

const resets = { count: 0 };

async function run(server: SyncServer, requests: FuzzRequest[], concurrency: number): Promise<Outcome[]> {
  const agent = rawAgent(concurrency);
  const outcomes: Outcome[] = new Array<Outcome>(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      const req = requests[i]!;
      let result = await sendRaw(server.url, req, agent);
      // A server that answers before reading the whole upload and then closes can have its answer overtaken by
      // the TCP reset (the kernel drops unread data): a transport race, not an answer. Sent again, twice at most.
      for (let retry = 0; retry < 2 && 'error' in result && /hang up|ECONNRESET|EPIPE/.test(result.error); retry++) {
        resets.count += 1;
        result = await sendRaw(server.url, req, agent);
      }
      outcomes[i] = { req, result };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return outcomes;
}

function summary(title: string, outcomes: Outcome[]): string {
  const byEndpoint = new Map<string, Map<string, number>>();
  const statuses = new Set<string>();
  for (const { req, result } of outcomes) {
    const endpoint = req.label.split(' ')[0] ?? '?';
    const status = 'error' in result ? 'none' : String(result.status);
    statuses.add(status);
    const row = byEndpoint.get(endpoint) ?? new Map<string, number>();
    row.set(status, (row.get(status) ?? 0) + 1);
    byEndpoint.set(endpoint, row);
  }
  const cols = [...statuses].sort();
  const line = (name: string, cells: (string | number)[]) =>
    `${name.padEnd(20)}${cells.map((c) => String(c).padStart(6)).join('')}`;
  const total = cols.map((c) => [...byEndpoint.values()].reduce((n, row) => n + (row.get(c) ?? 0), 0));
  return [
    `${title}: ${outcomes.length} requests, ${outcomes.filter((o) => o.req.mayHash).length} may hash, ` +
      `${resets.count} resent after a connection reset so far`,
    line('endpoint', cols),
    ...[...byEndpoint.entries()].sort().map(([name, row]) =>
      line(
        name,
        cols.map((c) => row.get(c) ?? ''),
      ),
    ),
    line('total', total),
  ].join('\n');
}

function sessionCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('pk_session='));
  if (!cookie) throw new Error('no session cookie in the answer');
  return cookie.split(';')[0]!;
}

async function signIn(server: SyncServer, who: { email: string; password: string }) {
  return request(`${server.url}${accountRoutes.signIn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
}

const get = (server: SyncServer, path: string, cookie: string) =>
  request(`${server.url}${path}`, { headers: { cookie } });

describe('auth fuzz', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('answers 1,000+ hostile requests without a 5xx, always as {error, reason}, and the real account is untouched', async () => {
    const server = await env.start({
      rateLimits: looseLimits(),
      longpollTimeoutMs: 1000,
      adminEmail: admin.email,
      adminPassword: admin.password,
    });
    try {
      const signedUp = await request(`${server.url}${accountRoutes.signUp}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify(owner),
      });
      expect(signedUp.status).toBe(201);
      const patientCookie = sessionCookie(signedUp.headers);
      const user = (signedUp.body as { user: AccountView }).user;
      const patched = await request(`${server.url}${accountRoutes.profile}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', origin: server.url, cookie: patientCookie },
        body: JSON.stringify({ phone: '8 (910) 123-45-67' }),
      });
      expect(patched.status).toBe(200);
      const profileBefore = (await get(server, accountRoutes.profile, patientCookie)).body;
      const adminSignIn = await signIn(server, admin);
      expect(adminSignIn.status).toBe(200);

      const ctx: FuzzContext = {
        origin: server.url,
        patientCookie,
        adminCookie: sessionCookie(adminSignIn.headers),
        userId: user.id,
        email: owner.email,
      };
      const requests = fuzzRequests(ctx, SEED, 1100, 40);
      expect(requests.length).toBe(1100);
      const outcomes = await run(server, requests, 4);
      console.log(summary('auth fuzz, loose rate limits', outcomes));

      dumpFailures(outcomes);
      expect.soft(failureReport(outcomes)).toBe('');

      // Still serving, and the garbage changed nothing a user would notice.
      expect((await request(`${server.url}/healthz`)).status).toBe(200);
      expect((await get(server, accountRoutes.session, patientCookie)).status).toBe(200);
      expect((await get(server, accountRoutes.profile, patientCookie)).body).toEqual(profileBefore);
      const again = await signIn(server, owner);
      expect(again.status).toBe(200);
      expect((again.body as { user: AccountView }).user).toEqual(profileBefore);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('with the default rate limits, floods are answered 429 {error, reason} and never a 5xx', async () => {
    const server = await env.start({ longpollTimeoutMs: 1000 });
    try {
      const ctx: FuzzContext = {
        origin: server.url,
        patientCookie: 'pk_session=none',
        adminCookie: 'pk_session=none',
        userId: 'uaaaaaaaaaaaaaaaaaaaa',
        email: 'nobody@example.org',
      };
      const json = { 'content-type': 'application/json', origin: server.url };
      const flood = (path: string, body: object, n: number): FuzzRequest[] =>
        Array.from({ length: n }, (_, i) => ({
          label: `${path.split('/').at(-1) ?? path} flood`,
          method: 'POST',
          path,
          headers: json,
          body: Buffer.from(JSON.stringify(body)),
          mayHash: path !== accountRoutes.passwordResetRequest && i < 12,
        }));
      const requests = [
        ...flood(accountRoutes.signIn, { email: 'nobody@example.org', password: 'wrong-password-1' }, 14),
        ...flood(accountRoutes.passwordResetRequest, { email: 'nobody@example.org' }, 6),
        ...flood(accountRoutes.signUp, { email: 'x@example.org', password: 'short' }, 12),
        ...fuzzRequests(ctx, SEED + 1, 120, 10),
      ];
      const outcomes = await run(server, requests, 2);
      console.log(summary('auth fuzz, default rate limits', outcomes));

      expect.soft(failureReport(outcomes)).toBe('');
      const limited = outcomes.filter((o) => !('error' in o.result) && o.result.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      for (const { result } of limited) {
        if ('error' in result) continue;
        const body = JSON.parse(result.body) as { error: unknown; reason: unknown };
        expect(body.error).toBe('too_many_requests');
        expect(typeof body.reason).toBe('string');
        expect(Number(result.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect((await request(`${server.url}/healthz`)).status).toBe(200);
      // The owner from the first run: signed in, or told to wait if this run used up the address's sign-ins.
      expect([200, 429]).toContain((await signIn(server, owner)).status);
    } finally {
      await server.close();
    }
  }, 120_000);
});
