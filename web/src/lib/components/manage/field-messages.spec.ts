import { describe, expect, it } from 'vitest';
import { manageRu } from '$lib/i18n/manage.ru';
import { fieldMessage } from './field-messages';

const t = manageRu.fields;
const say = (field: string) => fieldMessage({ field, reason: 'whatever the server said' }, t);

describe('fieldMessage', () => {
  it('names what to fix in Russian for every pointer the rules and the server use', () => {
    expect(say('/districtId')).toBe('Этот район не относится к выбранному городу.');
    expect(say('/location')).toBe('Точка дальше 25 км от центра города: проверьте координаты или город.');
    expect(say('/location/lat')).toBe(t.coordinates);
    expect(say('/hours/2/to')).toBe(t.time);
    expect(say('/hours/2/day')).toBe(t.day);
    expect(say('/specialties/0/code')).toBe(t.specialtyCode);
    expect(say('/specialties/1/schedule/0/from')).toBe(t.time);
    expect(say('/specialties/1/slotMinutes')).toBe(t.slotMinutes);
    expect(say('/phone')).toBe(t.phone);
    expect(say('/site')).toBe(t.site);
  });

  it('falls back to a general hint for a pointer it does not know', () => {
    expect(say('/somethingNew')).toBe(t.other);
    expect(say('')).toBe(t.other);
  });
});
