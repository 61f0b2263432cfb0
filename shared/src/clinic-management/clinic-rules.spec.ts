import { describe, expect, it } from 'vitest';
import type { ClinicDraft } from './clinic-draft.schema';
import { clinicDraftProblems, clinicFromDraft, draftFromClinic, type ClinicRulesContext } from './clinic-rules';

const kaluga = {
  id: 'kaluga',
  location: { lat: 54.5138, lon: 36.2612 },
  districts: [{ id: 'oktyabrsky' }, { id: 'leninsky' }],
};
const ctx: ClinicRulesContext = { town: kaluga, specialtyCodes: new Set(['31.08.26', '31.08.49']) };

function draft(overrides: Partial<ClinicDraft> = {}): ClinicDraft {
  return {
    name: '  Поликлиника № 1 ',
    address: 'улица Ленина, 1',
    location: { lat: 54.52, lon: 36.27 },
    townId: 'kaluga',
    districtId: 'oktyabrsky',
    phone: '8 (4842) 55-43-78',
    site: 'https://clinic.example.ru/',
    ownership: 'state',
    roundTheClock: false,
    hours: [
      { day: 2, from: '08:00', to: '20:00' },
      { day: 1, from: '08:00', to: '24:00' },
    ],
    specialties: [{ code: '31.08.49', schedule: [{ day: 1, from: '09:00', to: '13:00' }], slotMinutes: 20 }],
    ...overrides,
  };
}

const fields = (d: ClinicDraft, c: ClinicRulesContext = ctx): string[] => clinicDraftProblems(d, c).map((p) => p.field);

describe('clinicDraftProblems', () => {
  it('accepts a complete clinic, an empty district, phone and site', () => {
    expect(fields(draft())).toEqual([]);
    expect(fields(draft({ districtId: '', phone: '', site: '' }))).toEqual([]);
  });

  it('names the town, the district of another town and a point too far away', () => {
    expect(fields(draft({ townId: 'tula' }), { ...ctx, town: undefined })).toEqual(['/townId']);
    expect(fields(draft({ districtId: 'zarechny' }))).toEqual(['/districtId']);
    // ~33 km north of Kaluga's centre
    expect(fields(draft({ location: { lat: 54.81, lon: 36.26 } }))).toEqual(['/location']);
  });

  it('refuses a second row for a day, an empty or reversed interval and 24:00 as a start', () => {
    const hours = [
      { day: 1, from: '08:00', to: '12:00' },
      { day: 1, from: '13:00', to: '18:00' },
      { day: 2, from: '10:00', to: '10:00' },
      { day: 3, from: '20:00', to: '08:00' },
      { day: 4, from: '24:00', to: '24:00' },
    ];
    expect(fields(draft({ hours }))).toEqual(['/hours/1/day', '/hours/2/to', '/hours/3/to', '/hours/4/from']);
  });

  it('ignores the hours of a round-the-clock clinic', () => {
    expect(fields(draft({ roundTheClock: true, hours: [{ day: 2, from: '10:00', to: '09:00' }] }))).toEqual([]);
  });

  it('refuses a phone that is not Russian and a site that is not http(s)', () => {
    expect(fields(draft({ phone: '12-34' }))).toEqual(['/phone']);
    expect(fields(draft({ site: 'ftp://clinic.ru' }))).toEqual(['/site']);
    expect(fields(draft({ site: 'clinic.ru' }))).toEqual(['/site']);
  });

  it('refuses unknown and repeated specialties and a bad specialty schedule row', () => {
    const specialties = [
      { code: '99.99.99', schedule: [] },
      { code: '31.08.49', schedule: [] },
      { code: '31.08.49', schedule: [] },
      { code: '31.08.26', schedule: [{ day: 5, from: '14:00', to: '09:00' }] },
    ];
    expect(fields(draft({ specialties }))).toEqual([
      '/specialties/0/code',
      '/specialties/2/code',
      '/specialties/3/schedule/0/to',
    ]);
  });

  it('refuses a name of spaces only', () => {
    expect(fields(draft({ name: '   ' }))).toEqual(['/name']);
  });
});

describe('clinicFromDraft', () => {
  it('normalises the phone, trims text, orders rows and keeps the server-owned fields', () => {
    const clinic = clinicFromDraft('c1', draft(), {
      updatedAt: '2026-01-01T00:00:00.000Z',
      rating: 4.5,
      reviewCount: 2,
    });
    expect(clinic).toMatchObject({ id: 'c1', name: 'Поликлиника № 1', phone: '+74842554378', rating: 4.5 });
    expect(clinic.hours.map((h) => h.day)).toEqual([1, 2]);
    expect(clinic.reviewCount).toBe(2);
    expect(clinicFromDraft('c1', draft(), { updatedAt: '2026-01-01T00:00:00.000Z' })).not.toHaveProperty('rating');
  });

  it('round-trips through draftFromClinic', () => {
    const clinic = clinicFromDraft('c1', draft(), { updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(clinicFromDraft('c1', draftFromClinic(clinic), { updatedAt: clinic.updatedAt })).toEqual(clinic);
  });
});
