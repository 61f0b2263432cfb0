// Seeded generator of hostile requests to the account, auth, admin and `/db/profiles` endpoints (auth-fuzz.spec).
// Bodies are built as JSON *text* from key/value entries so keys like "__proto__" and duplicate keys reach the
// server as written (an object literal would turn "__proto__" into a prototype and drop duplicates).
import fc from 'fast-check';
import { accountRoutes, adminRoutes } from '@poisklinik/shared';
import { contentTypes, nasty, otherMethods, queries, strangeKeys } from './fuzz-values.data';
import type { RawRequest } from './raw-http';

export type FuzzContext = {
  /** The server's own origin: unsafe requests mostly carry it so they get past the CSRF check to validation. */
  origin: string;
  /** Cookie header values of real sessions: a patient's and an admin's. */
  patientCookie: string;
  adminCookie: string;
  /** The real patient's id (admin routes and `/db/profiles/<id>` target it with garbage). */
  userId: string;
  email: string;
};

export type FuzzRequest = RawRequest & {
  /** Which endpoint and which kind of garbage, for the summary table and failure messages. */
  label: string;
  /** Well-formed enough that the server may run argon2 (~80 ms): kept rare so the run stays cheap. */
  mayHash: boolean;
};

type FieldKind = 'email' | 'password' | 'name' | 'phone' | 'token' | 'roles' | 'locale' | 'docs' | 'keys';
type Endpoint = {
  name: string;
  method: string;
  path: (ctx: FuzzContext) => fc.Arbitrary<string>;
  fields: Partial<Record<string, FieldKind>>;
  /** Requests that end the session they carry: never sent with a real session, or the run would sign itself out. */
  endsSession?: boolean;
  /** Argon2 runs when every password field is a plausible string. */
  hashes?: boolean;
};

const at = (path: string) => () => fc.constant(path);
/** `arb` in `percent` of the samples, null otherwise (fc.option cannot go below one half). */
const sometimes = <T>(percent: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: percent, arbitrary: arb }, { weight: 100 - percent, arbitrary: fc.constant(null) });
const profiles = '/db/profiles';

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nasty) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 300_000 }).map((n) => 'я'.repeat(n)) },
);
const garbageValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, [], {}, ['admin'], { $gt: '' }) },
);

/** A value of the right JSON type but hostile content (or plain garbage), for one field. */
function fieldValue(kind: FieldKind, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const right: Record<FieldKind, fc.Arbitrary<unknown>> = {
    email: fc.oneof(nastyString, fc.constantFrom(ctx.email, ctx.email.toUpperCase(), ` ${ctx.email}`)),
    password: nastyString,
    name: nastyString,
    phone: nastyString,
    token: fc.oneof(nastyString, fc.constant(`${ctx.userId}.x.${'a'.repeat(32)}`)),
    roles: fc.oneof(
      fc.constantFrom([], ['admin', 'admin'], ['root'], ['patient', 'manager', 'admin', 'admin'], 'admin', [null]),
      fc.array(garbageValue, { maxLength: 5 }),
    ),
    locale: fc.constantFrom('ru', 'en', 'de', '', 'RU', 'ru-RU', '\u0000'),
    docs: fc.array(
      fc.oneof(
        fc.record({ _id: fc.constantFrom(ctx.userId, 'uaaaaaaaaaaaaaaaaaaaa', '', '_design/x'), name: garbageValue }),
        fc.record({ _id: fc.constant(ctx.userId), _rev: fc.constantFrom('1-x', 'zz', ''), _deleted: fc.boolean() }),
        garbageValue,
      ),
      { maxLength: 4 },
    ),
    keys: fc.array(garbageValue, { maxLength: 4 }),
  };
  return fc.oneof({ weight: 3, arbitrary: right[kind] }, { weight: 1, arbitrary: garbageValue });
}

