// A stock PouchDB 9 pull replication (changes → revs_diff → _bulk_get → checkpoint) from the running server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { catalogueCollections, collectionUrl } from '@poisklinik/shared';
import type { SyncServer } from '../server';
import { repoRoot } from '../config';
import { createTestEnv, type TestEnv } from '../test-support/test-server';

PouchDB.plugin(memoryAdapter);

let env: TestEnv;
let server: SyncServer;
const locals: PouchDB.Database[] = [];

beforeAll(async () => {
  env = await createTestEnv({});
  server = await env.start({ demoDataDir: `${repoRoot}sync-server/demo-data` });
});
afterAll(async () => {
  await Promise.all(locals.map((db) => db.destroy()));
  await env.cleanup();
});

function localDb(name: string): PouchDB.Database {
  const db = new PouchDB(`${name}-${Date.now()}`, { adapter: 'memory' });
  locals.push(db);
  return db;
}

async function storedDocs(name: string): Promise<unknown[]> {
  const all = await (await server.store.database(name)).allDocs({ includeDocs: true });
  return all.rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc] : []));
}

describe('stock PouchDB replicate.from the server', () => {
  it.each(catalogueCollections)('pulls every %s document with identical content and revisions', async (name) => {
    const local = localDb(name);
    const result = await local.replicate.from(collectionUrl(server.url, name), { batch_size: 25 });
    expect(result.ok).toBe(true);
    expect(result.doc_write_failures).toBe(0);
    const expected = await storedDocs(name);
    expect(result.docs_written).toBe(expected.length);
    const pulled = (await local.allDocs({ include_docs: true })).rows.map((r) => r.doc);
    expect(pulled).toEqual(expected);
  });

  it('a second replication picks up only what changed since (checkpoint kept on the client)', async () => {
    const local = localDb('clinics-again');
    const url = collectionUrl(server.url, 'clinics');
    await local.replicate.from(url);
    const clinics = await server.store.database('clinics');
    const [row] = (await clinics.allDocs({ includeDocs: true, limit: 1 })).rows;
    if (!row || !('doc' in row) || !row.doc) throw new Error('no clinic');
    await clinics.put({ ...row.doc, phone: '+74842999999', updatedAt: new Date().toISOString() });

    const second = await local.replicate.from(url);
    expect(second.docs_written).toBe(1);
    expect(await local.get(row.id)).toMatchObject({ phone: '+74842999999' });
  });

  it('pushing to the server fails cleanly with 403 and changes nothing', async () => {
    const local = localDb('push');
    await local.put({ _id: 'evil-clinic', name: 'x' });
    const before = await storedDocs('clinics');
    const result = await local.replicate.to(collectionUrl(server.url, 'clinics')).catch((err: unknown) => err);
    expect(JSON.stringify(result)).toMatch(/forbidden|403|read-only/);
    expect(await storedDocs('clinics')).toEqual(before);
  });
});
