/** "Did you mean …": the candidate closest to a mistyped name, by edit distance. */

/** Edit distance with transpositions (optimal string alignment). Callers bound the lengths. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Names longer than this get no suggestion (the distance is quadratic in the length). */
const MAX_LENGTH = 100;

/** The closest candidate within a quarter of its length (at least 1 edit), or undefined. */
export function closestMatch(given: string, candidates: readonly string[]): string | undefined {
  if (given.length > MAX_LENGTH) return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - given.length) > Math.max(1, Math.floor(candidate.length / 4))) continue;
    const d = editDistance(given, candidate);
    if (d <= Math.max(1, Math.floor(candidate.length / 4)) && (!best || d < best.distance))
      best = { candidate, distance: d };
  }
  return best?.candidate;
}
