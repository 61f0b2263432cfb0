/**
 * Russian stemmer following the Snowball Russian algorithm (M. Porter's description): endings are removed only
 * inside RV (the part after the first vowel), derivational "ост/ость" only inside R2. Written from the
 * algorithm's description; input must already be lower-case with ё folded to е.
 */

const VOWELS = 'аеиоуыэюя';
const isVowel = (ch: string | undefined): boolean => ch !== undefined && VOWELS.includes(ch);

// Group 1 endings count only after "а" or "я" (which stay); group 2 endings stand alone.
const PERFECTIVE_GERUND_1 = ['вшись', 'вши', 'в'];
const PERFECTIVE_GERUND_2 = ['ившись', 'ывшись', 'ивши', 'ывши', 'ив', 'ыв'];
const ADJECTIVE = [
  'ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом',
  'его', 'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею',
]; // prettier-ignore
const PARTICIPLE_1 = ['ем', 'нн', 'вш', 'ющ', 'щ'];
const PARTICIPLE_2 = ['ивш', 'ывш', 'ующ'];
const REFLEXIVE = ['ся', 'сь'];
const VERB_1 = ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'];
const VERB_2 = [
  'ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен',
  'ило', 'ыло', 'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю',
]; // prettier-ignore
const NOUN = [
  'а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й',
  'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я',
]; // prettier-ignore
const SUPERLATIVE = ['ейше', 'ейш'];
const DERIVATIONAL = ['ость', 'ост'];

/** Longest ending of `word` from `endings` lying wholly at or after `start`; '' when none. */
function longestEnding(word: string, start: number, endings: readonly string[]): string {
  let best = '';
  for (const e of endings) {
    if (e.length > best.length && word.length - e.length >= start && word.endsWith(e)) best = e;
  }
  return best;
}

/**
 * Removes the longest ending of a two-group class (group 1 needs a preceding "а"/"я" inside the region) and
 * returns the shortened word, or null when the class does not apply. As in Snowball, the longest matching ending
 * decides: when it is a group-1 ending without its "а"/"я", the class fails rather than trying a shorter one.
 */
function removeGrouped(word: string, start: number, group1: readonly string[], group2: readonly string[]) {
  const e1 = longestEnding(word, start, group1);
  const e2 = longestEnding(word, start, group2);
  if (e1 === '' && e2 === '') return null;
  if (e2.length >= e1.length) return word.slice(0, word.length - e2.length);
  const before = word.length - e1.length - 1;
  const ch = word[before];
  if (before >= start && (ch === 'а' || ch === 'я')) return word.slice(0, word.length - e1.length);
  return null;
}

function removeSimple(word: string, start: number, endings: readonly string[]): string | null {
  const e = longestEnding(word, start, endings);
  return e === '' ? null : word.slice(0, word.length - e.length);
}

/** Start of the region after the first vowel-then-consonant pair at or after `from` (R1/R2 definition). */
function regionAfterVowelConsonant(word: string, from: number): number {
  for (let i = from + 1; i < word.length; i++) {
    if (!isVowel(word[i]) && isVowel(word[i - 1])) return i + 1;
  }
  return word.length;
}

export function stemRussian(word: string): string {
  let rv = word.length;
  for (let i = 0; i < word.length; i++) {
    if (isVowel(word[i])) {
      rv = i + 1;
      break;
    }
  }
  if (rv >= word.length) return word;
  const r1 = regionAfterVowelConsonant(word, 0);
  const r2 = regionAfterVowelConsonant(word, r1);

  // Step 1: perfective gerund, else (reflexive, then adjectival | verb | noun).
  let w = removeGrouped(word, rv, PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2);
  if (w === null) {
    w = removeSimple(word, rv, REFLEXIVE) ?? word;
    const adjective = removeSimple(w, rv, ADJECTIVE);
    if (adjective !== null) {
      w = removeGrouped(adjective, rv, PARTICIPLE_1, PARTICIPLE_2) ?? adjective;
    } else {
      w = removeGrouped(w, rv, VERB_1, VERB_2) ?? removeSimple(w, rv, NOUN) ?? w;
    }
  }
  // Step 2.
  if (w.length > rv && w.endsWith('и')) w = w.slice(0, -1);
  // Step 3: derivational ending, entirely inside R2.
  w = removeSimple(w, r2, DERIVATIONAL) ?? w;
  // Step 4: undouble н, or superlative then undouble, or drop a soft sign.
  if (w.length - 2 >= rv && w.endsWith('нн')) {
    w = w.slice(0, -1);
  } else {
    const superlative = removeSimple(w, rv, SUPERLATIVE);
    if (superlative !== null) {
      w = superlative;
      if (w.length - 2 >= rv && w.endsWith('нн')) w = w.slice(0, -1);
    } else if (w.length > rv && w.endsWith('ь')) {
      w = w.slice(0, -1);
    }
  }
  return w;
}

/**
 * Adjective-forming suffixes stripped to reach a word's root, so the adjective stem "стоматологическ" meets the
 * noun stem "стоматолог", "глазн" meets "глаз" and "медицинск" meets "медицин". Snowball stops short of this
 * on purpose (it would conflate too much for general text); for clinic search the recall is what people expect.
 */
const DERIVATIONAL_SUFFIXES = ['ическ', 'ск', 'н'];
const MIN_ROOT_LENGTH = 3;

export function derivationalRoot(stem: string): string {
  for (const suffix of DERIVATIONAL_SUFFIXES) {
    const rootLength = stem.length - suffix.length;
    if (!stem.endsWith(suffix) || rootLength < MIN_ROOT_LENGTH) continue;
    // A bare "н" is a suffix only after a consonant ("зубн", "глазн"); after a vowel it is part of the root
    // ("вагон", "ленин").
    if (suffix === 'н' && isVowel(stem[rootLength - 1])) continue;
    return stem.slice(0, rootLength);
  }
  return stem;
}
