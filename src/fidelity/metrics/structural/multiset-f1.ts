/**
 * F1 of two multisets of keys (each key counted as often as it occurs): 2·matched / (|truth| + |prediction|).
 * Two empty multisets score 1.
 */
export function multisetF1(truth: readonly string[], prediction: readonly string[]): number {
  if (truth.length === 0 && prediction.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const key of truth) counts.set(key, (counts.get(key) ?? 0) + 1);
  let matched = 0;
  for (const key of prediction) {
    const left = counts.get(key) ?? 0;
    if (left > 0) {
      matched++;
      counts.set(key, left - 1);
    }
  }
  return (2 * matched) / (truth.length + prediction.length);
}

/** The non-blank lines of a text, trailing white space removed (the keys of a line-level F1). */
export function contentLines(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0);
}