function entriesText(entries: readonly (readonly [string, unknown])[]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

type Body = { text: Buffer; kind: string; plausible: boolean };

function bodyFor(endpoint: Endpoint, ctx: FuzzContext): fc.Arbitrary<Body> {
  const fields = Object.entries(endpoint.fields).filter((e): e is [string, FieldKind] => e[1] !== undefined);
  const fieldEntries = fc.tuple(
    ...fields.map(([key, kind]) =>
      sometimes(
        80,
        fieldValue(kind, ctx).map((v) => [key, v] as const),
      ),
    ),
  );
  const extras = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...strangeKeys), fc.string({ maxLength: 8 })), garbageValue),
    { maxLength: 2 },
  );
  const objectBody = fc.tuple(fieldEntries, extras).map(([present, extra]): Body => {
    const entries = [...present.filter((e) => e !== null), ...extra];
    const plausible = present.every((e) => e !== null && typeof e[1] === 'string') && extra.length === 0;
    return { text: Buffer.from(entriesText(entries)), kind: extra.length ? 'fields+extra' : 'fields', plausible };
  });
  const raw = (kind: string, text: string | Buffer): Body => ({
    text: typeof text === 'string' ? Buffer.from(text) : text,
    kind,
    plausible: false,
  });
  return fc.oneof(
    { weight: 12, arbitrary: objectBody },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => raw('not-an-object', JSON.stringify(v))) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(40, 2000, 100_000)
        .map((d) =>
          raw(`nested-${d}`, `{"email":${'['.repeat(d)}${']'.repeat(d)},"a":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}`),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('\xff\xfe', '\xc0\xaf', '\xed\xa0\x80', '\xe2\x82')
        // latin1 turns each char into exactly that byte: bytes that are not UTF-8 inside a JSON string.
        .map((bytes) => raw('invalid-utf8', Buffer.from(`{"email":"a${bytes}@b.ru","password":"x"}`, 'latin1'))),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          '',
          '{',
          '{"email":',
          'nul',
          '\uFEFF{}',
          '{}garbage',
          '[1,2,',
          'NaN',
          '{"a":1e999999}',
          "{'email':'a'}",
          '{"__proto__":{"roles":["admin"]},"email":"a@b.ru","password":"x"}',
          '{"constructor":{"prototype":{"roles":["admin"]}}}',
          '{"email":"a@b.ru","email":"b@c.ru","password":"x"}',
        )
        .map((text) => raw('malformed-json', text)),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(1_048_576 + 1024, 1_048_576 - 64, 3_000_000)
        .map((size) => raw(`size-${size}`, `{"email":"${'a'.repeat(Math.max(0, size - 14))}"}`)),
    },
  );
}

/** encodeURIComponent throws on a lone surrogate; the wire form of one is what a broken client would send. */
function rolesPath(id: string): string {
  try {
    return accountRoutes.adminUserRoles(id);
  } catch {
    return `${accountRoutes.adminUsers}/%ED%A0%80/roles`;
  }
}

