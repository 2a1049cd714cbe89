/**
 * Finds a runaway output while it is decoded: a small model that starts to loop (`/workspace/a/a/a/a…`) writes
 * the same short unit until the token limit. The guard looks for one unit of at most `maxPeriod` bytes repeated
 * inside one line, at least `minCopies` times and over at least `minSpan` bytes. Units never span a line break:
 * real commands print the same line many times (`yes | head -n 500`, a log, a file of equal lines), while a line
 * that repeats one short unit over two full 80-column rows is almost never real output (separator rules and
 * progress bars fit in one row; `ls`, `seq` and listings vary from word to word).
 */
export interface RepetitionLimits {
  /** Longest repeated unit looked for, in bytes. */
  readonly maxPeriod: number;
  /** Bytes the repetition must cover within one line. */
  readonly minSpan: number;
  /** Copies of the unit the repetition must hold (what decides for long units). */
  readonly minCopies: number;
}

/**
 * Units of up to 32 bytes (a path segment, a word and its separator, a short phrase), over two 80-column rows
 * (160 bytes) and at least 8 copies: a 2-byte unit trips after 160 bytes, a 32-byte one after 256.
 */
export const DEFAULT_REPETITION_LIMITS: RepetitionLimits = { maxPeriod: 32, minSpan: 160, minCopies: 8 };

/** A repetition found at the end of the output. */
export interface Repetition {
  /** Length of the repeated unit, in ids. */
  readonly period: number;
  /** Index of the first id of the repeating run (its first copy of the unit starts there). */
  readonly start: number;
  /** Ids the run covers so far (start to end). */
  readonly span: number;
}

/**
 * Watches ids as they are generated, in O(maxPeriod) per id: for every period p it counts how many ids in a row
 * (within the current line) equal the id p places earlier.
 */
export class RepetitionGuard {
  private readonly matches: Int32Array;
  private lineStart = 0;
  private readonly ids: number[] = [];

  constructor(
    private readonly lineBreak: number,
    private readonly limits: RepetitionLimits = DEFAULT_REPETITION_LIMITS,
  ) {
    this.matches = new Int32Array(limits.maxPeriod + 1);
  }

  /** Takes the next generated id; returns the repetition the output now ends with, if it passed the limits. */
  push(id: number): Repetition | undefined {
    const index = this.ids.length;
    this.ids.push(id);
    if (id === this.lineBreak) {
      this.lineStart = index + 1;
      this.matches.fill(0);
      return undefined;
    }
    let found: Repetition | undefined;
    for (let period = 1; period <= this.limits.maxPeriod; period++) {
      const earlier = index - period;
      const matches =
        earlier >= this.lineStart && this.ids[earlier] === id ? (this.matches[period] ?? 0) + 1 : 0;
      this.matches[period] = matches;
      const span = matches + period;
      const long = span >= this.limits.minSpan && span >= this.limits.minCopies * period;
      if (found === undefined && matches > 0 && long) {
        found = { period, start: index + 1 - span, span };
      }
    }
    return found;
  }
}
