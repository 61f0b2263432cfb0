/**
 * Text normalisation shared by indexing and querying: both sides must fold text identically or nothing meets.
 * Lower-case, ё→е (Russian texts use the two interchangeably), every non-letter/non-digit becomes a separator,
 * so quotes «», dots of "ул." and the hyphens of "врач-кардиолог" all split words.
 */
export function normaliseSearchText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words of a text after normalisation; empty words never appear. */
export function tokeniseSearchText(text: string): string[] {
  const normalised = normaliseSearchText(text);
  return normalised === '' ? [] : normalised.split(' ');
}

/**
 * Words a user types that carry no meaning for finding a clinic ("врач кардиолог" is "кардиолог"). They are
 * dropped from queries, and from specialty texts where "врач" would otherwise match all 97 doctor titles.
 */
const NOISE_WORDS = new Set(['врач', 'доктор', 'и', 'в', 'на', 'по', 'для', 'у', 'к', 'с', 'о', 'об']);

export function isNoiseWord(word: string): boolean {
  return NOISE_WORDS.has(word);
}
