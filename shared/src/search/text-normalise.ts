/**
 * Text normalisation shared by indexing and querying: both sides must fold text identically or nothing meets.
 * Lower-case, ё→е (Russian texts use the two interchangeably), every non-letter/non-digit is a separator, so
 * quotes «», dots of "ул." and the hyphens of "врач-кардиолог" all split words.
 */
export function normaliseSearchText(text: string): string {
  return tokeniseSearchText(text).join(' ');
}

const OTHER_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether a UTF-16 code unit of lower-cased text belongs to a word; Cyrillic and ASCII decided without regex. */
function isWordChar(code: number): boolean {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x430 && code <= 0x44f)) {
    return true;
  }
  if (code < 0x80) return false;
  return OTHER_WORD_CHAR.test(String.fromCharCode(code));
}

/**
 * Words of a text after normalisation; empty words never appear. A hand-written scan: the build tokenises every
 * clinic's name and address, and a Unicode-class regex replace was the largest cost of building 100k clinics.
 */
export function tokeniseSearchText(text: string): string[] {
  let lower = text.toLowerCase();
  if (lower.includes('ё')) lower = lower.replaceAll('ё', 'е');
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 0x20;
    const inWord = i < lower.length && isWordChar(code);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
  }
  return words;
}

/**
 * Words a user types that carry no meaning for finding a clinic ("врач кардиолог" is "кардиолог"). They are
 * dropped from queries, and from specialty texts where "врач" would otherwise match all 97 doctor titles.
 */
const NOISE_WORDS = new Set(['врач', 'доктор', 'и', 'в', 'на', 'по', 'для', 'у', 'к', 'с', 'о', 'об']);

export function isNoiseWord(word: string): boolean {
  return NOISE_WORDS.has(word);
}
