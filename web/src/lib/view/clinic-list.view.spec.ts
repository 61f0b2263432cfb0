import { describe, expect, it } from 'vitest';
import type { Clinic, Town } from '@poisklinik/shared';
import { districtOptions, effectiveOrigin, fallbackTown, offeredSpecialtyCodes } from './clinic-list.view';

const STAMP = '2026-11-30T00:00:00.000Z';

function town(id: string, name: string, districts: [string, string][] = []): Town {
  return {
    id,
    name,
    region: '',
    location: { lat: 54.5, lon: 36.2 },
    timezone: 'Europe/Moscow',
    districts: districts.map(([did, dname]) => ({ id: did, name: dname, location: { lat: 54.5, lon: 36.2 } })),
    updatedAt: STAMP,
  };
}

function clinic(id: string, townId: string, codes: string[] = []): Clinic {
  return {
    id,
    name: id,
    address: 'addr',
    location: { lat: 54.5, lon: 36.2 },
    townId,
    districtId: '',
    phone: '',
    site: '',
    ownership: 'state',
    roundTheClock: false,
    hours: [],
    specialties: codes.map((code) => ({ code, schedule: [] })),
    updatedAt: STAMP,
  };
}

const kaluga = town('kaluga', 'Калуга', [
  ['oktyabrsky', 'Октябрьский'],
  ['leninsky', 'Ленинский'],
]);
const yaroslavl = town('yaroslavl', 'Ярославль');

describe('fallbackTown', () => {
  it('prefers the selected town', () => {
    expect(fallbackTown([kaluga, yaroslavl], [clinic('a', 'kaluga')], 'yaroslavl')?.id).toBe('yaroslavl');
  });

  it('otherwise takes the town with the most clinics', () => {
    const clinics = [clinic('a', 'yaroslavl'), clinic('b', 'yaroslavl'), clinic('c', 'kaluga')];
    expect(fallbackTown([kaluga, yaroslavl], clinics, '')?.id).toBe('yaroslavl');
  });

  it('breaks ties by name and copes with no towns', () => {
    expect(fallbackTown([yaroslavl, kaluga], [], '')?.id).toBe('kaluga');
    expect(fallbackTown([], [], '')).toBeUndefined();
  });
});

describe('effectiveOrigin', () => {
  const here = { lat: 1, lon: 2 };
  it('prefers a dropped pin, then the known position, then a town centre', () => {
    expect(effectiveOrigin({ kind: 'known', point: here }, { lat: 3, lon: 4 }, kaluga)).toEqual({
      kind: 'pin',
      point: { lat: 3, lon: 4 },
    });
    expect(effectiveOrigin({ kind: 'known', point: here }, null, kaluga)).toEqual({ kind: 'position', point: here });
    for (const kind of ['denied', 'unavailable', 'locating'] as const) {
      const origin = effectiveOrigin({ kind }, null, kaluga);
      expect(origin.kind === 'town' && origin.town.id).toBe('kaluga');
    }
    expect(effectiveOrigin({ kind: 'denied' }, null, undefined)).toEqual({ kind: 'none', point: null });
  });
});

describe('districtOptions', () => {
  it('lists the selected town’s districts alphabetically and none without a town', () => {
    expect(districtOptions([kaluga, yaroslavl], 'kaluga').map((d) => d.name)).toEqual(['Ленинский', 'Октябрьский']);
    expect(districtOptions([kaluga], '')).toEqual([]);
  });
});

describe('offeredSpecialtyCodes', () => {
  it('collects the codes offered by any clinic', () => {
    const codes = offeredSpecialtyCodes([
      clinic('a', 'kaluga', ['31.08.26']),
      clinic('b', 'kaluga', ['31.08.49', '31.08.26']),
    ]);
    expect([...codes].sort()).toEqual(['31.08.26', '31.08.49']);
  });
});
