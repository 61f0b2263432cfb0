import { describe, expect, it } from 'vitest';
import { weekRows } from './opening-hours.view';

describe('weekRows', () => {
  it('gives seven rows Monday to Sunday with sorted intervals and today flagged', () => {
    const rows = weekRows(
      [
        { day: 1, from: '14:00', to: '18:00' },
        { day: 1, from: '08:00', to: '12:00' },
        { day: 6, from: '09:00', to: '24:00' },
      ],
      6,
    );
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({ weekday: 1, intervals: ['08:00–12:00', '14:00–18:00'], isToday: false });
    expect(rows[5]).toEqual({ weekday: 6, intervals: ['09:00–24:00'], isToday: true });
    expect(rows[6]?.intervals).toEqual([]);
  });
});
