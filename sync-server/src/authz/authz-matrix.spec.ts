// The authorisation matrix: anonymous, patients A and B, a manager and an admin (bootstrapped from ADMIN_EMAIL /
// ADMIN_PASSWORD, the manager granted by that admin) against every per-user and account endpoint, over real HTTP
// with real sessions. Each cell asserts the exact status, that nobody received another user's data, and — after
// the whole refusal phase — that the stored accounts and profiles are byte for byte what they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes } from '@poisklinik/shared';
import type { SyncServer } from '../server';
import type { StoredDoc } from '../store/store.types';
import { createTestEnv, type JsonResponse, type TestEnv } from '../test-support/test-server';
import { actors, refusalCases, type Actor, type Case } from './authz-cases';
import { call, signIn, signUp, type TestSession } from './session-client';

type Person = { session: TestSession; name: string; phone?: string };

const ADMIN = { email: 'admin@example.ru', password: 'the admin passphrase 1' };
let env: TestEnv;
let server: SyncServer;
const people = {} as Record<Exclude<Actor, 'anonymous'>, Person>;

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  const admin = await signIn(server, ADMIN.email, ADMIN.password);
  people.admin = { session: admin, name: 'Администратор' };
  people.A = {
    session: await signUp(server, 'anna@example.ru', 'correct horse battery', 'Анна Первая'),
    name: 'Анна Первая',
  };
  people.B = {
    session: await signUp(server, 'boris@example.ru', 'staple paper clip 42', 'Борис Второй'),
    name: 'Борис Второй',
  };
  people.manager = {
    session: await signUp(server, 'maria@example.ru', 'managers manage 2026', 'Мария Менеджер'),
    name: 'Мария Менеджер',
  };
  for (const [who, phone] of [
    ['A', '+79101234567'],
    ['B', '+79107654321'],
    ['admin', '+79990001122'],
  ] as const) {
    const res = await call(server, people[who].session, 'PATCH', accountRoutes.profile, {
      phone,
      name: people[who].name,
    });
    expect(res.status).toBe(200);
    people[who].phone = phone;
  }
  const granted = await call(server, admin, 'PUT', accountRoutes.adminUserRoles(people.manager.session.userId), {
    roles: ['manager'],
  });
  expect(granted.status).toBe(200);
  expect(granted.body).toMatchObject({ roles: ['patient', 'manager'] });
});
afterAll(() => env.cleanup());

const sessionOf = (actor: Actor): TestSession | null => (actor === 'anonymous' ? null : people[actor].session);

/** Puts the user ids in, also where a route helper has URL-encoded the placeholder. */
function fill(text: string): string {
  const ids = { A: people.A, B: people.B, M: people.manager, ADMIN: people.admin };
  let filled = text;
  for (const [token, person] of Object.entries(ids)) {
    filled = filled.replaceAll(`{${token}}`, person.session.userId);
    filled = filled.replaceAll(encodeURIComponent(`{${token}}`), person.session.userId);
  }
  return filled;
}

/** Every account and profile document as stored, keyed by database and id. */
async function snapshot(): Promise<Map<string, StoredDoc>> {
  const all = new Map<string, StoredDoc>();
  for (const name of ['accounts', 'profiles']) {
    const rows = (await (await server.store.database(name)).allDocs({ includeDocs: true })).rows;
    for (const row of rows) if ('doc' in row && row.doc) all.set(`${name}/${row.id}`, row.doc);
  }
  return all;
}

/** What `actor` may never see of the others: email, name, phone; the user id unless the request itself named it. */
function leaks(actor: Actor, requestText: string, answer: string): string[] {
  if (actor === 'admin') return []; // the admin's user list shows everybody, by design
  const found: string[] = [];
  for (const [who, person] of Object.entries(people)) {
    if (who === actor) continue;
    const secrets = [person.session.email, person.name, person.phone ?? ''];
    if (!requestText.includes(person.session.userId)) secrets.push(person.session.userId);
    for (const secret of secrets) if (secret !== '' && answer.includes(secret)) found.push(`${who}'s ${secret}`);
  }
  return found;
}

