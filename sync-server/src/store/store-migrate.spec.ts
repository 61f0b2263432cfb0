// Moving an install from the embedded store onto CouchDB (here: the stand-in), end to end through the real server:
// what a user had before the move must still be theirs after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionUrl } from '@poisklinik/shared';
import { startCouchStandIn, type CouchStandIn } from './couchdb-stand-in.fixture';
import { databaseNameOfDir, embeddedDatabases, migrateEmbeddedStore } from './store-migrate';
import { databaseDirName } from './database-name';
import { createTestEnv, request, type TestEnv } from '../test-support/test-server';
import { signIn, signUp } from '../authz/session-client';

let env: TestEnv;
let couch: CouchStandIn;

// One stand-in per file: its in-memory databases (and express-pouchdb's registry of them) are process-global, so a
// second stand-in in the same process would see the first one's registry.
beforeAll(async () => {
  env = await createTestEnv();
  couch = await startCouchStandIn();
});
afterAll(async () => {
  await env.cleanup();
  await couch.stop();
});

describe('database directory names', () => {
  it('maps every store directory back to its database name and nothing else', () => {
    for (const name of ['clinics', 'scheduler-runs', 'a/b', 'x$y(1)+z']) {
      expect(databaseNameOfDir(databaseDirName(name))).toBe(name);
    }
    expect(databaseNameOfDir('outbox.tmp')).toBeNull();
    expect(databaseNameOfDir('Clinics')).toBeNull();
  });
});

describe('pnpm store:migrate', () => {
  it('moves accounts and the catalogue so a user signs in on CouchDB as before', { timeout: 60_000 }, async () => {
    const embedded = await env.start({ scheduler: false });
    await signUp(embedded, 'anna@example.ru', 'long enough secret 1', 'Анна');
    const clinicsBefore = (await request(collectionUrl(embedded.url, 'clinics'))).body as { doc_count: number };
    await embedded.close();

    const names = await embeddedDatabases(env.dataDir);
    expect(names).toEqual(expect.arrayContaining(['accounts', 'clinics', 'profiles', 'towns']));
    const lines: string[] = [];
    const first = await migrateEmbeddedStore({
      dataDir: env.dataDir,
      couchdbUrl: couch.url,
      log: (l) => lines.push(l),
    });
    expect(first.map((d) => d.name)).toEqual(names);
    for (const db of first) expect(db.targetDocs).toBe(db.sourceDocs);
    // The summary line must not print the CouchDB password.
    expect(lines.join('\n')).not.toContain('secret@');

    const onCouch = await env.start({ couchdbUrl: couch.url, scheduler: false });
    expect(onCouch.store.kind).toBe('couchdb');
    // Nothing re-imported: the migrated catalogue is already current.
    expect(onCouch.importSummary?.clinics?.created).toBe(0);
    const clinicsAfter = (await request(collectionUrl(onCouch.url, 'clinics'))).body as { doc_count: number };
    expect(clinicsAfter.doc_count).toBe(clinicsBefore.doc_count);
    const session = await signIn(onCouch, 'anna@example.ru', 'long enough secret 1');
    expect(session.email).toBe('anna@example.ru');
    await onCouch.close();

    // A second run (e.g. after an interruption) finds nothing left to copy.
    const again = await migrateEmbeddedStore({ dataDir: env.dataDir, couchdbUrl: couch.url });
    expect(again.every((d) => d.docsWritten === 0)).toBe(true);
  });
});
