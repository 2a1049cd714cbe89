import type { SessionOutcome } from './session-generator.js';
import { FAMILY_EVENT } from './session-generator.js';

/** Counts of one command family: turns drawn and turns whose command exited non-zero. */
export interface FamilyCount {
  turns: number;
  failed: number;
}

/** What a run (or one worker of it) produced. */
export interface GenerationSummary {
  sessions: number;
  dropped: Record<string, number>;
  turns: number;
  /** Bytes of the JSONL lines written. */
  bytes: number;
  /** Bytes of commands and observations (what a byte-level model trains on). */
  observationBytes: number;
  families: Record<string, FamilyCount>;
}

export function emptySummary(): GenerationSummary {
  return { sessions: 0, dropped: {}, turns: 0, bytes: 0, observationBytes: 0, families: {} };
}

/** Adds one session's outcome (and the length of its JSON line) to a summary. */
export function addOutcome(summary: GenerationSummary, outcome: SessionOutcome, lineBytes: number): void {
  if (outcome.kind === 'dropped') {
    summary.dropped[outcome.reason] = (summary.dropped[outcome.reason] ?? 0) + 1;
    return;
  }
  summary.sessions += 1;
  summary.bytes += lineBytes;
  for (const turn of outcome.record.turns) {
    summary.turns += 1;
    const action = turn.action as ReadonlyArray<{ keystrokes: string }>;
    summary.observationBytes +=
      Buffer.byteLength(turn.observation) + Buffer.byteLength(action[0]?.keystrokes ?? '');
    const event = turn.events.find((item) => item.type === FAMILY_EVENT);
    const family = typeof event?.data?.family === 'string' ? event.data.family : 'unknown';
    const count = familyCount(summary, family);
    count.turns += 1;
    if (event?.data?.exitStatus !== 0) count.failed += 1;
  }
}

/** Adds `part` into `total`. */
export function mergeSummary(total: GenerationSummary, part: GenerationSummary): void {
  total.sessions += part.sessions;
  total.turns += part.turns;
  total.bytes += part.bytes;
  total.observationBytes += part.observationBytes;
  for (const [reason, count] of Object.entries(part.dropped)) {
    total.dropped[reason] = (total.dropped[reason] ?? 0) + count;
  }
  for (const [family, count] of Object.entries(part.families)) {
    const into = familyCount(total, family);
    into.turns += count.turns;
    into.failed += count.failed;
  }
}

function familyCount(summary: GenerationSummary, family: string): FamilyCount {
  const existing = summary.families[family];
  if (existing !== undefined) return existing;
  const created = { turns: 0, failed: 0 };
  summary.families[family] = created;
  return created;
}
