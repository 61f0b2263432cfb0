import type { RxDocument, RxQuery } from 'rxdb';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchQuery } from './watch-query';

type Doc = { id: string };

function fakeQuery(): { changes: Subject<RxDocument<Doc>[]>; query: RxQuery<Doc, RxDocument<Doc>[]> } {
  const changes = new Subject<RxDocument<Doc>[]>();
  // Only `$` is read by watchQuery; a whole RxQuery needs a database.
  return { changes, query: { $: changes.asObservable() } as unknown as RxQuery<Doc, RxDocument<Doc>[]> };
}

function doc(id: string): RxDocument<Doc> {
  return { toMutableJSON: () => ({ id }) } as unknown as RxDocument<Doc>;
}

describe('watching a query of a database still opening', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hands plain copies on each change until stopped', async () => {
    const { changes, query } = fakeQuery();
    const set = vi.fn();
    const stop = watchQuery(() => Promise.resolve(query), set, 'tickets');
    await Promise.resolve();
    await Promise.resolve();
    changes.next([doc('a')]);
    expect(set).toHaveBeenLastCalledWith([{ id: 'a' }]);
    stop();
    changes.next([doc('b')]);
    expect(set).toHaveBeenCalledTimes(1);
    expect(changes.observed).toBe(false);
  });

  it('never subscribes when stopped before the database opened, and logs a database that failed', async () => {
    const { changes, query } = fakeQuery();
    const stop = watchQuery(() => Promise.resolve(query), vi.fn(), 'tickets');
    stop();
    await Promise.resolve();
    await Promise.resolve();
    expect(changes.observed).toBe(false);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    watchQuery(() => Promise.reject(new Error('blocked')), vi.fn(), 'reviews');
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith('Could not read reviews', expect.any(Error)));
  });
});
