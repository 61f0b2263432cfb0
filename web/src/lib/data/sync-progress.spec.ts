import { describe, expect, it } from 'vitest';
import { firstSyncProgress } from './sync-progress';

describe('firstSyncProgress', () => {
  it('counts what is on the device, so a resumed first sync does not start from zero', () => {
    // A tab closed after 12 400 of 100 000 clinics: the restored index already holds them.
    expect(firstSyncProgress(12_400, 100_000)).toEqual({ done: 12_400, total: 100_000, percent: 12 });
  });

  it('shows 100 % only when complete and never more than the total', () => {
    expect(firstSyncProgress(99_999, 100_000).percent).toBe(99);
    expect(firstSyncProgress(100_050, 100_000)).toEqual({ done: 100_000, total: 100_000, percent: 100 });
    expect(firstSyncProgress(0, 0).percent).toBe(100);
  });

  it('has no percent before the server has told its count', () => {
    expect(firstSyncProgress(500, null)).toEqual({ done: 500, total: null, percent: null });
  });
});
