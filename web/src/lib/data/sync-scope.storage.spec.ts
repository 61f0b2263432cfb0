import { describe, expect, it } from 'vitest';
import type { Town } from '@poisklinik/shared';
import { nearestTown, parseScope, readScope, scopeKey, suggestedScopeTown, writeScope } from './sync-scope.storage';

function town(id: string, lat: number, lon: number): Town {
  return { id, name: id, region: '', location: { lat, lon }, timezone: 'Europe/Moscow', districts: [], updatedAt: '' };
}

const kaluga = town('kaluga', 54.51, 36.26);
const yaroslavl = town('yaroslavl', 57.63, 39.87);

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>();
  return { getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) };
}

describe('sync scope persistence', () => {
  it('round-trips both kinds of scope', () => {
    const storage = memoryStorage();
    expect(readScope(storage)).toBeNull();
    writeScope(storage, { kind: 'town', townId: 'kaluga' });
    expect(readScope(storage)).toEqual({ kind: 'town', townId: 'kaluga' });
    writeScope(storage, { kind: 'country' });
    expect(readScope(storage)).toEqual({ kind: 'country' });
  });

  it('keys scopes stably and ignores garbage', () => {
    expect(scopeKey({ kind: 'town', townId: 'kaluga' })).toBe('town:kaluga');
    expect(scopeKey({ kind: 'country' })).toBe('country');
    expect(parseScope('town:')).toBeNull();
    expect(parseScope('{"kind":"country"}')).toBeNull();
  });
});

describe('first-run suggestion', () => {
  it('takes the town nearest to the position', () => {
    expect(nearestTown([kaluga, yaroslavl], { lat: 57.5, lon: 39.9 })?.id).toBe('yaroslavl');
    expect(suggestedScopeTown([kaluga, yaroslavl], { lat: 57.5, lon: 39.9 })?.id).toBe('yaroslavl');
  });

  it('falls back to Kaluga, then to any town', () => {
    expect(suggestedScopeTown([yaroslavl, kaluga], null)?.id).toBe('kaluga');
    expect(suggestedScopeTown([yaroslavl], null)?.id).toBe('yaroslavl');
    expect(suggestedScopeTown([], { lat: 1, lon: 1 })).toBeUndefined();
  });
});
