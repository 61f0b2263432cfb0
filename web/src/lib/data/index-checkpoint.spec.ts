import { describe, expect, it } from 'vitest';
import { consistentWithCollection, isAfter, laterCheckpoint, usableSnapshot } from './index-checkpoint';

const snapshot = {
  index: { format: 'f1', data: [] },
  checkpoint: { id: 'b', lwt: 10 },
  scopeKey: 'town:kaluga',
  size: 0,
  savedAt: 1,
  rows: [],
};

describe('checkpoint order', () => {
  it('orders by write time, then by id, with null first', () => {
    expect(isAfter({ id: 'a', lwt: 11 }, { id: 'z', lwt: 10 })).toBe(true);
    expect(isAfter({ id: 'c', lwt: 10 }, { id: 'b', lwt: 10 })).toBe(true);
    expect(isAfter({ id: 'b', lwt: 10 }, { id: 'b', lwt: 10 })).toBe(false);
    expect(isAfter({ id: 'a', lwt: 9 }, { id: 'b', lwt: 10 })).toBe(false);
    expect(isAfter({ id: 'a', lwt: 0 }, null)).toBe(true);
  });

  it('keeps the later of two checkpoints', () => {
    expect(laterCheckpoint(null, { id: 'a', lwt: 1 })).toEqual({ id: 'a', lwt: 1 });
    expect(laterCheckpoint({ id: 'a', lwt: 2 }, { id: 'b', lwt: 1 })).toEqual({ id: 'a', lwt: 2 });
    expect(laterCheckpoint({ id: 'a', lwt: 1 }, null)).toEqual({ id: 'a', lwt: 1 });
    expect(laterCheckpoint(null, null)).toBeNull();
  });
});

describe('usableSnapshot', () => {
  it('accepts a snapshot of the same scope and format', () => {
    expect(usableSnapshot(snapshot, 'town:kaluga', 'f1')).toEqual(snapshot);
    expect(usableSnapshot({ ...snapshot, checkpoint: null }, 'town:kaluga', 'f1')?.checkpoint).toBeNull();
    // Snapshots from before first-screen rows were saved still restore, with no rows.
    expect(usableSnapshot({ ...snapshot, rows: undefined }, 'town:kaluga', 'f1')?.rows).toEqual([]);
  });

  it('rejects another scope, another format and damaged records', () => {
    expect(usableSnapshot(snapshot, 'country', 'f1')).toBeNull();
    expect(usableSnapshot(snapshot, 'town:kaluga', 'f2')).toBeNull();
    expect(usableSnapshot(undefined, 'town:kaluga', 'f1')).toBeNull();
    expect(usableSnapshot({ ...snapshot, checkpoint: { id: 1 } }, 'town:kaluga', 'f1')).toBeNull();
    expect(usableSnapshot({ ...snapshot, index: null }, 'town:kaluga', 'f1')).toBeNull();
  });

  it('trusts a caught-up index only when it matches the collection', () => {
    expect(consistentWithCollection(100_000, 100_000)).toBe(true);
    expect(consistentWithCollection(100_001, 100_000)).toBe(false);
  });
});
