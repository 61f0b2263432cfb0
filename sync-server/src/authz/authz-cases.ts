// The authorisation matrix's table: every endpoint that touches accounts or per-user data, and the exact status
// each actor must get. `{A}`, `{B}`, `{M}` and `{ADMIN}` in paths and bodies stand for the actors' user ids.
import { accountRoutes, adminRoutes } from '@poisklinik/shared';

export const actors = ['anonymous', 'A', 'B', 'manager', 'admin'] as const;
export type Actor = (typeof actors)[number];

export type Case = {
  label: string;
  method: string;
  path: string;
  body?: unknown;
  /** Expected status per actor; null = not asked here (the cell would really write: see the write phase). */
  status: Record<Actor, number | null>;
  /** Extra check on a 2xx answer: a problem description, or null. */
  check?(body: unknown, actor: Actor): string | null;
};

const signedIn = (status: number): Record<Actor, number> => ({
  anonymous: 401,
  A: status,
  B: status,
  manager: status,
  admin: status,
});
const everyone = (status: number): Record<Actor, number> => ({ ...signedIn(status), anonymous: status });
/** Found (200) for the document's owner only; everybody else gets what a missing document gets. */
const ownerOnly = (owner: 'A' | 'B', missing: number): Record<Actor, number> => ({
  ...signedIn(missing),
  [owner]: 200,
});
const adminOnly = (status: number): Record<Actor, number> => ({ ...signedIn(403), admin: status });

/** A `_bulk_docs` answer in which no row was stored. */
function noRowStored(body: unknown): string | null {
  if (!Array.isArray(body)) return 'not a row list';
  return body.some((row: { ok?: unknown }) => row.ok === true) ? `a row was stored: ${JSON.stringify(body)}` : null;
}

