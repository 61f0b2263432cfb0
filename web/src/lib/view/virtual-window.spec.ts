import { describe, expect, it } from 'vitest';
import { virtualWindow } from './virtual-window';

const base = { rowHeight: 100, viewportHeight: 800, overscan: 5 };

describe('virtualWindow', () => {
  it('renders the visible rows plus overscan below at the top of the list', () => {
    expect(virtualWindow({ ...base, total: 100_000, scrolledInto: 0 })).toEqual({
      start: 0,
      end: 13,
      offset: 0,
      height: 10_000_000,
    });
  });

  it('keeps the DOM small deep inside 100 000 rows', () => {
    const w = virtualWindow({ ...base, total: 100_000, scrolledInto: 5_000_050 });
    expect(w.start).toBe(49_995);
    expect(w.end).toBe(50_014);
    expect(w.offset).toBe(4_999_500);
    expect(w.end - w.start).toBeLessThan(30);
  });

  it('clamps at the end and for short lists', () => {
    expect(virtualWindow({ ...base, total: 100, scrolledInto: 9_900 })).toMatchObject({ start: 94, end: 100 });
    expect(virtualWindow({ ...base, total: 3, scrolledInto: 0 })).toMatchObject({ start: 0, end: 3, height: 300 });
    expect(virtualWindow({ ...base, total: 0, scrolledInto: 0 })).toEqual({ start: 0, end: 0, offset: 0, height: 0 });
  });

  it('renders the first rows while the list is still below the viewport top', () => {
    expect(virtualWindow({ ...base, total: 1_000, scrolledInto: -300 })).toMatchObject({ start: 0, end: 10 });
    // Far below the viewport: nothing visible, only the overscan.
    expect(virtualWindow({ ...base, total: 1_000, scrolledInto: -5_000 })).toMatchObject({ start: 0, end: 5 });
  });
});
