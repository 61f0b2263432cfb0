// The saved search index lives in its own small IndexedDB database, beside RxDB's: RxDB documents must be JSON,
// while the index is typed arrays that IndexedDB stores by structured clone, with no encoding step either way.
const DB_NAME = 'poisklinik-search-index';
const STORE = 'snapshots';
const KEY = 'clinics';
const META_KEY = 'clinics-meta';

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open ${DB_NAME}`));
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = act(tx.objectStore(STORE));
    // Resolve on commit, not on the request's success: a write is only safe once its transaction is durable.
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? new Error('snapshot transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('snapshot transaction aborted'));
  });
}

/** The stored snapshot, unchecked (the caller validates it), or undefined when none was saved. */
export function readIndexSnapshot(): Promise<unknown> {
  return run('readonly', (store) => store.get(KEY));
}

/**
 * Writes the snapshot and, in the same transaction, a tiny summary of it (`clinics-meta`) that diagnostics and
 * tests can read without cloning a 100k-clinic index.
 */
export async function writeIndexSnapshot(snapshot: unknown, summary: { size: number; savedAt: number }): Promise<void> {
  await run('readwrite', (store) => {
    store.put(summary, META_KEY);
    return store.put(snapshot, KEY);
  });
}

export async function deleteIndexSnapshot(): Promise<void> {
  await run('readwrite', (store) => {
    store.delete(META_KEY);
    return store.delete(KEY);
  });
}
