/** "Did you mean …?" suggestions for misspelt names, shared by every checker. */

/**
 * Edit distance where swapping two neighbouring letters counts as one edit
 * (optimal string alignment), since "modle" for "model" is the commonest typo.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
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
