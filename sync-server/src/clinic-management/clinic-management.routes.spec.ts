import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes, manageRoutes, type ClinicDraft, type ManagedClinic } from '@poisklinik/shared';
import { call, type TestSession } from '../authz/session-client';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { TICKETS_DB } from '../tickets/ticket-doc';
import { ADMIN, clinicPath, createClinic, draft, people, saveClinic, type People } from './clinic-test-kit';

let env: TestEnv;
let server: SyncServer;
let who: People;

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({ ...ADMIN, scheduler: false });
  who = await people(server);
}, 60_000);
afterAll(async () => env.cleanup());

const statusOf = async (p: Promise<{ status: number }>): Promise<number> => (await p).status;

describe('who may manage a clinic', { timeout: 60_000 }, () => {
  it('owner, admin: yes; another manager and a patient: 403; anonymous: 401 — on every route', async () => {
    const { rev } = await createClinic(server, who.owner, 'access-1');
    const actors: [string, TestSession | null][] = [
      ['other', who.other],
      ['patient', who.patient],
      ['anonymous', null],
    ];
    for (const [name, actor] of actors) {
      const refused = name === 'anonymous' ? 401 : 403;
      const answers = await Promise.all([
        statusOf(call(server, actor, 'GET', clinicPath('access-1'))),
        statusOf(saveClinic(server, actor, 'access-1', draft({ name: 'Чужая' }), rev)),
        statusOf(call(server, actor, 'DELETE', `${clinicPath('access-1')}?rev=${rev}`)),
        statusOf(call(server, actor, 'PUT', adminRoutes.clinicManager('access-1', who.other.userId))),
        statusOf(call(server, actor, 'DELETE', adminRoutes.clinicManager('access-1', who.owner.userId))),
        statusOf(call(server, actor, 'GET', `${manageRoutes.clinics}?all=1`)),
      ]);
      expect({ name, answers }).toEqual({ name, answers: Array<number>(6).fill(refused) });
    }
    // A patient may not create either; a manager lists only their own clinics.
    expect(await statusOf(saveClinic(server, who.patient, 'access-2', draft()))).toBe(403);
    expect(await statusOf(call(server, null, 'GET', manageRoutes.clinics))).toBe(401);
    const mine = await call(server, who.owner, 'GET', manageRoutes.clinics);
    expect((mine.body as { clinics: ManagedClinic[] }).clinics.map((c) => c.clinic.id)).toContain('access-1');
    const others = await call(server, who.other, 'GET', manageRoutes.clinics);
    expect((others.body as { clinics: ManagedClinic[] }).clinics.map((c) => c.clinic.id)).not.toContain('access-1');

    expect(await call(server, who.owner, 'GET', clinicPath('access-1'))).toMatchObject({
      status: 200,
      body: { clinic: { id: 'access-1', phone: '+74842123456' }, rev },
    });
    const byAdmin = await saveClinic(server, who.admin, 'access-1', draft({ name: 'Исправлено админом' }), rev);
    expect(byAdmin).toMatchObject({ status: 200, body: { clinic: { name: 'Исправлено админом' } } });
    const all = await call(server, who.admin, 'GET', `${manageRoutes.clinics}?all=1&q=АДМИНОМ&limit=5`);
    expect(all.body).toMatchObject({ clinics: [{ clinic: { id: 'access-1' } }] });
  });

  it('the admin makes a manager account a manager of a clinic, and can end it', async () => {
    const { rev } = await createClinic(server, who.owner, 'assign-1');
    const assign = (userId: string, clinicId = 'assign-1') =>
      call(server, who.admin, 'PUT', adminRoutes.clinicManager(clinicId, userId));
    expect(await assign(who.patient.userId)).toMatchObject({ status: 400, body: { error: 'not_a_manager' } });
    expect(await assign('uaaaaaaaaaaaaaaaaaaaa')).toMatchObject({ status: 404 });
    expect(await assign(who.other.userId, 'no-such-clinic')).toMatchObject({ status: 404 });
    expect(await assign('not a user id')).toMatchObject({ status: 400, body: { error: 'bad_request' } });

    expect(await assign(who.other.userId)).toMatchObject({ status: 200, body: { managed: true } });
    const edited = await saveClinic(server, who.other, 'assign-1', draft({ name: 'Теперь и моя' }), rev);
    expect(edited.status).toBe(200);
    const ended = await call(server, who.admin, 'DELETE', adminRoutes.clinicManager('assign-1', who.other.userId));
    expect(ended).toMatchObject({ status: 200, body: { managed: false } });
    expect(await statusOf(call(server, who.other, 'GET', clinicPath('assign-1')))).toBe(403);
    // Who manages what stays on the server: no replication endpoint serves it, not even to an admin.
    for (const db of ['clinic-managers', 'clinic-edits']) {
      expect(await statusOf(call(server, who.admin, 'GET', `/db/${db}/_all_docs`))).toBe(404);
    }
  });
});