const endpoints: Endpoint[] = [
  {
    name: 'sign-up',
    method: 'POST',
    path: at(accountRoutes.signUp),
    fields: { email: 'email', password: 'password', name: 'name' },
    hashes: true,
  },
  {
    name: 'sign-in',
    method: 'POST',
    path: at(accountRoutes.signIn),
    fields: { email: 'email', password: 'password' },
    hashes: true,
  },
  { name: 'sign-out', method: 'POST', path: at(accountRoutes.signOut), fields: {}, endsSession: true },
  {
    name: 'sign-out-everywhere',
    method: 'POST',
    path: at(accountRoutes.signOutEverywhere),
    fields: {},
    endsSession: true,
  },
  { name: 'session', method: 'GET', path: at(accountRoutes.session), fields: {} },
  {
    name: 'reset-request',
    method: 'POST',
    path: at(accountRoutes.passwordResetRequest),
    fields: { email: 'email', locale: 'locale' },
  },
  {
    name: 'reset-confirm',
    method: 'POST',
    path: at(accountRoutes.passwordResetConfirm),
    fields: { token: 'token', password: 'password' },
    hashes: true,
  },
  { name: 'profile-get', method: 'GET', path: at(accountRoutes.profile), fields: {} },
  { name: 'profile-patch', method: 'PATCH', path: at(accountRoutes.profile), fields: { name: 'name', phone: 'phone' } },
  {
    name: 'change-password',
    method: 'POST',
    path: at(accountRoutes.changePassword),
    fields: { currentPassword: 'password', newPassword: 'password' },
    hashes: true,
  },
  {
    name: 'delete-account',
    method: 'POST',
    path: at(accountRoutes.deleteAccount),
    fields: { password: 'password' },
    hashes: true,
  },
  { name: 'admin-users', method: 'GET', path: at(accountRoutes.adminUsers), fields: {} },
  {
    name: 'admin-roles',
    method: 'PUT',
    path: (ctx) =>
      fc.oneof(
        fc
          .constantFrom(ctx.userId, 'uaaaaaaaaaaaaaaaaaaaa', '..', '%2e%2e', '%E0%A4%A', 'u'.repeat(600), '%00', 'ü')
          .map((id) => `${accountRoutes.adminUsers}/${id}/roles`),
        nastyString.map((id) => rolesPath(id.slice(0, 300))),
      ),
    fields: { roles: 'roles' },
  },
  // Admin API (issue 6): never the fuzzing patient as a target, so no sample can disable the account under test.
  { name: 'admin-sync-health', method: 'GET', path: at(adminRoutes.syncHealth), fields: {} },
  { name: 'admin-bookings', method: 'GET', path: at(adminRoutes.bookings), fields: {} },
  { name: 'admin-tickets', method: 'GET', path: at(`${adminRoutes.tickets}?clinicId=clinic-a`), fields: {} },
  { name: 'admin-mail', method: 'GET', path: at(adminRoutes.mail), fields: {} },
  {
    name: 'admin-disable',
    method: 'POST',
    path: () =>
      fc
        .constantFrom('uaaaaaaaaaaaaaaaaaaaa', '..', '%2e%2e', '%00', 'u'.repeat(600))
        .map((id) => `/api/admin/users/${id}/disabled`),
    fields: { disabled: 'name' },
  },
  {
    name: 'admin-town',
    method: 'PUT',
    path: () => fc.constantFrom('nowhere', '%00', 'A', 'x'.repeat(70), '..').map((id) => `/api/admin/towns/${id}`),
    fields: { name: 'name', districts: 'keys', timezone: 'locale' },
  },
  {
    name: 'admin-cancel',
    method: 'POST',
    path: () =>
      fc
        .constantFrom('uaaaaaaaaaaaaaaaaaaaa.x1234567', 'nobody', '%00', 'y'.repeat(80))
        .map((id) => `/api/admin/bookings/${id}/cancel`),
    fields: { note: 'name' },
  },
  {
    name: 'db-info',
    method: 'GET',
    path: (ctx) => fc.constantFrom(profiles, `${profiles}/`, `${profiles}/${ctx.userId}`, `${profiles}/_local/x`),
    fields: {},
  },
  { name: 'db-changes', method: 'GET', path: at(`${profiles}/_changes`), fields: {} },
  { name: 'db-all-docs', method: 'POST', path: at(`${profiles}/_all_docs`), fields: { keys: 'keys' } },
  { name: 'db-bulk-get', method: 'POST', path: at(`${profiles}/_bulk_get`), fields: { docs: 'docs' } },
  {
    name: 'db-revs-diff',
    method: 'POST',
    path: at(`${profiles}/_revs_diff`),
    fields: { [`u${'b'.repeat(20)}`]: 'keys' },
  },
  { name: 'db-bulk-docs', method: 'POST', path: at(`${profiles}/_bulk_docs`), fields: { docs: 'docs' } },
  {
    name: 'db-put-doc',
    method: 'PUT',
    path: (ctx) => fc.constantFrom(`${profiles}/${ctx.userId}`, `${profiles}/_local/x`, profiles),
    fields: { name: 'name' },
  },
];

/**
 * Broken session cookies. `carrying` ones still hold the real token somewhere (the server may rightly read it), so
 * they never go to sign-out: the run would end its own session and test nothing but 401s afterwards.
 */
const garbageCookies = (ctx: FuzzContext): { blind: string[]; carrying: string[] } => {
  const token = ctx.patientCookie.replace(/^pk_session=/, '');
  const flipped = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
  return {
    blind: [
      'pk_session=',
      'pk_session=garbage',
      `pk_session=${'.'.repeat(300)}`,
      `pk_session=${'a.'.repeat(2000)}`,
      `pk_session=${flipped}`,
      `pk_session=${token}${token}`,
      `pk_session=${token.split('.').slice(0, -1).join('.')}`,
      `pk_session=${encodeURIComponent('\u202E\u0000ü')}`,
      `pk_session=${'x'.repeat(8000)}`,
      // Past Node's 16 KiB header limit: refused by the HTTP parser itself, before any route.
      `pk_session=${'x'.repeat(20_000)}`,
      Array.from({ length: 200 }, (_, i) => `c${i}=${i}`).join('; '),
    ],
    carrying: [
      `pk_session="${token}"`,
      `pk_session=%ZZ; pk_session=${token}`,
      `${ctx.patientCookie}; ${ctx.patientCookie.replace('pk_session', 'PK_SESSION')}`,
    ],
  };
};

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND']);

