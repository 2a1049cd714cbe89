import { emptySummary, type GenerationSummary, mergeSummary } from '../terminal/generation-summary.js';
import { FAMILY_EVENT } from '../terminal/session-generator.js';
import type { McpSessionOutcome, RejectedCall } from './session-generator.js';

/**
 * What a run produced: the terminal generator's summary (families count `failed` as turns whose result the
 * server flagged isError), plus the refused calls and whether the mcp domain's texts for them matched the
 * server's.
 */
export interface McpGenerationSummary extends GenerationSummary {
  rejected: { agreed: number; differed: number; examples: RejectedCall[] };
}

const MAX_EXAMPLES = 5;

export function emptyMcpSummary(): McpGenerationSummary {
  return { ...emptySummary(), rejected: { agreed: 0, differed: 0, examples: [] } };
}

/** Adds one session's outcome (and the length of its JSON line) to a summary. */
export function addMcpOutcome(
  summary: McpGenerationSummary,
  outcome: McpSessionOutcome,
  lineBytes: number,
): void {
  if (outcome.kind === 'dropped') {
    summary.dropped[outcome.reason] = (summary.dropped[outcome.reason] ?? 0) + 1;
    return;
  }
  const part = emptySummary();
  part.sessions = 1;
  part.bytes = lineBytes;
  for (const turn of outcome.record.turns) {
    part.turns += 1;
    part.observationBytes +=
      Buffer.byteLength(turn.observation) + Buffer.byteLength(JSON.stringify(turn.action));
    const event = turn.events.find((item) => item.type === FAMILY_EVENT);
    const family = typeof event?.data?.family === 'string' ? event.data.family : 'unknown';
    const count = part.families[family] ?? { turns: 0, failed: 0 };
    count.turns += 1;
    if (event?.data?.isError === true) count.failed += 1;
    part.families[family] = count;
  }
  mergeSummary(summary, part);
  for (const call of outcome.rejected) {
    if (call.agrees) summary.rejected.agreed += 1;
    else {
      summary.rejected.differed += 1;
      if (summary.rejected.examples.length < MAX_EXAMPLES) summary.rejected.examples.push(call);
    }
  }
}
