import { normaliseRussianPhone } from '../account/account-rules';
import type { Clinic, WeeklyInterval } from '../clinic.schema';
import { distanceMetres, type GeoPoint } from '../geo';
import { parseTimeOfDay } from '../opening-hours';
import type { District } from '../town.schema';
import { CLINIC_MAX_DISTANCE_FROM_TOWN_KM, type ClinicDraft, type ClinicFieldProblem } from './clinic-draft.schema';

/** What the rules need to know about the draft's town (the caller looks it up by `draft.townId`). */
export type ClinicRulesTown = {
  readonly id: string;
  readonly location: GeoPoint;
  readonly districts: readonly Pick<District, 'id'>[];
};

export type ClinicRulesContext = {
  /** The town named by `draft.townId`, or undefined when no such town exists. */
  readonly town: ClinicRulesTown | undefined;
  /** Codes of the specialties catalogue. */
  readonly specialtyCodes: ReadonlySet<string>;
};

const SITE_PATTERN = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/i;

/**
 * Weekly rows that may be saved: one row per day, and each row a non-empty interval inside that day. Overnight rows
 * (20:00–08:00), which the opening-hours reader understands for imported data, are refused here: an editor writes
 * the two days' parts as two rows, and an equal from/to is better said by leaving the day out.
 */
function weeklyProblems(rows: readonly WeeklyInterval[], pointer: string): ClinicFieldProblem[] {
  const problems: ClinicFieldProblem[] = [];
  const seenDays = new Set<number>();
  rows.forEach((row, i) => {
    if (seenDays.has(row.day))
      problems.push({ field: `${pointer}/${i}/day`, reason: `day ${row.day} has more than one row` });
    seenDays.add(row.day);
    if (row.from === '24:00') problems.push({ field: `${pointer}/${i}/from`, reason: '24:00 may only end a day' });
    else if (parseTimeOfDay(row.from) >= parseTimeOfDay(row.to))
      problems.push({ field: `${pointer}/${i}/to`, reason: `closing time ${row.to} is not after ${row.from}` });
  });
  return problems;
}

function placeProblems(draft: ClinicDraft, town: ClinicRulesTown | undefined): ClinicFieldProblem[] {
  if (town === undefined) return [{ field: '/townId', reason: `unknown town ${draft.townId}` }];
  const problems: ClinicFieldProblem[] = [];
  if (draft.districtId !== '' && !town.districts.some((d) => d.id === draft.districtId))
    problems.push({ field: '/districtId', reason: `district ${draft.districtId} is not in town ${town.id}` });
  const km = distanceMetres(draft.location, town.location) / 1000;
  if (km > CLINIC_MAX_DISTANCE_FROM_TOWN_KM)
    problems.push({
      field: '/location',
      reason: `the point is ${Math.round(km)} km from the town centre (at most ${CLINIC_MAX_DISTANCE_FROM_TOWN_KM} km)`,
    });
  return problems;
}

function specialtyProblems(draft: ClinicDraft, codes: ReadonlySet<string>): ClinicFieldProblem[] {
  const problems: ClinicFieldProblem[] = [];
  const seen = new Set<string>();
  draft.specialties.forEach((s, i) => {
    if (!codes.has(s.code)) problems.push({ field: `/specialties/${i}/code`, reason: `unknown specialty ${s.code}` });
    else if (seen.has(s.code))
      problems.push({ field: `/specialties/${i}/code`, reason: `specialty ${s.code} is listed twice` });
    seen.add(s.code);
    problems.push(...weeklyProblems(s.schedule, `/specialties/${i}/schedule`));
  });
  return problems;
}

/**
 * Every rule of issue 6 a schema cannot say, in field order (the first one is what the server answers). The draft
 * must already match `clinicDraftSchema`; the web runs the same function before sending.
 */
export function clinicDraftProblems(draft: ClinicDraft, ctx: ClinicRulesContext): ClinicFieldProblem[] {
  const problems: ClinicFieldProblem[] = [];
  if (draft.name.trim() === '') problems.push({ field: '/name', reason: 'the name is empty' });
  if (draft.address.trim() === '') problems.push({ field: '/address', reason: 'the address is empty' });
  problems.push(...placeProblems(draft, ctx.town));
  if (draft.phone.trim() !== '' && normaliseRussianPhone(draft.phone) === null)
    problems.push({ field: '/phone', reason: 'not a Russian phone number' });
  const site = draft.site.trim();
  if (site !== '' && !SITE_PATTERN.test(site))
    problems.push({ field: '/site', reason: 'the site must be an http(s) address' });
  // Hours are kept but not read while the clinic is round the clock, so they need not be checked then.
  if (!draft.roundTheClock) problems.push(...weeklyProblems(draft.hours, '/hours'));
  problems.push(...specialtyProblems(draft, ctx.specialtyCodes));
  return problems;
}

/**
 * The clinic to store for a draft that passed `clinicDraftProblems`: trimmed text, normalised phone, rows in day
 * order. Server-owned fields come from the caller (`rating`/`reviewCount` of the stored clinic, if any).
 */
export function clinicFromDraft(
  id: string,
  draft: ClinicDraft,
  serverOwned: Pick<Clinic, 'updatedAt' | 'rating' | 'reviewCount'>,
): Clinic {
  const byDay = (a: WeeklyInterval, b: WeeklyInterval): number => a.day - b.day;
  const phone = draft.phone.trim() === '' ? '' : (normaliseRussianPhone(draft.phone) ?? '');
  return {
    id,
    name: draft.name.trim(),
    address: draft.address.trim(),
    location: { lat: draft.location.lat, lon: draft.location.lon },
    townId: draft.townId,
    districtId: draft.districtId,
    phone,
    site: draft.site.trim(),
    ownership: draft.ownership,
    roundTheClock: draft.roundTheClock,
    hours: [...draft.hours].sort(byDay),
    specialties: draft.specialties.map((s) => ({
      code: s.code,
      schedule: [...s.schedule].sort(byDay),
      ...(s.slotMinutes === undefined ? {} : { slotMinutes: s.slotMinutes }),
    })),
    ...(serverOwned.rating === undefined ? {} : { rating: serverOwned.rating }),
    ...(serverOwned.reviewCount === undefined ? {} : { reviewCount: serverOwned.reviewCount }),
    updatedAt: serverOwned.updatedAt,
  };
}

/** The draft an editor starts from for a stored clinic (what `clinicFromDraft` would turn back into it). */
export function draftFromClinic(clinic: Clinic): ClinicDraft {
  const { id: _id, updatedAt: _updatedAt, rating: _rating, reviewCount: _reviewCount, ...draft } = clinic;
  return draft;
}
