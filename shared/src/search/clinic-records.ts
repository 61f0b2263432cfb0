import type { Specialty } from '../specialty.schema';
import type { Town } from '../town.schema';
import { encodeWeeklyHours } from './opening-intervals';
import { stemRussian } from './russian-stemmer';
import { specialtyWordSynonyms } from './specialty-synonyms';
import {
  FIELD_ADDRESS,
  FIELD_NAME,
  FIELD_PLACE,
  FLAG_COMMERCIAL,
  FLAG_ROUND_THE_CLOCK,
  type ClinicLike,
  type IndexTown,
} from './search-types';
import { isNoiseWord, tokeniseSearchText } from './text-normalise';

/** One clinic reduced to what the index stores, words already stemmed: the input of the columnar build. */
export type DocRecord = {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly flags: number;
  readonly townId: string;
  readonly districtId: string;
  /** NaN when unknown. */
  readonly rating: number;
  /** Flat minute-of-week [start, end) pairs. */
  readonly hours: readonly number[];
  /** Stem → field bits. */
  readonly terms: ReadonlyMap<string, number>;
  readonly specCodes: readonly string[];
};

export type SpecRecord = { readonly code: string; readonly terms: readonly string[] };

/** Stems of a text's words; noise words ("врач", "по") are dropped when asked. */
export function stemWords(text: string, dropNoise: boolean): string[] {
  const out: string[] = [];
  for (const word of tokeniseSearchText(text)) {
    if (dropNoise && isNoiseWord(word)) continue;
    out.push(stemRussian(word));
  }
  return out;
}

function addTerms(terms: Map<string, number>, text: string, field: number): void {
  for (const stem of stemWords(text, false)) terms.set(stem, (terms.get(stem) ?? 0) | field);
}

/** Town lookup for names (indexed as the clinic's place words) and time zones. */
export type PlaceBook = ReadonlyMap<string, IndexTown>;

export function placeBook(towns: readonly IndexTown[]): PlaceBook {
  return new Map(towns.map((t) => [t.id, t]));
}

export function indexTownOf(town: Town): IndexTown {
  return {
    id: town.id,
    name: town.name,
    timezone: town.timezone,
    districts: town.districts.map((d) => ({ id: d.id, name: d.name })),
  };
}

export function clinicRecord(clinic: ClinicLike, places: PlaceBook): DocRecord {
  const terms = new Map<string, number>();
  addTerms(terms, clinic.name, FIELD_NAME);
  addTerms(terms, clinic.address, FIELD_ADDRESS);
  const town = places.get(clinic.townId);
  if (town) {
    addTerms(terms, town.name, FIELD_PLACE);
    const district = town.districts.find((d) => d.id === clinic.districtId);
    if (district) addTerms(terms, district.name, FIELD_PLACE);
  }
  const rating = clinic.rating;
  return {
    id: clinic.id,
    lat: clinic.location.lat,
    lon: clinic.location.lon,
    flags:
      (clinic.ownership === 'commercial' ? FLAG_COMMERCIAL : 0) | (clinic.roundTheClock ? FLAG_ROUND_THE_CLOCK : 0),
    townId: clinic.townId,
    districtId: clinic.districtId,
    rating: typeof rating === 'number' && Number.isFinite(rating) ? rating : NaN,
    // Hours are ignored round the clock (schema rule), so they are not stored either.
    hours: clinic.roundTheClock ? [] : encodeWeeklyHours(clinic.hours),
    terms,
    specCodes: [...new Set(clinic.specialties.map((s) => s.code))],
  };
}

/** Searchable words of each specialty: its name, its doctor title and the everyday synonyms for its code. */
export function specialtyRecords(specialties: readonly Specialty[]): SpecRecord[] {
  const extra = new Map<string, string[]>();
  for (const synonym of specialtyWordSynonyms) {
    for (const code of synonym.codes) extra.set(code, [...(extra.get(code) ?? []), synonym.words]);
  }
  return specialties.map((s) => {
    const texts = [s.name, s.doctorTitle, ...(extra.get(s.id) ?? [])];
    return { code: s.id, terms: [...new Set(texts.flatMap((t) => stemWords(t, true)))] };
  });
}