async function run(c: Case, actor: Actor): Promise<{ res: JsonResponse; problems: string[] }> {
  const path = fill(c.path);
  const body = c.body === undefined ? undefined : (JSON.parse(fill(JSON.stringify(c.body))) as unknown);
  const res = await call(server, sessionOf(actor), c.method, path, body);
  const problems: string[] = [];
  const want = c.status[actor];
  if (res.status !== want) problems.push(`status ${res.status}, want ${String(want)}: ${JSON.stringify(res.body)}`);
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  problems.push(...leaks(actor, `${path} ${JSON.stringify(body ?? '')}`, text).map((l) => `leaked ${l}`));
  // A HEAD answer has no body to check.
  if (res.status >= 400 && c.method !== 'HEAD') {
    const e = res.body as { error?: unknown; reason?: unknown };
    if (typeof e.error !== 'string' || typeof e.reason !== 'string') problems.push(`error body not {error, reason}`);
  }
  const extra = res.status < 300 ? c.check?.(res.body, actor) : null;
  if (extra) problems.push(extra);
  return { res, problems };
}

function table(cases: Case[], got: Map<string, string>): string {
  const width = Math.max(...cases.map((c) => c.label.length)) + 2;
  const header = `${''.padEnd(width)}${actors.map((a) => a.padEnd(14)).join('')}`;
  const lines = cases.map(
    (c) => `${c.label.padEnd(width)}${actors.map((a) => (got.get(`${c.label}|${a}`) ?? '—').padEnd(14)).join('')}`,
  );
  return [header, ...lines].join('\n');
}

describe('authorisation matrix', () => {
  it(
    'every actor × endpoint answers the exact status, leaks nothing and changes nothing',
    { timeout: 120_000 },
    async () => {
      const cases = refusalCases();
      const before = await snapshot();
      const got = new Map<string, string>();
      const failures: string[] = [];
      let cells = 0;
      for (const c of cases) {
        for (const actor of actors) {
          if (c.status[actor] === null) continue;
          cells += 1;
          const { res, problems } = await run(c, actor);
          got.set(`${c.label}|${actor}`, problems.length === 0 ? String(res.status) : `${res.status}✗`);
          for (const p of problems) failures.push(`${c.method} ${c.label} as ${actor}: ${p}`);
        }
      }
      expect(failures, `\n${table(cases, got)}\n`).toEqual([]);
      expect(cells).toBeGreaterThanOrEqual(200);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('the cells that really write do what they say and touch nobody else', { timeout: 60_000 }, async () => {
    const before = await snapshot();
    const { A, B, manager, admin } = people;
    const profileOf = async (id: string) => (await server.store.database('profiles')).get(id);

    // A pushes her own profile through replication.
    const own = await profileOf(A.session.userId);
    if (!own) throw new Error('no profile of A');
    const pushed = await call(server, A.session, 'POST', '/db/profiles/_bulk_docs', {
      docs: [{ ...own, name: 'Анна Синхронная', updatedAt: new Date().toISOString() }],
    });
    expect(pushed.status).toBe(201);
    expect(pushed.body).toMatchObject([{ ok: true, id: A.session.userId }]);
    expect((await profileOf(A.session.userId))?.['name']).toBe('Анна Синхронная');

    // The admin grants A the manager role; A's own replication shows it.
    const granted = await call(server, admin.session, 'PUT', accountRoutes.adminUserRoles(A.session.userId), {
      roles: ['manager'],
    });
    expect(granted.status).toBe(200);
    const mine = await call(server, A.session, 'GET', `/db/profiles/${A.session.userId}`);
    expect(mine.body).toMatchObject({ roles: ['patient', 'manager'] });

    // B signs out everywhere: his session no longer opens anything.
    expect((await call(server, B.session, 'POST', accountRoutes.signOutEverywhere)).status).toBe(204);
    expect((await call(server, B.session, 'GET', '/db/profiles/')).status).toBe(401);
    expect((await call(server, B.session, 'GET', accountRoutes.session)).status).toBe(401);

    // A deletes her account with the right password: her profile is gone and her session with it.
    const deleted = await call(server, A.session, 'POST', accountRoutes.deleteAccount, {
      password: A.session.password,
    });
    expect(deleted.status).toBe(204);
    expect((await call(server, A.session, 'GET', '/db/profiles/')).status).toBe(401);
    expect(await profileOf(A.session.userId)).toBeNull();

    // Nobody else's account or profile changed (B only signed out: his documents stay as they were).
    const after = await snapshot();
    const untouched = (doc: Map<string, StoredDoc>) =>
      new Map(
        [...doc].filter(([key, d]) => !key.includes(A.session.userId) && !JSON.stringify(d).includes(A.session.userId)),
      );
    expect(untouched(after)).toEqual(untouched(before));
    for (const person of [B, manager, admin]) {
      expect(after.get(`profiles/${person.session.userId}`)).toEqual(before.get(`profiles/${person.session.userId}`));
    }
  });
});
