/**
 * Optimal-string-alignment Damerau–Levenshtein distance (insert, delete, substitute, swap two neighbours), capped:
 * returns `max + 1` as soon as the distance is known to exceed `max`, so vocabulary scans stay cheap.
 * Rows live in module-level scratch arrays: no allocation per call (words longer than the scratch are rejected,
 * no clinic word is 60 letters long).
 */
const MAX_WORD = 64;
let rowPrev2 = new Int32Array(MAX_WORD + 1);
let rowPrev = new Int32Array(MAX_WORD + 1);
let rowCur = new Int32Array(MAX_WORD + 1);

export function boundedDamerauLevenshtein(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n > MAX_WORD || m > MAX_WORD) return a === b ? 0 : max + 1;
  for (let j = 0; j <= m; j++) rowPrev[j] = j;
  for (let i = 1; i <= n; i++) {
    rowCur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      // Scratch rows are sized MAX_WORD + 1 and j ≤ m ≤ MAX_WORD, so every read below is in range.
      let d = Math.min(rowPrev[j]! + 1, rowCur[j - 1]! + 1, rowPrev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, rowPrev2[j - 2]! + 1);
      }
      rowCur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const spare = rowPrev2;
    rowPrev2 = rowPrev;
    rowPrev = rowCur;
    rowCur = spare;
  }
  return Math.min(rowPrev[m]!, max + 1);
}

/** Edit budget by typed word length: none below 4 letters (too many neighbours), 1 up to 7, 2 from 8. */
export function typoBudget(wordLength: number): number {
  if (wordLength < 4) return 0;
  return wordLength < 8 ? 1 : 2;
}
