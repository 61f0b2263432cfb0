import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';

describe('account creation under races (real store)', () => {
  let env: TestEnv;
  let server: SyncServer;
  beforeAll(async () => {
    env = await createTestEnv();
    server = await env.start({ importDemoData: false });
  });
  afterAll(async () => env.cleanup());

  it('of many concurrent creations with one email exactly one wins, and no second account is left behind', async () => {
    const { accounts } = server.auth;
    const accountsDb = await server.store.database('accounts');
    const profilesDb = await server.store.database('profiles');
    for (let round = 0; round < 5; round += 1) {
      const email = `race-${round}@example.ru`;
      const created = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          accounts.createAccount({ email, passwordHash: `hash-${i}`, name: '', roles: ['patient'] }),
        ),
      );
      const winners = created.filter((a) => a !== null);
      expect(winners).toHaveLength(1);
      expect((await accountsDb.get(`email:${email}`))?.userId).toBe(winners[0]?._id);

      const { rows } = await accountsDb.allDocs({ includeDocs: true });
      const live = rows.filter((r) => 'doc' in r && r.doc?.type === 'account' && r.doc.email === email);
      expect(live).toHaveLength(1);
      const profiles = await profilesDb.allDocs({ includeDocs: true });
      expect(profiles.rows.filter((r) => 'doc' in r && r.doc?.email === email)).toHaveLength(1);
    }
  });
});
