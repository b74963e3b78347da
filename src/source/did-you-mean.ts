/** "Did you mean …?" suggestions for misspelt names, shared by every checker. */

/** Levenshtein distance, case-sensitive (callers lower-case when case should not count). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `word`, if it is close enough to be a plausible typo. */
export function closestMatch(
  word: string,
  candidates: readonly string[],
  knownReplacements: Readonly<Record<string, string>> = {},
): string | undefined {
  const replacement = knownReplacements[word];
  if (replacement !== undefined && candidates.includes(replacement)) return replacement;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the word's length (at least 1, at most 3) keeps "modle"→"model" but not "foo"→"role".
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  // Never suggest a word that shares nothing with the input ("B" → "A").
  return bestDistance <= limit && bestDistance < word.length ? best : undefined;
}

/** `Did you mean "x"?`, or undefined when nothing is close. */
export function didYouMean(
  word: string,
  candidates: readonly string[],
  knownReplacements: Readonly<Record<string, string>> = {},
): string | undefined {
  const match = closestMatch(word, candidates, knownReplacements);
  return match === undefined ? undefined : `Did you mean "${match}"?`;
}
