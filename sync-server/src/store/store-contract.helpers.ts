// Shared plumbing for the store contract suites: one store per suite, a fresh uniquely named database per test
// (so suites can run against a shared real CouchDB), and everything created is destroyed afterwards.
import { afterAll, beforeAll, expect } from 'vitest';
import type { ChangeRow, NewDoc, Store, StoreDatabase, WriteOk, WriteResult } from './store.types';

/** Opens a new store client over the same backing storage on every call (same data dir / same server). */
export type StoreFactory = () => Promise<Store>;

export type ContractContext = {
  readonly openStore: StoreFactory;
  store(): Store;
  /** A database name no other test or run uses; destroyed after the suite. */
  freshName(): string;
  freshDb(): Promise<StoreDatabase>;
};

export function useContractContext(openStore: StoreFactory): ContractContext {
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const names: string[] = [];
  let store: Store | undefined;
  let counter = 0;
  const context: ContractContext = {
    openStore,
    store: () => {
      if (!store) throw new Error('store not opened yet');
      return store;
    },
    freshName: () => {
      counter += 1;
      const name = `contract-${runId}-${counter}`;
      names.push(name);
      return name;
    },
    freshDb: () => context.store().database(context.freshName()),
  };
  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(async () => {
    if (!store) return;
    const opened = store;
    for (const name of names) await opened.destroyDatabase(name);
    await opened.close();
  });
  return context;
}

export function expectOk(result: WriteResult | undefined): WriteOk {
  expect(result).toMatchObject({ ok: true });
  if (!result?.ok) throw new Error(`write failed: ${JSON.stringify(result)}`);
  return result;
}

export async function putOk(db: StoreDatabase, doc: NewDoc): Promise<WriteOk> {
  return expectOk(await db.put(doc));
}

export const idsOf = (rows: ChangeRow[]): string[] => rows.map((row) => row.id);
export const sortedIdsOf = (rows: ChangeRow[]): string[] => idsOf(rows).sort();

/** The hash part of a revision (`2-abc…` → `abc…`). */
export function revHash(rev: string): string {
  const hash = rev.split('-')[1];
  if (!hash) throw new Error(`not a revision: ${rev}`);
  return hash;
}
