import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseDirName } from './database-name';
import { openPouchdbStore } from './pouchdb.store';
import { describeStoreContract } from './store.contract';

// House rule: the real store on disk. Every store the contract opens shares this directory, which is what lets the
// reopen case find its data again.
const dataDir = mkdtempSync(join(tmpdir(), 'poisklinik-store-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeStoreContract('embedded (PouchDB on leveldb)', () => openPouchdbStore({ dataDir }));

describe('embedded store on disk', () => {
  it('keeps each database in its own directory named safely under dataDir', async () => {
    const store = await openPouchdbStore({ dataDir });
    try {
      await (await store.database('disk-check/a$b')).put({ _id: 'x' });
      expect(readdirSync(dataDir)).toContain('disk-check.2fa.24b');
      expect(databaseDirName('disk-check/a$b')).toBe('disk-check.2fa.24b');
      await store.destroyDatabase('disk-check/a$b');
      expect(readdirSync(dataDir)).not.toContain('disk-check.2fa.24b');
    } finally {
      await store.close();
    }
  });
});
