import { buildMessages, DEFAULT_TURN_INSTRUCTION } from '../../src/core/messages.js';
import type { SessionRecord } from '../../src/core/turn.js';
import {
  queryOf,
  renderDemonstrationBlock,
  type TransitionIndex,
  utf8Bytes,
} from '../../src/engines/retrieval/index.js';
import { round } from '../embedded-model/measures.js';

/** What the demonstration block costs an `lwm` prompt in one domain/dialect. */
export interface PromptCostRow {
  turns: number;
  /** Turns given at least one demonstration. */
  conditioned: number;
  demonstrations: number;
  /** UTF-8 bytes of the messages without demonstrations, summed over turns. */
  promptBytes: number;
  /** UTF-8 bytes the block added, summed over turns. */
  addedBytes: number;
  /** Turns whose best match uses the same tools or commands (the domain's `actionTools`) as the turn. */
  sameTools: number;
  /** Turns whose best match's observation is byte for byte the turn's own (copying it would be right). */
  copyExact: number;
}

/**
 * For every turn of every session (leave-one-session-out), the bytes the demonstration block adds to the
 * messages an `lwm` engine sends, against the bytes of those messages without it (the whole history, as a
 * world-model server receives it). No model is called: this is the prompt's cost, not its effect.
 */
export function measurePromptCost(
  index: TransitionIndex,
  sessions: readonly SessionRecord[],
  k: number,
  maxDemonstrationBytes: number,
  maxObservationBytes: number,
): Map<string, PromptCostRow> {
  const rows = new Map<string, PromptCostRow>();
  for (const record of sessions) {
    const world = `${record.spec.domain}/${record.spec.dialect ?? ''}`;
    const row = rows.get(world) ?? {
      turns: 0,
      conditioned: 0,
      demonstrations: 0,
      promptBytes: 0,
      addedBytes: 0,
      sameTools: 0,
      copyExact: 0,
    };
    rows.set(world, row);
    for (const [position, turn] of record.turns.entries()) {
      if (Array.isArray(turn.action) && turn.action.length === 0) continue;
      const messages = buildMessages({
        systemPrompt: record.systemPrompt,
        history: record.turns.slice(0, position),
        currentPrompt: turn.prompt,
        turnInstruction: record.spec.prompt.turnInstruction ?? DEFAULT_TURN_INSTRUCTION,
      });
      const query = queryOf(record.spec, record.turns.slice(0, position), turn.action);
      const matches = index.nearest(query, { k, excludeSessionId: record.id });
      const best = matches[0]?.transition;
      if (best !== undefined && best.tools.join(' ') === query.tools.join(' ')) row.sameTools++;
      if (best !== undefined && best.observation === turn.observation) row.copyExact++;
      const block = renderDemonstrationBlock(
        matches.map((match) => match.transition),
        maxDemonstrationBytes,
        maxObservationBytes,
      );
      row.turns++;
      row.promptBytes += messages.reduce((sum, message) => sum + utf8Bytes(message.content), 0);
      if (block !== undefined) {
        row.conditioned++;
        row.demonstrations += block.used.length;
        row.addedBytes += utf8Bytes(`\n\n${block.text}`);
      }
    }
  }
  return rows;
}

/** A row as printed: means per turn, and the share the block adds. */
export function promptCostSummary(row: PromptCostRow): Record<string, number> {
  const perTurn = (value: number) => round(value / Math.max(1, row.turns), 1);
  return {
    turns: row.turns,
    conditionedShare: round(row.conditioned / Math.max(1, row.turns), 3),
    demonstrationsPerTurn: perTurn(row.demonstrations),
    promptBytesPerTurn: perTurn(row.promptBytes),
    addedBytesPerTurn: perTurn(row.addedBytes),
    addedTokensPerTurnApprox: round(row.addedBytes / Math.max(1, row.turns) / 4, 1),
    addedShare: round(row.addedBytes / Math.max(1, row.promptBytes), 3),
    bestSameToolsShare: round(row.sameTools / Math.max(1, row.turns), 3),
    bestCopyExactShare: round(row.copyExact / Math.max(1, row.turns), 3),
  };
}
