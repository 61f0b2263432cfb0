import { stemRussian } from './russian-stemmer';
import { specialtyPhraseSynonyms } from './specialty-synonyms';
import { isNoiseWord, tokeniseSearchText } from './text-normalise';

/** One AND-ed unit of a query: a word to match against the vocabulary, or specialty codes a phrase stood for. */
export type QueryToken =
  | { readonly kind: 'word'; readonly word: string; readonly isPrefix: boolean }
  | { readonly kind: 'specialties'; readonly codes: readonly string[] };

type Phrase = {
  readonly words: readonly string[];
  readonly stems: readonly string[];
  readonly codes: readonly string[];
};

const PHRASES: readonly Phrase[] = specialtyPhraseSynonyms.map((p) => {
  const words = tokeniseSearchText(p.words);
  return { words, stems: words.map(stemRussian), codes: p.codes };
});

/** A phrase word matches a typed word by stem, or as its completion when that word is still being typed. */
function phraseWordMatches(phrase: Phrase, k: number, typed: string, stem: string, isPrefix: boolean): boolean {
  if (phrase.stems[k] === stem) return true;
  return isPrefix && typed.length >= 2 && (phrase.words[k] ?? '').startsWith(typed);
}

/**
 * Splits query text into tokens. The last word counts as being typed (prefix-matched) unless the text ends with a
 * separator. Known phrases become specialty tokens; noise words are dropped unless nothing else is left.
 */
export function planQuery(text: string): QueryToken[] {
  const words = tokeniseSearchText(text);
  const lastIsPrefix = words.length > 0 && /[\p{L}\p{N}]$/u.test(text);
  const stems = words.map(stemRussian);
  const tokens: QueryToken[] = [];
  const noise: QueryToken[] = [];
  let i = 0;
  outer: while (i < words.length) {
    for (const phrase of PHRASES) {
      const len = phrase.words.length;
      if (i + len > words.length) continue;
      let all = true;
      for (let k = 0; k < len && all; k++) {
        const at = i + k;
        const isPrefix = lastIsPrefix && at === words.length - 1;
        all = phraseWordMatches(phrase, k, words[at] ?? '', stems[at] ?? '', isPrefix);
      }
      if (all) {
        tokens.push({ kind: 'specialties', codes: phrase.codes });
        i += len;
        continue outer;
      }
    }
    const word = words[i] ?? '';
    const token: QueryToken = { kind: 'word', word, isPrefix: lastIsPrefix && i === words.length - 1 };
    (isNoiseWord(word) ? noise : tokens).push(token);
    i++;
  }
  return tokens.length > 0 ? tokens : noise;
}
