// Towns, districts and specialties written by an admin through the real routes into the real store, and what a
// device replicating the catalogue then reads.
import { describe, expect, it } from 'vitest';
import { adminRoutes } from '@poisklinik/shared';
import { call } from '../authz/session-client';
import { request } from '../test-support/test-server';
import { useAdminWorld } from './admin-test-kit';

const w = useAdminWorld();

const tula = {
  name: 'Тула',
  region: 'Тульская область',
  location: { lat: 54.193, lon: 37.617 },
  timezone: 'Europe/Moscow',
  districts: [{ id: 'tsentralny', name: 'Центральный', location: { lat: 54.19, lon: 37.61 } }],
};

/** What a device pulling the catalogue gets for one document (null: gone or never there). */
async function replicated(collection: string, id: string): Promise<Record<string, unknown> | null> {
  const res = await request(`${w.server.url}/db/${collection}/_all_docs?include_docs=true&key=${JSON.stringify(id)}`);
  const row = (res.body as { rows: { doc?: Record<string, unknown> | null }[] }).rows[0];
  return row?.doc ?? null;
}

describe('towns and districts', () => {
  it('an admin creates a town with a district; devices replicate it with a server time stamp', async () => {
    const res = await call(w.server, w.admin, 'PUT', adminRoutes.town('tula'), tula);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'tula', name: 'Тула', districts: [{ id: 'tsentralny' }] });
    const doc = await replicated('towns', 'tula');
    expect(doc).toMatchObject({ _id: 'tula', name: 'Тула', timezone: 'Europe/Moscow' });
    expect(typeof doc?.['updatedAt']).toBe('string');
    const list = await call(w.server, w.admin, 'GET', adminRoutes.towns);
    expect((list.body as { towns: { id: string }[] }).towns.map((t) => t.id)).toEqual(['kaluga', 'tula']);
  });

  it('an admin renames a district; the new name replicates', async () => {
    const renamed = { ...tula, districts: [{ ...tula.districts[0], name: 'Центр' }] };
    expect((await call(w.server, w.admin, 'PUT', adminRoutes.town('tula'), renamed)).status).toBe(200);
    expect(await replicated('towns', 'tula')).toMatchObject({ districts: [{ id: 'tsentralny', name: 'Центр' }] });
  });

  it('refuses a bad body with 400 naming the field, and an id that does not match the path', async () => {
    const badPoint = await call(w.server, w.admin, 'PUT', adminRoutes.town('tula'), {
      ...tula,
      location: { lat: 200, lon: 37 },
    });
    expect(badPoint.status).toBe(400);
    expect(badPoint.body).toMatchObject({
      error: 'bad_request',
      reason: expect.stringContaining('/location/lat') as unknown,
    });
    const unknown = await call(w.server, w.admin, 'PUT', adminRoutes.town('tula'), { ...tula, mayor: 'x' });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { reason: string }).reason).toContain('mayor');
    const otherId = await call(w.server, w.admin, 'PUT', adminRoutes.town('tula'), { ...tula, id: 'orel' });
    expect(otherId).toMatchObject({
      status: 400,
      body: { error: 'bad_request', reason: expect.stringContaining('/id') as unknown },
    });
    const twice = await call(w.server, w.admin, 'PUT', adminRoutes.town('tula'), {
      ...tula,
      districts: [tula.districts[0], tula.districts[0]],
    });
    expect(twice).toMatchObject({ status: 400, body: { reason: expect.stringContaining('/districts') as unknown } });
  });

  it('keeps a town and a district that clinics use (409 in_use naming a clinic), deletes an unused town', async () => {
    const kaluga = (await replicated('towns', 'kaluga')) as Record<string, unknown>;
    const { _id, _rev, updatedAt: _at, ...body } = kaluga;
    const withoutDistrict = await call(w.server, w.admin, 'PUT', adminRoutes.town('kaluga'), {
      ...body,
      districts: [],
    });
    expect(withoutDistrict.status).toBe(409);
    expect(withoutDistrict.body).toMatchObject({
      error: 'in_use',
      reason: expect.stringContaining('clinic-a') as unknown,
    });
    const del = await call(w.server, w.admin, 'DELETE', adminRoutes.town('kaluga'));
    expect(del).toMatchObject({ status: 409, body: { error: 'in_use' } });
    expect(await replicated('towns', 'kaluga')).not.toBeNull();

    expect(await call(w.server, w.admin, 'DELETE', adminRoutes.town('tula'))).toMatchObject({
      status: 200,
      body: { ok: true, id: 'tula' },
    });
    expect(await replicated('towns', 'tula')).toBeNull();
    expect((await call(w.server, w.admin, 'DELETE', adminRoutes.town('tula'))).status).toBe(404);
  });
});

describe('specialties', () => {
  it('an admin adds one, and deletes it while no clinic offers it', async () => {
    const put = await call(w.server, w.admin, 'PUT', adminRoutes.specialty('31.08.32'), {
      name: 'Дерматовенерология',
      doctorTitle: 'Врач-дерматовенеролог',
    });
    expect(put).toMatchObject({ status: 200, body: { id: '31.08.32', name: 'Дерматовенерология' } });
    expect(await replicated('specialties', '31.08.32')).toMatchObject({ doctorTitle: 'Врач-дерматовенеролог' });
    expect((await call(w.server, w.admin, 'DELETE', adminRoutes.specialty('31.08.32'))).status).toBe(200);
    expect(await replicated('specialties', '31.08.32')).toBeNull();
  });

  it('keeps a specialty clinics offer (409), and refuses a malformed code or an empty name (400)', async () => {
    expect(await call(w.server, w.admin, 'DELETE', adminRoutes.specialty('31.08.26'))).toMatchObject({
      status: 409,
      body: { error: 'in_use', reason: expect.stringContaining('clinic-') as unknown },
    });
    const badCode = await call(w.server, w.admin, 'PUT', adminRoutes.specialty('31-08-26'), {
      name: 'x',
      doctorTitle: 'y',
    });
    expect(badCode).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    const empty = await call(w.server, w.admin, 'PUT', adminRoutes.specialty('31.08.70'), {
      name: '',
      doctorTitle: 'y',
    });
    expect(empty).toMatchObject({ status: 400, body: { reason: expect.stringContaining('/name') as unknown } });
  });
});

describe('who may', () => {
  it('answers 401 to anonymous and 403 to a patient or a manager, and writes nothing', async () => {
    for (const { name, session, status } of w.others) {
      const put = await call(w.server, session, 'PUT', adminRoutes.town('orel'), { ...tula, name: 'Орёл' });
      expect(put.status, name).toBe(status);
      expect(put.body, name).toMatchObject({ error: status === 401 ? 'unauthorized' : 'forbidden' });
      expect((await call(w.server, session, 'DELETE', adminRoutes.specialty('31.08.49'))).status, name).toBe(status);
      expect((await call(w.server, session, 'GET', adminRoutes.towns)).status, name).toBe(status);
    }
    expect(await replicated('towns', 'orel')).toBeNull();
    expect(await replicated('specialties', '31.08.49')).not.toBeNull();
  });
});
