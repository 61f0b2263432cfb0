import { localTimeIn } from '../opening-hours';
import { districtKey } from './index-core-build';
import type { IndexState, OverlayDoc } from './index-state';
import { minuteOfWeek, rangesCover } from './opening-intervals';
import type { SearchQuery } from './search-types';
import { FLAG_COMMERCIAL, FLAG_ROUND_THE_CLOCK } from './index-core-types';

// Column reads use `!`: slots are below the slot count every per-slot column is sized to, and offsets come
// from CSR arrays of matching length.

/** A query's filters resolved to ordinals once, so the per-clinic test is a few integer comparisons. */
export type CompiledFilter = {
  readonly impossible: boolean;
  readonly town: number;
  readonly district: number;
  /** -1 any, else the expected FLAG_COMMERCIAL bit value. */
  readonly commercial: number;
  readonly roundTheClock: boolean;
  readonly spec: number;
  readonly minRating: number;
  /** Tag of this query's open-now memo entries (see `IndexState.openStamp`). */
  readonly openEpoch: number;
  /** Minute of week per time zone ordinal at `openAt`; null without `openAt`. */
  readonly zoneMinute: Int32Array | null;
};

const zoneMinuteCache = new Map<string, { readonly minuteKey: number; readonly minute: number }>();

/** Local minute of week in a zone, one Intl call per zone per distinct minute (offsets are whole minutes). */
function zoneMinuteAt(zone: string, at: Date): number {
  const minuteKey = Math.floor(at.getTime() / 60_000);
  const hit = zoneMinuteCache.get(zone);
  if (hit && hit.minuteKey === minuteKey) return hit.minute;
  const t = localTimeIn(zone, at);
  const minute = minuteOfWeek(t.weekday, t.minutes);
  zoneMinuteCache.set(zone, { minuteKey, minute });
  return minute;
}

export function compileFilter(state: IndexState, q: SearchQuery): CompiledFilter {
  let impossible = false;
  const ord = (map: Map<string, number>, key: string | undefined): number => {
    if (key === undefined || key === '') return -1;
    const o = map.get(key);
    if (o === undefined) impossible = true;
    return o ?? -1;
  };
  const town = ord(state.townOrd, q.townId);
  const district = q.townId && q.districtId ? ord(state.districtOrd, districtKey(q.townId, q.districtId)) : -1;
  const spec = ord(state.specOrd, q.specialtyCode);
  let zoneMinute: Int32Array | null = null;
  if (q.openAt) {
    const at = q.openAt;
    zoneMinute = Int32Array.from(state.timeZones, (z) => zoneMinuteAt(z, at));
  }
  return {
    impossible,
    town,
    district,
    commercial: q.ownership === undefined ? -1 : q.ownership === 'commercial' ? FLAG_COMMERCIAL : 0,
    roundTheClock: q.roundTheClockOnly === true,
    spec,
    minRating: q.minRating ?? NaN,
    zoneMinute,
    openEpoch: zoneMinute ? state.nextOpenEpoch() : 0,
  };
}

/** No filter at all: every live clinic passes. */
export function isTrivial(f: CompiledFilter): boolean {
  return (
    f.town < 0 &&
    f.district < 0 &&
    f.commercial < 0 &&
    !f.roundTheClock &&
    f.spec < 0 &&
    Number.isNaN(f.minRating) &&
    f.zoneMinute === null
  );
}

function hasSpec(specs: Uint16Array, from: number, to: number, spec: number): boolean {
  for (let k = from; k < to; k++) if (specs[k] === spec) return true;
  return false;
}

/** Filters of one base slot (tombstones included). */
export function basePasses(state: IndexState, f: CompiledFilter, slot: number): boolean {
  const c = state.core;
  if (!state.alive[slot]) return false;
  if (f.town >= 0 && c.town[slot] !== f.town) return false;
  if (f.district >= 0 && c.district[slot] !== f.district) return false;
  const flags = c.flags[slot]!;
  if (f.commercial >= 0 && (flags & FLAG_COMMERCIAL) !== f.commercial) return false;
  if (f.roundTheClock && !(flags & FLAG_ROUND_THE_CLOCK)) return false;
  if (f.minRating === f.minRating && !(c.rating[slot]! >= f.minRating)) return false;
  if (f.spec >= 0 && !hasSpec(c.specs, c.specOff[slot]!, c.specOff[slot + 1]!, f.spec)) return false;
  if (f.zoneMinute && !(flags & FLAG_ROUND_THE_CLOCK)) {
    // Judged once per (hours pattern, time zone) per query: thousands of clinics share a schedule.
    const zone = state.townZone[c.town[slot]!]!;
    const pattern = c.hoursPattern[slot]!;
    const key = pattern * c.timeZones.length + zone;
    if (state.openStamp[key] !== f.openEpoch) {
      state.openStamp[key] = f.openEpoch;
      const open = rangesCover(c.hours, c.hoursOff[pattern]!, c.hoursOff[pattern + 1]!, f.zoneMinute[zone]!);
      state.openValue[key] = open ? 1 : 0;
    }
    if (!state.openValue[key]) return false;
  }
  return true;
}

export function overlayPasses(state: IndexState, f: CompiledFilter, d: OverlayDoc): boolean {
  if (!d.alive) return false;
  if (f.town >= 0 && d.town !== f.town) return false;
  if (f.district >= 0 && d.district !== f.district) return false;
  if (f.commercial >= 0 && (d.flags & FLAG_COMMERCIAL) !== f.commercial) return false;
  if (f.roundTheClock && !(d.flags & FLAG_ROUND_THE_CLOCK)) return false;
  if (f.minRating === f.minRating && !(d.rating >= f.minRating)) return false;
  if (f.spec >= 0 && !hasSpec(d.specs, 0, d.specs.length, f.spec)) return false;
  if (f.zoneMinute && !(d.flags & FLAG_ROUND_THE_CLOCK)) {
    const minute = f.zoneMinute[state.townZone[d.town]!]!;
    if (!rangesCover(d.hours, 0, d.hours.length, minute)) return false;
  }
  return true;
}