describe('clinic rules, each refused with its field', { timeout: 60_000 }, () => {
  const cases: [string, Partial<ClinicDraft>, string][] = [
    ['unknown town', { townId: 'tula' }, '/townId'],
    ['district of no such town', { districtId: 'zarechny' }, '/districtId'],
    ['point 40 km away', { location: { lat: 54.87, lon: 36.26 } }, '/location'],
    [
      'two rows on Monday',
      {
        hours: [
          { day: 1, from: '08:00', to: '12:00' },
          { day: 1, from: '13:00', to: '18:00' },
        ],
      },
      '/hours/1/day',
    ],
    ['from equals to', { hours: [{ day: 2, from: '10:00', to: '10:00' }] }, '/hours/0/to'],
    ['from after to', { hours: [{ day: 2, from: '18:00', to: '09:00' }] }, '/hours/0/to'],
    ['phone', { phone: '123' }, '/phone'],
    ['site', { site: 'https://clinic site.ru' }, '/site'],
    ['unknown specialty', { specialties: [{ code: '99.99.99', schedule: [] }] }, '/specialties/0/code'],
    [
      'specialty twice',
      {
        specialties: [
          { code: '31.08.49', schedule: [] },
          { code: '31.08.49', schedule: [] },
        ],
      },
      '/specialties/1/code',
    ],
    [
      'specialty row ends before it starts',
      { specialties: [{ code: '31.08.49', schedule: [{ day: 3, from: '14:00', to: '09:00' }] }] },
      '/specialties/0/schedule/0/to',
    ],
  ];

  const rows = cases.map(([label, overrides, field]) => ({ label, overrides, field }));
  it.each(rows)('$label → 400 invalid_clinic at $field', async ({ overrides, field }) => {
    const refused = await saveClinic(server, who.owner, 'rules-1', draft(overrides));
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_clinic', field } });
    expect(typeof (refused.body as { reason?: unknown }).reason).toBe('string');
    expect(await (await server.store.database('clinics')).get('rules-1')).toBeNull();
  });

  it('schema problems are 400 bad_request before any rule; round-the-clock hours are not checked', async () => {
    const { name: _name, ...nameless } = draft();
    expect(await call(server, who.owner, 'PUT', clinicPath('rules-2'), { clinic: nameless })).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });
    const allDay = draft({ roundTheClock: true, hours: [{ day: 2, from: '18:00', to: '09:00' }] });
    expect(await statusOf(saveClinic(server, who.owner, 'rules-2', allDay))).toBe(201);
  });
});

