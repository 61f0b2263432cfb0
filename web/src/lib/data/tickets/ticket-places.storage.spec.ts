import { describe, expect, it } from 'vitest';
import {
  keptClinics,
  MAX_RECENT_CLINICS,
  parseIdList,
  readPulledAt,
  ticketScopeKey,
  toggledFavourites,
  withRecent,
  writePulledAt,
} from './ticket-places.storage';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>();
  return { getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) };
}

describe('ticket places on the device', () => {
  it('stars and unstars a clinic, newest favourite first', () => {
    const one = toggledFavourites([], 'a');
    const two = toggledFavourites(one, 'b');
    expect(two).toEqual(['b', 'a']);
    expect(toggledFavourites(two, 'a')).toEqual(['b']);
  });

  it('keeps a bounded list of recently opened clinics, reopening moves one to the front', () => {
    let recent: string[] = [];
    for (let i = 0; i < MAX_RECENT_CLINICS + 3; i++) recent = withRecent(recent, `c${i}`);
    expect(recent).toHaveLength(MAX_RECENT_CLINICS);
    expect(recent[0]).toBe(`c${MAX_RECENT_CLINICS + 2}`);
    expect(withRecent(recent, 'c5')[0]).toBe('c5');
    expect(withRecent(recent, 'c5')).toHaveLength(MAX_RECENT_CLINICS);
  });

  it('survives damaged storage as an empty list', () => {
    expect(parseIdList('not json')).toEqual([]);
    expect(parseIdList('{"a":1}')).toEqual([]);
    expect(parseIdList('["a", 3, "a", ""]')).toEqual(['a']);
  });

  it('remembers when each scope was pulled, separately', () => {
    const storage = memoryStorage();
    const at = new Date('2026-11-30T07:42:00.000Z');
    writePulledAt(storage, { kind: 'clinic', clinicId: 'x' }, at.getTime());
    expect(readPulledAt(storage, { kind: 'clinic', clinicId: 'x' })).toEqual(at);
    expect(readPulledAt(storage, { kind: 'town', townId: 'x' })).toBeNull();
    expect(ticketScopeKey({ kind: 'town', townId: 'kaluga' })).not.toBe(
      ticketScopeKey({ kind: 'clinic', clinicId: 'kaluga' }),
    );
  });

  it('keeps favourites then recent clinics current, each clinic once', () => {
    expect(keptClinics(['a', 'b'], ['c', 'a', 'd', 'c'])).toEqual(['a', 'b', 'c', 'd']);
    expect(keptClinics([], [])).toEqual([]);
  });
});
