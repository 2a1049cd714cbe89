/** Levenshtein distance between two strings (by UTF-16 unit), in O(min(n, m)) memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  if (b.length === 0) return a.length;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (code === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

/** 1 − distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const position = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[position] as number;
}

/** Exact-match and similarity tallies, overall, by group (of families or of sessions: any given) and by family. */
export class Tally {
  private readonly rows = new Map<string, { turns: number; exact: number; similarity: number }>();
  private readonly groups = new Set<string>();

  add(family: string, expected: string, actual: string, groups: readonly string[] = []): void {
    for (const group of groups) this.groups.add(group);
    for (const key of ['all', ...groups, family]) {
      const row = this.rows.get(key) ?? { turns: 0, exact: 0, similarity: 0 };
      row.turns++;
      if (expected === actual) row.exact++;
      row.similarity += editSimilarity(expected, actual);
      this.rows.set(key, row);
    }
  }

  /** Rows in order: `all`, the groups, then the families by name. */
  summary(): Record<string, { turns: number; exact: number; similarity: number }> {
    const out: Record<string, { turns: number; exact: number; similarity: number }> = {};
    const rank = (key: string): number => (key === 'all' ? 0 : this.groups.has(key) ? 1 : 2);
    const keys = [...this.rows.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const key of keys) {
      const row = this.rows.get(key) as { turns: number; exact: number; similarity: number };
      out[key] = {
        turns: row.turns,
        exact: round(row.exact / row.turns),
        similarity: round(row.similarity / row.turns),
      };
    }
    return out;
  }
}

export function round(value: number, digits = 4): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
