import { distance } from 'fastest-levenshtein';

/**
 * The allowed word a misspelling most likely meant (`LanguagMode` → `LanguageMode`), compared
 * case-insensitively, or undefined when none is close: at most a third of the word's letters
 * (and at least 2) may differ.
 */
export function closestWord(word: string, allowed: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { word: string; d: number } | undefined;
  for (const candidate of allowed) {
    const d = distance(lower, candidate.toLowerCase());
    if (!best || d < best.d) best = { word: candidate, d };
  }
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.word : undefined;
}

/** ` Did you mean 'X'?` for a misspelling, or an empty string. */
export function didYouMean(word: string, allowed: readonly string[]): string {
  const w = closestWord(word, allowed);
  return w ? ` Did you mean '${w}'?` : '';
}
