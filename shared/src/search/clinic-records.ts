import type { Specialty } from '../specialty.schema';
import type { Town } from '../town.schema';
import { encodeWeeklyHours } from './opening-intervals';
import { stemRussian } from './russian-stemmer';
import { specialtyWordSynonyms } from './specialty-synonyms';
import type { ClinicLike } from './search-types';
import {
  FIELD_ADDRESS,
  FIELD_NAME,
  FIELD_PLACE,
  FLAG_COMMERCIAL,
  FLAG_ROUND_THE_CLOCK,
  type IndexTown,
} from './index-core-types';
import { isNoiseWord, tokeniseSearchText } from './text-normalise';

/**
 * Term strings ↔ provisional ids while records are made, so the columnar build works on integers and hashes each
 * word once per clinic instead of again per array it fills.
 */
export class Lexicon {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Unstemmed word → id of its stem: one hash lookup per word of clinic text instead of two. */
  private readonly wordIds = new Map<string, number>();

  constructor(seed: readonly string[] = []) {
    for (const term of seed) this.id(term);
  }

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  idOfWord(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.id(memoStem(word));
      this.wordIds.set(word, id);
    }
    return id;
  }
}

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
  /** Distinct lexicon ids of the clinic's stems, with the field bits where each occurs. */
  readonly termIds: readonly number[];
  readonly termFields: readonly number[];
  readonly specCodes: readonly string[];
};

export type SpecRecord = { readonly code: string; readonly termIds: readonly number[] };

/**
 * Stems memoised per word: a country's clinic texts repeat a few tens of thousands of distinct words a million
 * times, so the build stems each once. Bounded so a long-lived page does not grow it without end.
 */
const stemMemo = new Map<string, string>();
const STEM_MEMO_LIMIT = 200_000;

function memoStem(word: string): string {
  let stem = stemMemo.get(word);
  if (stem === undefined) {
    if (stemMemo.size >= STEM_MEMO_LIMIT) stemMemo.clear();
    stem = stemRussian(word);
    stemMemo.set(word, stem);
  }
  return stem;
}

/** Stems of a text's words; noise words ("врач", "по") are dropped when asked. */
export function stemWords(text: string, dropNoise: boolean): string[] {
  const out: string[] = [];
  for (const word of tokeniseSearchText(text)) {
    if (dropNoise && isNoiseWord(word)) continue;
    out.push(memoStem(word));
  }
  return out;
}

type TermSink = { readonly lex: Lexicon; readonly ids: number[]; readonly fields: number[] };

function addTerms(sink: TermSink, text: string, field: number): void {
  for (const word of tokeniseSearchText(text)) addId(sink, sink.lex.idOfWord(word), field);
}

function addStems(sink: TermSink, stems: readonly string[], field: number): void {
  for (const stem of stems) addId(sink, sink.lex.id(stem), field);
}

function addId(sink: TermSink, id: number, field: number): void {
  const at = sink.ids.indexOf(id); // a clinic has a dozen or two words: a scan beats a Map per clinic
  if (at < 0) {
    sink.ids.push(id);
    sink.fields.push(field);
  } else {
    sink.fields[at] = (sink.fields[at] ?? 0) | field;
  }
}

/** Town lookup for names (indexed as the clinic's place words) and time zones. */
export type PlaceBook = ReadonlyMap<string, IndexTown>;

export function placeBook(towns: readonly IndexTown[]): PlaceBook {
  return new Map(towns.map((t) => [t.id, t]));
}

/**
 * Stems of a town's and district's names, memoised per place book (town → district → stems, no key strings):
 * every clinic of a town repeats them.
 */
const placeStemMemo = new WeakMap<PlaceBook, Map<string, Map<string, readonly string[]>>>();

function placeStems(places: PlaceBook, townId: string, districtId: string): readonly string[] {
  let byTown = placeStemMemo.get(places);
  if (!byTown) placeStemMemo.set(places, (byTown = new Map<string, Map<string, readonly string[]>>()));
  let byDistrict = byTown.get(townId);
  if (!byDistrict) byTown.set(townId, (byDistrict = new Map<string, readonly string[]>()));
  let stems = byDistrict.get(districtId);
  if (!stems) {
    const town = places.get(townId);
    const district = town?.districts.find((d) => d.id === districtId);
    stems = town ? stemWords(`${town.name} ${district?.name ?? ''}`, false) : [];
    byDistrict.set(districtId, stems);
  }
  return stems;
}

/** Distinct specialty codes of a clinic, without the Set and intermediate arrays (this runs 100k times). */
function distinctCodes(clinic: ClinicLike): string[] {
  const codes: string[] = [];
  for (const s of clinic.specialties) if (!codes.includes(s.code)) codes.push(s.code);
  return codes;
}

export function indexTownOf(town: Town): IndexTown {
  return {
    id: town.id,
    name: town.name,
    timezone: town.timezone,
    districts: town.districts.map((d) => ({ id: d.id, name: d.name })),
  };
}

export function clinicRecord(clinic: ClinicLike, places: PlaceBook, lex: Lexicon): DocRecord {
  const terms: TermSink = { lex, ids: [], fields: [] };
  addTerms(terms, clinic.name, FIELD_NAME);
  addTerms(terms, clinic.address, FIELD_ADDRESS);
  addStems(terms, placeStems(places, clinic.townId, clinic.districtId), FIELD_PLACE);
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
    termIds: terms.ids,
    termFields: terms.fields,
    specCodes: distinctCodes(clinic),
  };
}

/** Searchable words of each specialty: its name, its doctor title and the everyday synonyms for its code. */
export function specialtyRecords(specialties: readonly Specialty[], lex: Lexicon): SpecRecord[] {
  const extra = new Map<string, string[]>();
  for (const synonym of specialtyWordSynonyms) {
    for (const code of synonym.codes) extra.set(code, [...(extra.get(code) ?? []), synonym.words]);
  }
  return specialties.map((s) => {
    const texts = [s.name, s.doctorTitle, ...(extra.get(s.id) ?? [])];
    const stems = new Set(texts.flatMap((t) => stemWords(t, true)));
    return { code: s.id, termIds: Array.from(stems, (t) => lex.id(t)) };
  });
}
