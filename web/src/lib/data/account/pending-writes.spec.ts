import { describe, expect, it } from 'vitest';
import { countWaiting, nextStamp, parsePendingWrites, withSent, withWrite } from './pending-writes';

const USER = 'uabcdefghijklmnopqrst';

describe('pending writes ledger', () => {
  it('counts a local edit as waiting until the replication sends that state', () => {
    const edited = withWrite({}, USER, '2026-11-30T09:00:00.000Z');
    expect(countWaiting(edited, () => '2026-11-30T09:00:00.000Z')).toBe(1);
    // An older state going out (pushed before the edit) does not settle the newer edit.
    expect(withSent(edited, USER, '2026-11-30T08:00:00.000Z')).toEqual(edited);
    expect(withSent(edited, USER, '2026-11-30T09:00:00.000Z')).toEqual({});
  });

  it('stops counting an edit the server overruled (the device now holds another state)', () => {
    const edited = withWrite({}, USER, '2026-11-30T09:00:00.000Z');
    expect(countWaiting(edited, () => '2026-11-30T08:30:00.000Z')).toBe(0);
    expect(countWaiting(edited, () => undefined)).toBe(0);
  });

  it('reads nothing from malformed storage instead of failing the app', () => {
    expect(parsePendingWrites('not json')).toEqual({});
    expect(parsePendingWrites('[1,2]')).toEqual({});
    expect(parsePendingWrites('{"a":"x","b":3}')).toEqual({ a: 'x' });
    expect(parsePendingWrites(null)).toEqual({});
  });
});

describe('nextStamp', () => {
  it('moves forward even when the device clock is behind the stored stamp', () => {
    const now = Date.parse('2026-11-30T09:00:00.000Z');
    expect(nextStamp('2026-11-30T08:00:00.000Z', now)).toBe('2026-11-30T09:00:00.000Z');
    expect(nextStamp('2026-11-30T10:00:00.000Z', now)).toBe('2026-11-30T10:00:00.001Z');
  });
});
