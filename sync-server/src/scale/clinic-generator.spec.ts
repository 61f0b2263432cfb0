import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { distanceMetres, parseTimeOfDay, type WeeklyInterval } from '@poisklinik/shared';
import { repoRoot } from '../config';
import { jsonEqual } from '../catalogue/stable-equal';
import { generateScaleDataset, MAX_SPREAD_KM } from './clinic-generator';
import { buildTowns } from './town-builder';
import { validateScaleDataset, writeScaleDataset } from './scale-files';

const tmp = await mkdtemp(join(tmpdir(), 'poisklinik-gen-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

const dataset = generateScaleDataset({ clinics: 4000, seed: 7 });

describe('towns', () => {
  const towns = buildTowns().map((t) => t.entity);

  it('at least 120 real towns with unique ids, valid IANA zones across the country', () => {
    expect(towns.length).toBeGreaterThanOrEqual(120);
    expect(new Set(towns.map((t) => t.id)).size).toBe(towns.length);
    for (const t of towns) expect(() => new Intl.DateTimeFormat('en', { timeZone: t.timezone })).not.toThrow();
    const zones = new Set(towns.map((t) => t.timezone));
    for (const z of ['Europe/Kaliningrad', 'Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk']) {
      expect(zones).toContain(z);
    }
    for (const z of ['Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Yakutsk', 'Asia/Vladivostok']) {
      expect(zones).toContain(z);
    }
    expect(zones).toContain('Asia/Magadan');
    expect(zones).toContain('Asia/Kamchatka');
  });

  it('Kaluga and Yaroslavl are exactly the demo dataset towns (both datasets can share a store)', async () => {
    const demo = JSON.parse(await readFile(join(repoRoot, 'sync-server/demo-data/towns.json'), 'utf8')) as {
      id: string;
    }[];
    for (const id of ['kaluga', 'yaroslavl']) {
      expect(
        jsonEqual(
          towns.find((t) => t.id === id),
          demo.find((t) => t.id === id),
        ),
      ).toBe(true);
    }
  });

  it('districts lie near their town, with unique ids per town', () => {
    for (const t of towns) {
      expect(new Set(t.districts.map((d) => d.id)).size).toBe(t.districts.length);
      // 20 km: Kaluga's Kurovskoy district (demo data) is a real outlying settlement 15.7 km out.
      for (const d of t.districts) expect(distanceMetres(d.location, t.location)).toBeLessThan(20_000);
    }
    expect(towns.find((t) => t.id === 'moskva')?.districts.length).toBeGreaterThan(5);
  });
});

describe('generated clinics', () => {
  const townById = new Map(dataset.towns.map((t) => [t.id, t]));

  it('exactly N, unique deterministic ids, every one valid against the shared schema', () => {
    expect(dataset.clinics).toHaveLength(4000);
    expect(dataset.clinics[0]?.id).toBe('gen-7-000001');
    expect(new Set(dataset.clinics.map((c) => c.id)).size).toBe(4000);
    expect(() => validateScaleDataset(dataset)).not.toThrow();
  });

  it('a broken entity fails validation, naming it', () => {
    const [first, ...rest] = dataset.clinics;
    if (!first) throw new Error('no clinic');
    const broken = { ...dataset, clinics: [{ ...first, phone: '84842000000' }, ...rest] };
    expect(() => validateScaleDataset(broken)).toThrow(/gen-7-000001.*phone/s);
  });

  it('lie within 15 km of their town centre, in one of its districts or none', () => {
    for (const c of dataset.clinics) {
      const town = townById.get(c.townId);
      if (!town) throw new Error(`unknown town ${c.townId}`);
      expect(distanceMetres(c.location, town.location)).toBeLessThanOrEqual(MAX_SPREAD_KM * 1000);
      if (c.districtId) expect(town.districts.map((d) => d.id)).toContain(c.districtId);
    }
  });

  it('follow population: Moscow has the most, Kaluga a few dozen per 4000', () => {
    const count = (id: string) => dataset.clinics.filter((c) => c.townId === id).length;
    expect(count('moskva')).toBeGreaterThan(count('sankt-peterburg'));
    expect(count('sankt-peterburg')).toBeGreaterThan(count('kaluga'));
    expect(count('kaluga')).toBeGreaterThan(5);
  });

  it('mix state and commercial, ~5 % round the clock (with empty hours)', () => {
    const share = (f: (c: (typeof dataset.clinics)[number]) => boolean) => dataset.clinics.filter(f).length / 4000;
    expect(share((c) => c.ownership === 'state')).toBeGreaterThan(0.3);
    expect(share((c) => c.ownership === 'commercial')).toBeGreaterThan(0.3);
    expect(share((c) => c.roundTheClock)).toBeGreaterThan(0.03);
    expect(share((c) => c.roundTheClock)).toBeLessThan(0.08);
    for (const c of dataset.clinics.filter((x) => x.roundTheClock)) expect(c.hours).toEqual([]);
    expect(share((c) => c.hours.some((h) => h.to < h.from))).toBeGreaterThan(0); // some work past midnight
  });

  it('specialties match the kind of clinic', () => {
    const codesOf = (c: (typeof dataset.clinics)[number]) => c.specialties.map((s) => s.code);
    const byName = (re: RegExp) => dataset.clinics.filter((c) => re.test(c.name));
    expect(byName(/^Стоматолог/).length).toBeGreaterThan(0);
    for (const c of byName(/^Стоматолог/))
      expect(codesOf(c).every((code) => /^31\.08\.7[2-7]$|31\.08\.69/.test(code))).toBe(true);
    for (const c of byName(/^Детская (городская )?поликлиника/)) expect(codesOf(c)).toContain('31.08.19');
    for (const c of byName(/^Женская консультация/)) expect(codesOf(c)).toContain('31.08.01');
    for (const c of byName(/^Травм/)) expect(c.roundTheClock).toBe(true);
  });

  it('specialty reception happens while the clinic is open', () => {
    const minutes = (iv: WeeklyInterval) => {
      const from = parseTimeOfDay(iv.from);
      const to = parseTimeOfDay(iv.to);
      return { from, to: to > from ? to : 1440 };
    };
    for (const c of dataset.clinics.filter((x) => !x.roundTheClock)) {
      for (const s of c.specialties) {
        for (const iv of s.schedule) {
          const r = minutes(iv);
          const open = c.hours.filter((h) => h.day === iv.day).map(minutes);
          expect(open.some((o) => o.from <= r.from && r.to <= o.to)).toBe(true);
        }
      }
    }
  });

  it('phones carry the town area code (Kaluga 4842)', () => {
    const kaluga = dataset.clinics.filter((c) => c.townId === 'kaluga' && c.ownership === 'state');
    expect(kaluga.length).toBeGreaterThan(0);
    for (const c of kaluga) expect(c.phone).toMatch(/^\+74842\d{6}$/);
  });
});

describe('files', () => {
  it('the same seed gives byte-identical files; another seed does not', async () => {
    const read = (dir: string, f: string) => readFile(join(dir, f));
    await writeScaleDataset(join(tmp, 'a'), generateScaleDataset({ clinics: 1500, seed: 3 }));
    await writeScaleDataset(join(tmp, 'b'), generateScaleDataset({ clinics: 1500, seed: 3 }));
    await writeScaleDataset(join(tmp, 'c'), generateScaleDataset({ clinics: 1500, seed: 4 }));
    for (const f of ['towns.json', 'clinics.json', 'specialties.json']) {
      expect((await read(join(tmp, 'a'), f)).equals(await read(join(tmp, 'b'), f))).toBe(true);
    }
    expect((await read(join(tmp, 'a'), 'clinics.json')).equals(await read(join(tmp, 'c'), 'clinics.json'))).toBe(false);
    const parsed = JSON.parse(await readFile(join(tmp, 'a', 'clinics.json'), 'utf8')) as unknown[];
    expect(parsed).toHaveLength(1500);
  });
});
