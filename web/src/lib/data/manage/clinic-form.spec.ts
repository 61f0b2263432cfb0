import { describe, expect, it } from 'vitest';
import { draftFromClinic, type Clinic } from '@poisklinik/shared';
import { draftFromForm, formFromClinic, formKeyOf, formShapeProblems, newClinicId, problemsByKey } from './clinic-form';

const clinic: Clinic = {
  id: 'c1',
  name: 'Клиника Здоровья',
  address: 'ул. Телевизионная, д. 31, г. Калуга',
  location: { lat: 54.52617, lon: 36.26241 },
  townId: 'kaluga',
  districtId: 'moskovsky',
  phone: '+74842551515',
  site: 'https://zdorovie-kaluga.ru/',
  ownership: 'commercial',
  roundTheClock: false,
  hours: [
    { day: 1, from: '08:00', to: '20:00' },
    { day: 3, from: '08:00', to: '20:00' },
    { day: 6, from: '09:00', to: '24:00' },
  ],
  specialties: [{ code: '31.08.26', schedule: [{ day: 3, from: '16:00', to: '18:00' }], slotMinutes: 20 }],
  updatedAt: '2026-11-30T10:00:00.000Z',
};

describe('clinic form', () => {
  it('shows a stored clinic as seven weekday rows and turns back into the same draft', () => {
    const form = formFromClinic(clinic);
    expect(form.hours.map((r) => (r.open ? `${r.day} ${r.from}–${r.to}` : `${r.day} closed`))).toEqual([
      '1 08:00–20:00',
      '2 closed',
      '3 08:00–20:00',
      '4 closed',
      '5 closed',
      '6 09:00–24:00',
      '7 closed',
    ]);
    expect(draftFromForm(form)).toEqual(draftFromClinic(clinic));
  });

  it('a new clinic starts at its town centre, open on weekdays, with nothing else filled in', () => {
    const form = formFromClinic(null, { id: 'kaluga', location: { lat: 54.51367, lon: 36.26134 } });
    const draft = draftFromForm(form);
    expect(draft.location).toEqual({ lat: 54.51367, lon: 36.26134 });
    expect(draft.townId).toBe('kaluga');
    expect(draft.hours.map((h) => h.day)).toEqual([1, 2, 3, 4, 5]);
    expect(draft.name).toBe('');
  });

  it('closing a day removes its row; reopening it keeps the hours typed before', () => {
    const form = formFromClinic(clinic);
    form.hours[0]!.open = false;
    expect(draftFromForm(form).hours.map((h) => h.day)).toEqual([3, 6]);
    form.hours[0]!.open = true;
    expect(draftFromForm(form).hours[0]).toEqual({ day: 1, from: '08:00', to: '20:00' });
  });

  it('finds the weekday row a pointer into the open days means', () => {
    const draft = draftFromClinic(clinic);
    // The draft's hours are Monday, Wednesday, Saturday: index 2 is Saturday.
    expect(formKeyOf('/hours/2/to', draft)).toBe('hours.6');
    expect(formKeyOf('/specialties/0/schedule/0/from', draft)).toBe('specialties.0.days.3');
    expect(formKeyOf('/specialties/0/slotMinutes', draft)).toBe('specialties.0.slotMinutes');
    expect(formKeyOf('/specialties/0/code', draft)).toBe('specialties.0.code');
    expect(formKeyOf('/location/lat', draft)).toBe('location');
    expect(formKeyOf('/districtId', draft)).toBe('districtId');
    expect(formKeyOf('/hours/9/to', draft)).toBe('hours');
  });

  it('flags what inputs can hold but a clinic cannot: empty coordinates, malformed times, odd slot lengths', () => {
    const form = formFromClinic(clinic);
    form.lat = null;
    form.hours[2]!.to = '8 вечера';
    form.specialties[0]!.slotMinutes = 2;
    const problems = problemsByKey(formShapeProblems(form), draftFromForm(form));
    expect([...problems.keys()].sort()).toEqual(['hours.3', 'location', 'specialties.0.slotMinutes']);
  });

  it('round-the-clock clinics keep their hours unchecked', () => {
    const form = formFromClinic(clinic);
    form.roundTheClock = true;
    form.hours[0]!.from = 'xx';
    expect(formShapeProblems(form)).toEqual([]);
  });

  it('new ids are UUIDs the clinic id pattern accepts, different every time', () => {
    const a = newClinicId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newClinicId()).not.toBe(a);
  });
});