/** One hostile request: an endpoint, its body, then header, query, method and path mutations. */
export function fuzzRequest(ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const cookies = garbageCookies(ctx);
  return fc.constantFrom(...endpoints).chain((endpoint) =>
    fc
      .record({
        path: endpoint.path(ctx),
        body: bodyFor(endpoint, ctx),
        cookie: fc.oneof(
          { weight: 6, arbitrary: fc.constant(endpoint.endsSession ? '' : ctx.patientCookie) },
          { weight: 1, arbitrary: fc.constant(endpoint.endsSession ? '' : ctx.adminCookie) },
          { weight: 3, arbitrary: fc.constant('') },
          { weight: 3, arbitrary: fc.constantFrom(...cookies.blind) },
          { weight: endpoint.endsSession ? 0 : 1, arbitrary: fc.constantFrom(...cookies.carrying) },
        ),
        origin: fc.oneof(
          { weight: 8, arbitrary: fc.constant(ctx.origin) },
          {
            weight: 2,
            arbitrary: fc.constantFrom('', 'null', 'https://evil.example', `${ctx.origin}/`, ctx.origin.toUpperCase()),
          },
        ),
        site: fc.oneof(
          { weight: 6, arbitrary: fc.constant('') },
          { weight: 3, arbitrary: fc.constant('same-origin') },
          { weight: 1, arbitrary: fc.constantFrom('cross-site', 'same-site', 'none', 'garbage') },
        ),
        contentType: fc.oneof(
          { weight: 7, arbitrary: fc.constant('application/json') },
          { weight: 2, arbitrary: fc.constantFrom('', ...contentTypes) },
        ),
        query: sometimes(endpoint.method === 'GET' ? 40 : 10, fc.constantFrom(...queries)),
        method: sometimes(8, fc.constantFrom(...otherMethods)),
        pathTwist: sometimes(7, fc.constantFrom('/', '//', '%00', '/..', '/%2e%2e/x', 'UPPER')),
      })
      .map(({ path, body, cookie, origin, site, contentType, query, method, pathTwist }): FuzzRequest => {
        const finalMethod = method ?? endpoint.method;
        let finalPath = path;
        if (pathTwist === 'UPPER') finalPath = finalPath.toUpperCase();
        else if (pathTwist === '//') finalPath = `/${finalPath}`;
        else if (pathTwist !== null) finalPath += pathTwist;
        finalPath += query ?? '';
        const sendsBody = finalMethod !== 'GET' && finalMethod !== 'HEAD';
        const headers: Record<string, string> = {};
        if (cookie) headers.cookie = cookie;
        if (unsafe.has(finalMethod) && origin) headers.origin = origin;
        if (site) headers['sec-fetch-site'] = site;
        if (sendsBody && contentType) headers['content-type'] = contentType;
        const json = contentType === 'application/json' || contentType === 'application/json; charset=utf-8';
        return {
          label: `${endpoint.name} ${sendsBody ? body.kind : 'no-body'}`,
          method: finalMethod,
          path: finalPath,
          headers,
          body: sendsBody ? body.text : undefined,
          mayHash: Boolean(endpoint.hashes) && body.plausible && json && finalMethod === endpoint.method,
        };
      }),
  );
}

/** `count` requests from a fixed seed, with at most `maxHashing` that may make the server run argon2. */
export function fuzzRequests(ctx: FuzzContext, seed: number, count: number, maxHashing: number): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  let hashing = 0;
  for (const req of fc.sample(fuzzRequest(ctx), { seed, numRuns: count * 2 })) {
    if (req.mayHash && hashing >= maxHashing) continue;
    if (req.mayHash) hashing++;
    out.push(req);
    if (out.length === count) break;
  }
  return out;
}
