import { describe, expect, it } from 'vitest';
import type { ManagedClinic } from '@poisklinik/shared';
import { manageCache } from './manage-cache.storage';

/** The Web Storage interface over a Map: Node has no localStorage, and only get/set/remove are used. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

const managed = { clinic: { id: 'c1', name: 'Клиника Здоровья' }, rev: '3-abc' } as unknown as ManagedClinic;
const at = new Date('2026-11-30T10:00:00.000Z');

describe('manageCache', () => {
  it('gives back what one user last loaded, with when, and nothing to another user', () => {
    const storage = memoryStorage();
    manageCache.writeList(storage, 'ua', [managed], at);
    manageCache.writeClinic(storage, 'ua', managed, at);
    expect(manageCache.readList(storage, 'ua')).toEqual({ at: at.toISOString(), value: [managed] });
    expect(manageCache.readClinic(storage, 'ua', 'c1')).toEqual({ at: at.toISOString(), value: managed });
    expect(manageCache.readList(storage, 'ub')).toBeNull();
    expect(manageCache.readClinic(storage, 'ub', 'c1')).toBeNull();
  });

  it('forgets a deleted clinic and ignores what it cannot read', () => {
    const storage = memoryStorage();
    manageCache.writeClinic(storage, 'ua', managed, at);
    manageCache.forgetClinic(storage, 'ua', 'c1');
    expect(manageCache.readClinic(storage, 'ua', 'c1')).toBeNull();
    storage.setItem('poisklinik:manage:ua:list', '{"at":"yesterday","value":[]}');
    expect(manageCache.readList(storage, 'ua')).toBeNull();
    storage.setItem('poisklinik:manage:ua:clinic:c1', 'not json');
    expect(manageCache.readClinic(storage, 'ua', 'c1')).toBeNull();
  });
});
