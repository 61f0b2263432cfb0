import { describe, expect, it } from 'vitest';
import type { Town } from '@poisklinik/shared';
import { checkForm } from './clinic-check';
import { formFromClinic } from './clinic-form';

const town = (id: string, lat: number, lon: number, districts: string[]): Town => ({
  id,
  name: id,
  location: { lat, lon },
  timezone: 'Europe/Moscow',
  districts: districts.map((d) => ({ id: d, name: d, location: { lat, lon } })),
  updatedAt: '2026-11-30T10:00:00.000Z',
});
const towns = new Map([
  ['kaluga', town('kaluga', 54.51367, 36.26134, ['moskovsky', 'oktyabrsky'])],
  ['yaroslavl', town('yaroslavl', 57.62655, 39.89381, ['zavolzhsky'])],
]);
const specialties = [{ id: '31.08.26' }];

function kalugaForm() {
  const form = formFromClinic(null, towns.get('kaluga'));
  form.name = 'Новая клиника';
  form.address = 'ул. Ленина, 1';
  form.districtId = 'moskovsky';
  return form;
}

describe('checkForm (the shared rules on the device)', () => {
  it('a complete clinic in its town passes', () => {
    expect([...checkForm(kalugaForm(), towns, specialties).problems.keys()]).toEqual([]);
  });

  it('a district of another town is flagged at the district field', () => {
    const form = kalugaForm();
    form.districtId = 'zavolzhsky';
    expect([...checkForm(form, towns, specialties).problems.keys()]).toEqual(['districtId']);
  });

  it('a point 40 km from the town centre is flagged at the location', () => {
    const form = kalugaForm();
    form.lat = 54.51367 + 0.36;
    expect([...checkForm(form, towns, specialties).problems.keys()]).toEqual(['location']);
  });

  it('a closing time before the opening time is flagged at that weekday, a duplicate specialty at its code', () => {
    const form = kalugaForm();
    form.hours[3]!.to = '07:00';
    form.specialties.push(
      { key: 'a', code: '31.08.26', slotMinutes: 30, days: [] },
      { key: 'b', code: '31.08.26', slotMinutes: 30, days: [] },
    );
    expect([...checkForm(form, towns, specialties).problems.keys()]).toEqual(['hours.4', 'specialties.1.code']);
  });
});
