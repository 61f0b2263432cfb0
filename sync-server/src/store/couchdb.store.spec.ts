import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCouchStandIn, type CouchStandIn } from './couchdb-stand-in.fixture';
import { openCouchdbStore } from './couchdb.store';
import { createStore, redactUrl } from './create-store';
import { describeStoreContract } from './store.contract';

// A real CouchDB when COUCHDB_URL is set (CI, compose); otherwise the in-process stand-in. Database names are
// unique per run and destroyed afterwards, so a shared CouchDB is safe to point this at.
const realCouchUrl = process.env['COUCHDB_URL']?.trim() || undefined;
let standIn: CouchStandIn | undefined;

async function couchUrl(): Promise<string> {
  if (realCouchUrl) return realCouchUrl;
  standIn ??= await startCouchStandIn();
  return standIn.url;
}

afterAll(async () => {
  await standIn?.stop();
});

describeStoreContract(realCouchUrl ? 'CouchDB' : 'CouchDB stand-in (express-pouchdb)', async () =>
  openCouchdbStore({ url: await couchUrl() }),
);

describe('CouchDB store specifics', () => {
  let url: string;
  beforeAll(async () => {
    url = await couchUrl();
  });

  it('survives two stores creating the same database at once (412 race)', async () => {
    const name = `race-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const [one, two] = await Promise.all([openCouchdbStore({ url }), openCouchdbStore({ url })]);
    try {
      const [a, b] = await Promise.all([one.database(name), two.database(name)]);
      await a.put({ _id: 'from-one' });
      expect(await b.get('from-one')).not.toBeNull();
    } finally {
      await one.destroyDatabase(name);
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('createStore picks CouchDB for a URL and never shows its password', async () => {
    const store = await createStore({ couchdbUrl: url, dataDir: '/nonexistent-unused' });
    expect(store.kind).toBe('couchdb');
    await store.close();
    expect(redactUrl('http://admin:s3cret@127.0.0.1:5984')).toBe('http://admin:***@127.0.0.1:5984/');
    const failure = createStore({ couchdbUrl: 'http://admin:s3cret@127.0.0.1:1', dataDir: '/nonexistent-unused' });
    await expect(failure).rejects.toThrow(/admin:\*\*\*@127\.0\.0\.1:1/);
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
