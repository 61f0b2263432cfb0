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

  it('keeps installs with different database prefixes apart (COUCHDB_DB_PREFIX)', async () => {
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const [blue, green] = await Promise.all([
      openCouchdbStore({ url, dbPrefix: `b${run}_` }),
      openCouchdbStore({ url, dbPrefix: `g${run}_` }),
    ]);
    try {
      await (await blue.database('clinics')).put({ _id: 'only-blue' });
      await green.database('clinics');
      expect(await (await green.database('clinics')).get('only-blue')).toBeNull();
      expect(await blue.listDatabases()).toEqual(['clinics']);
      // The database keeps its plain name in what the store reports (e.g. `db_name` on /db/clinics/).
      expect((await (await blue.database('clinics')).info()).dbName).toBe('clinics');
      await green.destroyDatabase('clinics');
      expect(await (await blue.database('clinics')).get('only-blue')).not.toBeNull();
    } finally {
      await blue.destroyDatabase('clinics');
      await green.destroyDatabase('clinics');
      await Promise.all([blue.close(), green.close()]);
    }
    await expect(openCouchdbStore({ url, dbPrefix: 'Bad/Prefix' })).rejects.toThrow(/prefix/);
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
