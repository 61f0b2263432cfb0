// The real client protocol for a per-user collection: RxDB 17's CouchDB replication, pulling and pushing `profiles`
// with the session cookie (as the app's browser sends it), against the running server and the real sign-up route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes, fromWireDoc, profileSchema, type Profile } from '@poisklinik/shared';
import type { SyncServer } from '../../server';
import { createTestEnv, type TestEnv } from '../../test-support/test-server';
import { call, signUp, type TestSession } from '../../authz/session-client';
import { startRxDevice, stopRxDevice, type RxDevice } from '../../test-support/rxdb-device';

type Device = RxDevice<Profile>;

let env: TestEnv;
let server: SyncServer;
let anna: TestSession;
let boris: TestSession;
const devices: Device[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start();
  anna = await signUp(server, 'anna@example.ru', 'correct horse battery', 'Анна');
  boris = await signUp(server, 'boris@example.ru', 'staple paper clip 42', 'Борис');
});

afterAll(async () => {
  for (const d of devices) await stopRxDevice(d);
  await env.cleanup();
});

async function device(session: TestSession): Promise<Device> {
  const dev = await startRxDevice(server, session, 'profiles', profileSchema);
  devices.push(dev);
  return dev;
}

async function serverProfile(userId: string): Promise<Profile> {
  const doc = await (await server.store.database('profiles')).get(userId);
  if (!doc) throw new Error(`no profile ${userId}`);
  return fromWireDoc<Profile>(doc as never);
}

async function localProfile(dev: Device, userId: string): Promise<Profile | undefined> {
  return (await dev.collection.findOne(userId).exec())?.toMutableJSON();
}

describe('RxDB 17 replicating profiles with a session', () => {
  let annaDevice: Device;
  let borisDevice: Device;

  it('pulls the own profile only, equal to the server’s', async () => {
    annaDevice = await device(anna);
    borisDevice = await device(boris);
    expect(await localProfile(annaDevice, anna.userId)).toEqual(await serverProfile(anna.userId));
    expect((await annaDevice.collection.find().exec()).map((d) => d.id)).toEqual([anna.userId]);
    expect((await borisDevice.collection.find().exec()).map((d) => d.id)).toEqual([boris.userId]);
    expect([...annaDevice.errors, ...borisDevice.errors]).toEqual([]);
  });

  it('pushes a local edit of name and phone; the server stores it', async () => {
    const doc = await annaDevice.collection.findOne(anna.userId).exec();
    if (!doc) throw new Error('no local profile');
    const updatedAt = new Date().toISOString();
    await doc.incrementalPatch({ name: 'Анна Офлайн', phone: '+79101234567', updatedAt });
    await annaDevice.replication.awaitInSync();
    expect(await serverProfile(anna.userId)).toMatchObject({ name: 'Анна Офлайн', phone: '+79101234567', updatedAt });
    expect(annaDevice.errors).toEqual([]);
  });

  it('the other user’s device never receives that profile, though its live feed keeps running', async () => {
    // An edit of Boris's own profile after Anna's: once it has arrived, his feed has gone past Anna's edit.
    expect((await call(server, boris, 'PATCH', accountRoutes.profile, { name: 'Борис Живой' })).status).toBe(200);
    await expect.poll(async () => (await localProfile(borisDevice, boris.userId))?.name).toBe('Борис Живой');
    expect((await borisDevice.collection.find().exec()).map((d) => d.id)).toEqual([boris.userId]);
    expect(await localProfile(borisDevice, anna.userId)).toBeUndefined();
    expect(borisDevice.errors).toEqual([]);
  });

  it.each([
    ['a changed role', { roles: ['patient', 'admin'] }],
    ['a name not in its normalised form', { name: '  Анна   Офлайн ' }],
  ] as const)('%s comes back as a conflict and the device ends with the server’s version', async (_what, patch) => {
    const before = await serverProfile(anna.userId);
    const doc = await annaDevice.collection.findOne(anna.userId).exec();
    if (!doc) throw new Error('no local profile');
    const pushesBefore = annaDevice.pushes;
    const roles = 'roles' in patch ? [...patch.roles] : [...doc.roles];
    await doc.incrementalPatch({ ...patch, roles, updatedAt: new Date().toISOString() });
    await annaDevice.replication.awaitInSync();
    // Idle, with the server's document and no error: the conflict was resolved, not retried.
    expect(await serverProfile(anna.userId)).toEqual(before);
    expect(await localProfile(annaDevice, anna.userId)).toEqual(before);
    expect(annaDevice.errors).toEqual([]);
    expect(annaDevice.pushes - pushesBefore).toBe(1);
    expect(await annaDevice.replication.awaitInSync()).toBe(true);
    expect(annaDevice.pushes - pushesBefore).toBe(1);
  });
});