describe('saving and deleting', { timeout: 60_000 }, () => {
  it('refuses a second create of one id and a stale revision, but not one made stale by a rating', async () => {
    const first = await createClinic(server, who.owner, 'rev-1');
    expect(await saveClinic(server, who.other, 'rev-1', draft())).toMatchObject({ status: 409 });

    const second = await saveClinic(server, who.owner, 'rev-1', draft({ name: 'Правка 1' }), first.rev);
    expect(second.status).toBe(200);
    // Another editor still holding the first revision is refused: their save would undo "Правка 1".
    expect(await saveClinic(server, who.admin, 'rev-1', draft({ name: 'Правка 2' }), first.rev)).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });

    // The reviews server publishes a rating meanwhile (a server-owned write).
    const clinics = await server.store.database('clinics');
    const stored = await clinics.get('rev-1');
    if (!stored) throw new Error('clinic missing');
    expect((await clinics.put({ ...stored, rating: 4.5, reviewCount: 2, updatedAt: new Date().toISOString() })).ok);
    const seenRev = (second.body as ManagedClinic).rev;
    const third = await saveClinic(server, who.owner, 'rev-1', draft({ name: 'Правка 3' }), seenRev);
    expect(third).toMatchObject({ status: 200, body: { clinic: { name: 'Правка 3', rating: 4.5, reviewCount: 2 } } });
    expect(await clinics.get('rev-1')).toMatchObject({ name: 'Правка 3', rating: 4.5, reviewCount: 2 });
  });

  it('deletes only at the current revision and never under a future booking', async () => {
    const { rev } = await createClinic(server, who.owner, 'del-1');
    const tickets = await server.store.database(TICKETS_DB);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const held = {
      _id: 'del-1.31.08.49.20991231-0900',
      clinicId: 'del-1',
      townId: 'kaluga',
      specialtyCode: '31.08.49',
      startsAt: future,
      endsAt: future,
      localDate: '2099-12-31',
      localTime: '09:00',
      status: 'booked',
      bookingId: `${who.patient.userId}.k1`,
      version: 2,
      updatedAt: future,
    };
    const put = await tickets.put(held);
    expect(put.ok).toBe(true);

    expect(await call(server, who.owner, 'DELETE', `${clinicPath('del-1')}?rev=1-abc`)).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
    const refused = await call(server, who.owner, 'DELETE', `${clinicPath('del-1')}?rev=${rev}`);
    expect(refused).toMatchObject({ status: 409, body: { error: 'has_bookings' } });
    expect((refused.body as { reason: string }).reason).toMatch(/^1 /);

    if (put.ok) await tickets.put({ ...held, _rev: put.rev, _deleted: true });
    expect(await call(server, who.owner, 'DELETE', `${clinicPath('del-1')}?rev=${rev}`)).toMatchObject({
      status: 200,
    });
    expect(await statusOf(call(server, who.owner, 'GET', clinicPath('del-1')))).toBe(403);
    expect(await statusOf(call(server, who.admin, 'GET', clinicPath('del-1')))).toBe(404);
    const mine = await call(server, who.owner, 'GET', manageRoutes.clinics);
    expect((mine.body as { clinics: ManagedClinic[] }).clinics.map((c) => c.clinic.id)).not.toContain('del-1');
  });
});

describe('odd input', { timeout: 60_000 }, () => {
  it('is answered with a JSON 4xx, never a 5xx', async () => {
    await createClinic(server, who.owner, 'odd-1');
    const attempts: [string, string, unknown?][] = [
      ['GET', clinicPath('Not An Id')],
      ['GET', `${manageRoutes.clinics}?all=1&limit=0`],
      ['GET', `${manageRoutes.clinics}?all=2`],
      ['GET', `${manageRoutes.clinics}?all=1&skip=-1`],
      ['PUT', clinicPath('odd-1'), { clinic: draft(), rev: 'abc' }],
      ['PUT', clinicPath('odd-1'), { clinic: draft(), rev: '999-ffffffffffffffffffffffffffffffff' }],
      ['PUT', clinicPath('odd-1'), { clinic: { ...draft(), id: 'odd-2' } }],
      ['PUT', clinicPath('odd-1'), { clinic: draft({ location: { lat: 91, lon: 0 } }) }],
      ['PUT', clinicPath('odd-1'), []],
      ['PUT', clinicPath('odd-1'), 'just text'],
      ['DELETE', clinicPath('odd-1')],
      ['DELETE', `${clinicPath('odd-1')}?rev=zz`],
      ['DELETE', `${clinicPath('no-such')}?rev=1-abc`],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await call(server, who.owner, method, path, body);
      expect({ method, path, status: answer.status >= 400 && answer.status < 500 }).toEqual({
        method,
        path,
        status: true,
      });
      expect(answer.body).toMatchObject({ error: expect.any(String) as string, reason: expect.any(String) as string });
    }
  });
});
