import { describe, expect, it } from 'vitest';
import { collectionOfKey, oldest, parseSyncTime, syncTimeKey } from './sync-time.storage';

describe('sync time storage helpers', () => {
  it('round-trips the storage key', () => {
    expect(collectionOfKey(syncTimeKey('clinics'))).toBe('clinics');
    expect(collectionOfKey('other')).toBeNull();
    expect(collectionOfKey(null)).toBeNull();
  });

  it('parses stored times and rejects garbage', () => {
    expect(parseSyncTime('2026-11-30T05:00:00.000Z')?.toISOString()).toBe('2026-11-30T05:00:00.000Z');
    expect(parseSyncTime('not a date')).toBeNull();
    expect(parseSyncTime(null)).toBeNull();
  });

  it('reports the stalest time, or none while any collection never synced', () => {
    const a = new Date('2026-11-30T05:00:00Z');
    const b = new Date('2026-11-30T06:00:00Z');
    expect(oldest([b, a])).toBe(a);
    expect(oldest([a, null])).toBeNull();
    expect(oldest([])).toBeNull();
  });
});
