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
 * A query as AND-ed tokens, plus, when a phrase was read as specialties, the same words taken literally: a clinic
 * named "Женская консультация № 2" must be found even if its specialty list lacks the code. Phrases containing a
 * noise word get no literal reading ("детский врач" literally is just "детский", every children's clinic).
 */
export type QueryPlan = { readonly tokens: readonly QueryToken[]; readonly literal: readonly QueryToken[] | null };

/**
 * Splits query text into tokens. The last word counts as being typed (prefix-matched) unless the text ends with a
 * separator. Known phrases become specialty tokens; noise words are dropped unless nothing else is left.
 */
export function planQuery(text: string): QueryPlan {
  const words = tokeniseSearchText(text);
  const lastIsPrefix = words.length > 0 && /[\p{L}\p{N}]$/u.test(text);
  const phrased = tokensOf(words, lastIsPrefix, true);
  const literal = phrased.phrases > 0 && phrased.literalOk ? tokensOf(words, lastIsPrefix, false).tokens : null;
  return { tokens: phrased.tokens, literal };
}

function tokensOf(words: readonly string[], lastIsPrefix: boolean, usePhrases: boolean) {
  const stems = words.map(stemRussian);
  const tokens: QueryToken[] = [];
  const noise: QueryToken[] = [];
  let phrases = 0;
  let literalOk = true;
  let i = 0;
  outer: while (i < words.length) {
    for (const phrase of usePhrases ? PHRASES : []) {
      const len = phrase.words.length;
      if (i + len > words.length) continue;
      let all = true;
      for (let k = 0; k < len && all; k++) {
        const at = i + k;
        const isPrefix = lastIsPrefix && at === words.length - 1;
        all = phraseWordMatches(phrase, k, words[at] ?? '', stems[at] ?? '', isPrefix);
      }
      if (all) {
        phrases++;
        literalOk &&= !phrase.words.some(isNoiseWord);
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
  return { tokens: tokens.length > 0 ? tokens : noise, phrases, literalOk };
}
