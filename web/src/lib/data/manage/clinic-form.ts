import {
  DEFAULT_SLOT_MINUTES,
  type Clinic,
  type ClinicDraft,
  type ClinicFieldProblem,
  type Ownership,
  type Town,
} from '@poisklinik/shared';

/** One weekday of the editor: closed, or open from–to ("HH:MM" typed by hand, so 24:00 can be said). */
export type DayRowForm = { day: number; open: boolean; from: string; to: string };

export type SpecialtyForm = {
  /** Stable key for the UI list: codes may be empty or repeated while the manager edits. */
  key: string;
  code: string;
  slotMinutes: number | null;
  days: DayRowForm[];
};

/** The editor's state: what inputs hold, which may not yet be a valid draft (empty numbers, bad times). */
export type ClinicForm = {
  name: string;
  address: string;
  lat: number | null;
  lon: number | null;
  townId: string;
  districtId: string;
  phone: string;
  site: string;
  ownership: Ownership;
  roundTheClock: boolean;
  hours: DayRowForm[];
  specialties: SpecialtyForm[];
};

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

let keys = 0;
function nextKey(): string {
  return `s${++keys}`;
}

/** Seven rows, Monday first; a day with several stored rows shows its first (the editor keeps one per day). */
function dayRows(
  intervals: readonly { day: number; from: string; to: string }[],
  openDefault?: DayRowForm,
): DayRowForm[] {
  return WEEKDAYS.map((day) => {
    const row = intervals.find((i) => i.day === day);
    if (row) return { day, open: true, from: row.from, to: row.to };
    return { day, open: false, from: openDefault?.from ?? '09:00', to: openDefault?.to ?? '18:00' };
  });
}

export function emptySpecialty(): SpecialtyForm {
  return { key: nextKey(), code: '', slotMinutes: DEFAULT_SLOT_MINUTES, days: dayRows([]) };
}

/** The editor's start: a stored clinic, or a new one placed at its town's centre. */
export function formFromClinic(clinic: Clinic | null, town?: Pick<Town, 'id' | 'location'>): ClinicForm {
  if (!clinic) {
    return {
      name: '',
      address: '',
      lat: town?.location.lat ?? null,
      lon: town?.location.lon ?? null,
      townId: town?.id ?? '',
      districtId: '',
      phone: '',
      site: '',
      ownership: 'state',
      roundTheClock: false,
      hours: dayRows(WEEKDAYS.slice(0, 5).map((day) => ({ day, from: '08:00', to: '20:00' }))),
      specialties: [],
    };
  }
  return {
    name: clinic.name,
    address: clinic.address,
    lat: clinic.location.lat,
    lon: clinic.location.lon,
    townId: clinic.townId,
    districtId: clinic.districtId,
    phone: clinic.phone,
    site: clinic.site,
    ownership: clinic.ownership,
    roundTheClock: clinic.roundTheClock,
    hours: dayRows(clinic.hours),
    specialties: clinic.specialties.map((s) => ({
      key: nextKey(),
      code: s.code,
      slotMinutes: s.slotMinutes ?? DEFAULT_SLOT_MINUTES,
      days: dayRows(s.schedule),
    })),
  };
}

function openRows(rows: readonly DayRowForm[]): { day: number; from: string; to: string }[] {
  return rows.filter((r) => r.open).map((r) => ({ day: r.day, from: r.from.trim(), to: r.to.trim() }));
}

/** The draft the form stands for: what is sent and what the shared rules check. */
export function draftFromForm(form: ClinicForm): ClinicDraft {
  return {
    name: form.name,
    address: form.address,
    location: { lat: form.lat ?? Number.NaN, lon: form.lon ?? Number.NaN },
    townId: form.townId,
    districtId: form.districtId,
    phone: form.phone,
    site: form.site,
    ownership: form.ownership,
    roundTheClock: form.roundTheClock,
    hours: openRows(form.hours),
    specialties: form.specialties.map((s) => ({
      code: s.code,
      schedule: openRows(s.days),
      ...(s.slotMinutes === null ? {} : { slotMinutes: s.slotMinutes }),
    })),
  };
}

function finite(value: number | null, limit: number): boolean {
  return value !== null && Number.isFinite(value) && Math.abs(value) <= limit;
}

/**
 * What the shape-checking JSON Schema would refuse but an input can hold: empty or out-of-range numbers, times that
 * are not "HH:MM". The shared rules assume a well-formed draft, so these are checked first.
 */
export function formShapeProblems(form: ClinicForm): ClinicFieldProblem[] {
  const problems: ClinicFieldProblem[] = [];
  if (form.name.trim().length > 200) problems.push({ field: '/name', reason: 'too long' });
  if (form.address.trim().length > 300) problems.push({ field: '/address', reason: 'too long' });
  if (!finite(form.lat, 90) || !finite(form.lon, 180)) problems.push({ field: '/location/lat', reason: 'not numbers' });
  const times = (rows: DayRowForm[], pointer: string) =>
    openRows(rows).forEach((row, i) => {
      if (!TIME.test(row.from)) problems.push({ field: `${pointer}/${i}/from`, reason: 'not HH:MM' });
      else if (!TIME.test(row.to)) problems.push({ field: `${pointer}/${i}/to`, reason: 'not HH:MM' });
    });
  if (!form.roundTheClock) times(form.hours, '/hours');
  form.specialties.forEach((s, i) => {
    const slot = s.slotMinutes;
    if (slot !== null && (!Number.isInteger(slot) || slot < 5 || slot > 240))
      problems.push({ field: `/specialties/${i}/slotMinutes`, reason: 'out of range' });
    times(s.days, `/specialties/${i}/schedule`);
  });
  return problems;
}

/**
 * Where in the form a problem belongs. Pointers index the draft's arrays, which hold open days only, so an hours
 * row is found by its weekday: "/hours/2/to" of a draft open Mon, Wed, Fri is Friday's row.
 */
export function formKeyOf(field: string, draft: ClinicDraft): string {
  const parts = field.split('/').slice(1);
  const [top, index, sub, rowIndex] = parts;
  const i = Number(index);
  if (top === 'location') return 'location';
  if (top === 'hours') {
    const day = draft.hours[i]?.day;
    return day === undefined ? 'hours' : `hours.${day}`;
  }
  if (top === 'specialties' && Number.isInteger(i)) {
    if (sub === 'schedule') {
      const day = draft.specialties[i]?.schedule[Number(rowIndex)]?.day;
      return day === undefined ? `specialties.${i}.code` : `specialties.${i}.days.${day}`;
    }
    return sub === 'slotMinutes' ? `specialties.${i}.slotMinutes` : `specialties.${i}.code`;
  }
  return top ?? 'form';
}

/** Problems by form key, the first problem of each key kept (the one the manager should fix first). */
export function problemsByKey(
  problems: readonly ClinicFieldProblem[],
  draft: ClinicDraft,
): Map<string, ClinicFieldProblem> {
  const byKey = new Map<string, ClinicFieldProblem>();
  for (const problem of problems) {
    const key = formKeyOf(problem.field, draft);
    if (!byKey.has(key)) byKey.set(key, problem);
  }
  return byKey;
}

/** A UUID v4 for a new clinic (like the demo ids); getRandomValues also works where randomUUID does not (plain http). */
export function newClinicId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
