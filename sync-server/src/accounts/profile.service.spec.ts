import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import type { SyncServer } from '../server';
import type { StoredDoc } from '../store/store.types';
import { TestBrowser } from '../auth/auth-test-client';

describe('ProfileService.applyClientWrite (profiles pushed by the app)', () => {
  let env: TestEnv;
  let server: SyncServer;
  let userId: string;
  beforeAll(async () => {
    env = await createTestEnv();
    server = await env.start({ importDemoData: false });
    const up = await new TestBrowser(server.url).signUp('sync@example.ru');
    userId = (up.body as { user: { id: string } }).user.id;
  });
  afterAll(async () => env.cleanup());

  const current = async (): Promise<StoredDoc> => (await (await server.store.database('profiles')).get(userId))!;
  const write = (doc: Record<string, unknown>) => server.auth.profiles.applyClientWrite(userId, doc as StoredDoc);

  it('stores an offline edit of name and phone made on the current revision', async () => {
    const doc = await current();
    const result = await write({
      ...doc,
      name: 'Пётр Ильич',
      phone: '+79101234567',
      updatedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(result).toMatchObject({ ok: true, id: userId });
    expect(await current()).toMatchObject({ name: 'Пётр Ильич', phone: '+79101234567' });
  });

  it.each([
    ['a stale revision', (d: StoredDoc) => ({ ...d, _rev: '1-00000000000000000000000000000000', name: 'Старое' })],
    ['a changed email', (d: StoredDoc) => ({ ...d, email: 'other@example.ru' })],
    ['a granted role', (d: StoredDoc) => ({ ...d, roles: ['patient', 'admin'] })],
    ['a changed createdAt', (d: StoredDoc) => ({ ...d, createdAt: '2020-01-01T00:00:00.000Z' })],
    ['an unnormalised name', (d: StoredDoc) => ({ ...d, name: '  Пётр   ' })],
    ['an unnormalised phone', (d: StoredDoc) => ({ ...d, phone: '8 910 123 45 67' })],
    ['an unknown field', (d: StoredDoc) => ({ ...d, passwordHash: 'x' })],
    ['a deletion', (d: StoredDoc) => ({ _id: d._id, _rev: d._rev, _deleted: true })],
  ])('answers %s with a conflict row (never forbidden) and keeps the stored profile', async (_name, change) => {
    const before = await current();
    const result = await write(change(before));
    expect(result).toMatchObject({ ok: false, id: userId, error: 'conflict', reason: expect.any(String) as string });
    expect(await current()).toEqual(before);
  });

  it('refuses a document for another user id', async () => {
    const doc = await current();
    const result = await server.auth.profiles.applyClientWrite('uaaaaaaaaaaaaaaaaaaaa', doc);
    expect(result).toMatchObject({ ok: false, error: 'conflict' });
  });
});
