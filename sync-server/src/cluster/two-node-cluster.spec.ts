// The two-node harness itself: what one node takes in, the other serves; a signed-in user is known on both; and
// two nodes accepting writes of one document at once end with the same conflicting revisions on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../auth/auth-test-client';
import type { StoredDoc } from '../store/store.types';
import { startTwoNodeCluster, type TwoNodeCluster } from './two-node-cluster';

let cluster: TwoNodeCluster;

beforeAll(async () => {
  // No scheduler and no background sweep: the conflict below must stay as replication left it.
  cluster = await startTwoNodeCluster({ overrides: { scheduler: false, conflictSweepMs: 0 } });
}, 30_000);
afterAll(async () => cluster.cleanup());

describe('two-node cluster', { timeout: 30_000 }, () => {
  it('serves the catalogue node A imported from node B too', async () => {
    const res = await fetch(`${cluster.b.url}/db/clinics/`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { doc_count: number }).doc_count).toBe(3);
  });

  it('knows on node B a user who signed up on node A, with the same session', async () => {
    const browser = new TestBrowser(cluster.a.url);
    expect((await browser.signUp('anna@example.ru')).status).toBe(201);
    // Replication is asynchronous: wait (polling) until the account and session reached B. Asking B earlier would
    // get a 401 whose cookie-clearing answer ends the session on this device.
    await cluster.untilReplicated();
    const onB = new TestBrowser(cluster.b.url);
    onB.cookie = browser.cookie;
    const session = await onB.session();
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ user: { email: 'anna@example.ru' } });
  });

  it('keeps both revisions of a document written on both nodes at once, on both nodes', async () => {
    const [onA, onB] = await Promise.all([cluster.a.store.database('tickets'), cluster.b.store.database('tickets')]);
    await cluster.untilReplicated();
    await Promise.all([onA.put({ _id: 'twice', node: 'a' }), onB.put({ _id: 'twice', node: 'b' })]);
    await cluster.untilReplicated();
    for (const db of [onA, onB]) {
      expect(await db.listConflicted()).toEqual(['twice']);
      const doc = (await db.get('twice', { conflicts: true })) as StoredDoc;
      expect(doc._conflicts).toHaveLength(1);
    }
    // Both nodes pick the same winner: CouchDB's rule depends only on the revision tree.
    expect((await onA.get('twice'))?.['node']).toBe((await onB.get('twice'))?.['node']);
  });
});