/** A profile document to push, with a revision that is not the current one. */
const staleProfile = (id: string) => ({
  _id: id,
  _rev: '1-00000000000000000000000000000000',
  email: 'x@example.ru',
  name: 'Взломщик',
  roles: ['patient', 'admin'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

function perDocumentCases(id: 'A' | 'B'): Case[] {
  const ID = `{${id}}`;
  return [
    { label: `GET doc ${id}`, method: 'GET', path: `/db/profiles/${ID}`, status: ownerOnly(id, 404) },
    {
      label: `GET doc ${id} open_revs=all`,
      method: 'GET',
      path: `/db/profiles/${ID}?open_revs=all`,
      status: ownerOnly(id, 404),
    },
    {
      label: `GET doc ${id} conflicts`,
      method: 'GET',
      path: `/db/profiles/${ID}?conflicts=true&revs=true`,
      status: ownerOnly(id, 404),
    },
    {
      label: `POST _all_docs keys ${id}`,
      method: 'POST',
      path: '/db/profiles/_all_docs',
      body: { keys: [ID], include_docs: true },
      status: signedIn(200),
    },
    {
      label: `GET _all_docs key ${id}`,
      method: 'GET',
      path: `/db/profiles/_all_docs?include_docs=true&key="${ID}"`,
      status: signedIn(200),
    },
    {
      label: `POST _bulk_get ${id}`,
      method: 'POST',
      path: '/db/profiles/_bulk_get?revs=true',
      body: { docs: [{ id: ID }] },
      status: signedIn(200),
    },
    {
      label: `POST _revs_diff ${id}`,
      method: 'POST',
      path: '/db/profiles/_revs_diff',
      body: { [ID]: ['1-abc'] },
      status: signedIn(200),
    },
    {
      label: `POST _changes doc_ids ${id}`,
      method: 'POST',
      path: '/db/profiles/_changes?filter=_doc_ids&include_docs=true',
      body: { doc_ids: [ID] },
      status: signedIn(200),
    },
    {
      label: `POST _bulk_docs stale ${id}`,
      method: 'POST',
      path: '/db/profiles/_bulk_docs',
      body: { docs: [staleProfile(ID)] },
      status: signedIn(201),
      check: noRowStored,
    },
    {
      label: `POST _bulk_docs new_edits=false ${id}`,
      method: 'POST',
      path: '/db/profiles/_bulk_docs',
      body: { docs: [staleProfile(ID)], new_edits: false },
      status: signedIn(400),
    },
    {
      label: `PUT doc ${id}`,
      method: 'PUT',
      path: `/db/profiles/${ID}`,
      body: staleProfile(ID),
      status: signedIn(405),
    },
    { label: `DELETE doc ${id}`, method: 'DELETE', path: `/db/profiles/${ID}?rev=1-abc`, status: signedIn(405) },
    { label: `PUT attachment ${id}`, method: 'PUT', path: `/db/profiles/${ID}/photo`, body: {}, status: signedIn(405) },
  ];
}

const collectionCases: Case[] = [
  { label: 'GET /db/profiles/', method: 'GET', path: '/db/profiles/', status: signedIn(200) },
  { label: 'HEAD /db/profiles/', method: 'HEAD', path: '/db/profiles/', status: signedIn(200) },
  {
    label: 'GET _changes since=0',
    method: 'GET',
    path: '/db/profiles/_changes?style=all_docs&include_docs=true&since=0&limit=500',
    status: signedIn(200),
  },
  {
    label: 'GET _changes longpoll since=0',
    method: 'GET',
    path: '/db/profiles/_changes?feed=longpoll&include_docs=true&since=0&timeout=1000',
    status: signedIn(200),
  },
  {
    label: 'POST _changes',
    method: 'POST',
    path: '/db/profiles/_changes?include_docs=true',
    body: {},
    status: signedIn(200),
  },
  { label: 'GET _all_docs', method: 'GET', path: '/db/profiles/_all_docs?include_docs=true', status: signedIn(200) },
  {
    label: 'GET _all_docs range',
    method: 'GET',
    path: '/db/profiles/_all_docs?startkey="u"&endkey="v"&include_docs=true',
    status: signedIn(200),
  },
  { label: 'GET _local', method: 'GET', path: '/db/profiles/_local/checkpoint', status: signedIn(404) },
  {
    label: 'PUT _local',
    method: 'PUT',
    path: '/db/profiles/_local/checkpoint',
    body: { last_seq: 1 },
    status: signedIn(405),
  },
  { label: 'POST /db/profiles/', method: 'POST', path: '/db/profiles/', body: { _id: 'new' }, status: signedIn(405) },
  { label: 'PUT /db/profiles/', method: 'PUT', path: '/db/profiles/', status: signedIn(405) },
  { label: 'DELETE /db/profiles/', method: 'DELETE', path: '/db/profiles/', status: signedIn(405) },
  {
    label: 'POST _purge',
    method: 'POST',
    path: '/db/profiles/_purge',
    body: { '{A}': ['1-abc'] },
    status: signedIn(405),
  },
  { label: 'POST _compact', method: 'POST', path: '/db/profiles/_compact', body: {}, status: signedIn(405) },
  {
    label: 'POST _bulk_docs no id',
    method: 'POST',
    path: '/db/profiles/_bulk_docs',
    body: { docs: [{ name: 'x' }] },
    status: signedIn(201),
    check: noRowStored,
  },
  {
    label: 'POST _bulk_docs not a body',
    method: 'POST',
    path: '/db/profiles/_bulk_docs',
    body: [1, 2],
    status: signedIn(400),
  },
];

const catalogueCases: Case[] = [
  {
    label: 'catalogue _bulk_docs',
    method: 'POST',
    path: '/db/clinics/_bulk_docs',
    body: { docs: [{ _id: 'c1' }] },
    status: everyone(403),
  },
  { label: 'catalogue PUT doc', method: 'PUT', path: '/db/clinics/c1', body: { _id: 'c1' }, status: everyone(403) },
  { label: 'catalogue DELETE doc', method: 'DELETE', path: '/db/clinics/c1?rev=1-abc', status: everyone(403) },
  {
    label: 'scope _bulk_docs',
    method: 'POST',
    path: '/db/scope/kaluga/clinics/_bulk_docs',
    body: { docs: [] },
    status: everyone(403),
  },
  {
    label: 'scope PUT doc',
    method: 'PUT',
    path: '/db/scope/kaluga/clinics/c1',
    body: { _id: 'c1' },
    status: everyone(403),
  },
  { label: 'scope profiles read', method: 'GET', path: '/db/scope/kaluga/profiles/', status: everyone(404) },
];

const accountCases: Case[] = [
  { label: 'GET session', method: 'GET', path: accountRoutes.session, status: signedIn(200) },
  { label: 'GET account profile', method: 'GET', path: accountRoutes.profile, status: signedIn(200) },
  {
    label: 'PATCH profile invalid phone',
    method: 'PATCH',
    path: accountRoutes.profile,
    body: { phone: 'позвоните мне' },
    status: signedIn(400),
  },
  {
    label: 'PATCH profile roles',
    method: 'PATCH',
    path: accountRoutes.profile,
    body: { roles: ['admin'] },
    status: signedIn(400),
  },
  {
    label: 'password wrong current',
    method: 'POST',
    path: accountRoutes.changePassword,
    body: { currentPassword: 'not my password', newPassword: 'a brand new passphrase 7' },
    status: signedIn(400),
  },
  {
    label: 'delete wrong password',
    method: 'POST',
    path: accountRoutes.deleteAccount,
    body: { password: 'not my password' },
    status: signedIn(400),
  },
  { label: 'admin users', method: 'GET', path: accountRoutes.adminUsers, status: adminOnly(200) },
  {
    label: 'admin users by email',
    method: 'GET',
    path: `${accountRoutes.adminUsers}?email=anna`,
    status: adminOnly(200),
  },
  {
    label: 'admin roles of A',
    method: 'PUT',
    path: accountRoutes.adminUserRoles('{A}'),
    body: { roles: ['patient', 'admin'] },
    status: { ...signedIn(403), admin: null },
  },
  {
    label: 'admin roles of M',
    method: 'PUT',
    path: accountRoutes.adminUserRoles('{M}'),
    body: { roles: ['admin'] },
    status: { ...signedIn(403), admin: null },
  },
  {
    label: 'admin roles of self',
    method: 'PUT',
    path: accountRoutes.adminUserRoles('{ADMIN}'),
    body: { roles: ['manager'] },
    status: adminOnly(400),
  },
  {
    label: 'sign-out-everywhere',
    method: 'POST',
    path: accountRoutes.signOutEverywhere,
    status: { anonymous: 401, A: null, B: null, manager: null, admin: null },
  },
  {
    label: 'admin roles invalid',
    method: 'PUT',
    path: accountRoutes.adminUserRoles('{B}'),
    body: { roles: ['emperor'] },
    status: adminOnly(400),
  },
  {
    label: 'admin roles of nobody',
    method: 'PUT',
    path: accountRoutes.adminUserRoles('uaaaaaaaaaaaaaaaaaaaa'),
    body: { roles: ['manager'] },
    status: adminOnly(404),
  },
];

/** A review of clinic-a under `id`'s user id; `rev` given = an edit of a version the server never had. */
const review = (id: string, fields: Record<string, unknown> = {}) => ({
  _id: `${id}.clinic-a`,
  clinicId: 'clinic-a',
  score: 5,
  text: 'Накрутка',
  status: 'pending',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

/** Reviews (issue 6): the author's own collection, the public per-clinic feed, and moderation. */
const reviewCases: Case[] = [
  { label: 'GET /db/reviews/', method: 'GET', path: '/db/reviews/', status: signedIn(200) },
  {
    label: 'reviews _bulk_docs stale A',
    method: 'POST',
    path: '/db/reviews/_bulk_docs',
    body: { docs: [review('{A}', { _rev: '1-00000000000000000000000000000000' })] },
    status: signedIn(201),
    check: noRowStored,
  },
  {
    label: 'reviews _bulk_docs score 6 B',
    method: 'POST',
    path: '/db/reviews/_bulk_docs',
    body: { docs: [review('{B}', { score: 6 })] },
    status: signedIn(201),
    check: noRowStored,
  },
  {
    label: 'reviews _bulk_docs published by device A',
    method: 'POST',
    path: '/db/reviews/_bulk_docs',
    body: { docs: [review('{A}', { status: 'published' })] },
    status: signedIn(201),
    check: noRowStored,
  },
  {
    label: 'reviews PUT doc A',
    method: 'PUT',
    path: '/db/reviews/{A}.clinic-a',
    body: review('{A}'),
    status: signedIn(405),
  },
  { label: 'public reviews read', method: 'GET', path: '/db/clinic/clinic-a/reviews/_changes', status: everyone(200) },
  {
    label: 'public reviews _bulk_docs',
    method: 'POST',
    path: '/db/clinic/clinic-a/reviews/_bulk_docs',
    body: { docs: [{ _id: 'clinic-a.aaaaaaaaaaaa', clinicId: 'clinic-a', score: 5 }] },
    status: everyone(403),
  },
  {
    label: 'public reviews PUT doc',
    method: 'PUT',
    path: '/db/clinic/clinic-a/reviews/clinic-a.aaaaaaaaaaaa',
    body: { clinicId: 'clinic-a', score: 5 },
    status: everyone(403),
  },
  { label: 'admin reviews', method: 'GET', path: adminRoutes.reviews, status: adminOnly(200) },
  {
    label: 'admin hide review of nobody',
    method: 'POST',
    path: adminRoutes.reviewModeration('uaaaaaaaaaaaaaaaaaaaa.clinic-a'),
    body: { action: 'hide', note: 'x' },
    status: adminOnly(404),
  },
  {
    label: 'admin moderation invalid',
    method: 'POST',
    path: adminRoutes.reviewModeration('{A}.clinic-a'),
    body: { action: 'erase' },
    status: adminOnly(400),
  },
];

/** A valid clinic for the fixture's Kaluga: the cells below are refused for who asks, never for what is sent. */
const clinicDraft = {
  name: 'Захват',
  address: 'ул. Тестовая, 1',
  location: { lat: 54.51, lon: 36.26 },
  townId: 'kaluga',
  districtId: 'leninsky',
  phone: '',
  site: '',
  ownership: 'state',
  roundTheClock: true,
  hours: [],
  specialties: [],
};
const managersOnly = (manager: number, admin: number): Record<Actor, number> => ({
  ...signedIn(403),
  manager,
  admin,
});

/** Clinic management (issue 6 §2): the fixture's manager manages no clinic. */
const clinicManagementCases: Case[] = [
  { label: 'manage my clinics', method: 'GET', path: adminRoutes.manageClinics, status: managersOnly(200, 200) },
  {
    label: 'manage every clinic',
    method: 'GET',
    path: `${adminRoutes.manageClinics}?all=1`,
    status: managersOnly(403, 200),
  },
  {
    label: 'manage GET a clinic not mine',
    method: 'GET',
    path: adminRoutes.manageClinic('clinic-a'),
    status: managersOnly(403, 200),
  },
  {
    label: 'manage PUT a clinic at a stale rev',
    method: 'PUT',
    path: adminRoutes.manageClinic('clinic-a'),
    body: { clinic: clinicDraft, rev: '1-00000000000000000000000000000000' },
    status: managersOnly(403, 409),
  },
  {
    label: 'manage PUT over an existing clinic',
    method: 'PUT',
    path: adminRoutes.manageClinic('clinic-b'),
    body: { clinic: clinicDraft },
    status: managersOnly(409, 409),
  },
  {
    label: 'manage DELETE at a stale rev',
    method: 'DELETE',
    path: `${adminRoutes.manageClinic('clinic-a')}?rev=1-00000000000000000000000000000000`,
    status: managersOnly(403, 409),
  },
  {
    label: 'admin assigns a patient as manager',
    method: 'PUT',
    path: adminRoutes.clinicManager('clinic-a', '{A}'),
    status: adminOnly(400),
  },
  {
    label: 'admin ends a management that does not exist',
    method: 'DELETE',
    path: adminRoutes.clinicManager('clinic-a', '{M}'),
    status: adminOnly(404),
  },
];

/** The admin API (issue 6 §3): reads answer the admin, and no cell here may write. */
const adminApiCases: Case[] = [
  { label: 'sync health', method: 'GET', path: adminRoutes.syncHealth, status: adminOnly(200) },
  { label: 'mail log', method: 'GET', path: `${adminRoutes.mail}?limit=5`, status: adminOnly(200) },
  { label: 'bookings search', method: 'GET', path: `${adminRoutes.bookings}?q=anna`, status: adminOnly(200) },
  { label: 'clinic tickets', method: 'GET', path: `${adminRoutes.tickets}?clinicId=clinic-a`, status: adminOnly(200) },
  { label: 'tickets without clinic', method: 'GET', path: adminRoutes.tickets, status: adminOnly(400) },
  { label: 'admin towns', method: 'GET', path: adminRoutes.towns, status: adminOnly(200) },
  { label: 'admin specialties', method: 'GET', path: adminRoutes.specialties, status: adminOnly(200) },
  {
    label: 'drop a district in use',
    method: 'PUT',
    path: adminRoutes.town('kaluga'),
    body: { name: 'Калуга', location: { lat: 54.5, lon: 36.3 }, timezone: 'Europe/Moscow', districts: [] },
    status: adminOnly(409),
  },
  { label: 'delete a town in use', method: 'DELETE', path: adminRoutes.town('kaluga'), status: adminOnly(409) },
  {
    label: 'delete a specialty in use',
    method: 'DELETE',
    path: adminRoutes.specialty('31.08.26'),
    status: adminOnly(409),
  },
  {
    label: 'disable A',
    method: 'POST',
    path: adminRoutes.userDisabled('{A}'),
    body: { disabled: true },
    status: { ...signedIn(403), admin: null },
  },
  {
    label: 'disable oneself',
    method: 'POST',
    path: adminRoutes.userDisabled('{ADMIN}'),
    body: { disabled: true },
    status: adminOnly(400),
  },
  {
    label: 'disable with a bad body',
    method: 'POST',
    path: adminRoutes.userDisabled('{B}'),
    body: { disabled: 'yes' },
    status: adminOnly(400),
  },
  {
    label: 'cancel a booking that does not exist',
    method: 'POST',
    path: adminRoutes.bookingCancel('{A}.nothing1'),
    body: {},
    status: adminOnly(404),
  },
];

/** Every cell that must neither write nor leak. */
export function refusalCases(): Case[] {
  return [
    ...collectionCases,
    ...perDocumentCases('A'),
    ...perDocumentCases('B'),
    ...catalogueCases,
    ...accountCases,
    ...reviewCases,
    ...clinicManagementCases,
    ...adminApiCases,
  ];
}
