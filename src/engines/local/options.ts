import { z } from 'zod';
import { parseWith } from '../../core/validation.js';

/** What the engine answers for an action the embedded model cannot simulate and no fallback engine takes. */
export const UNSUPPORTED_POLICIES = ['observation', 'error'] as const;

/** How an mcp model's dropped turns are replaced (`mcpStateTurns`). */
export const MCP_STATE_TURN_OPTIONS = ['replay', 'read_graph', 'off'] as const;

/**
 * The default `minTokenProbability` of terminal models, calibrated by `npm run bench:calibrate`
 * (bench/embedded-model/calibrate.ts) on models/agentworld-terminal.gguf@7d3e4bb7a653: the highest threshold (in
 * steps of 0.01) that flags at most 5 % of the right turns of the calibration sets, 90 sessions of the project's
 * generator with seeds training never saw (`npm run datagen -- --seed 7003 --count 60`, and `--seed 7004 --count
 * 30 --grammar extension`). There it flags 87.2 % of the 39 wrong turns and 4.5 % of the 830 right ones (AUROC
 * 0.941); the old default, 0.1, flagged none (no wrong answer had a byte below 0.1). Evaluation sets, never used
 * to choose it, are in the README. Re-run the calibration after retraining the model.
 */
export const TERMINAL_MIN_TOKEN_PROBABILITY = 0.97;

/** The default `minTokenProbability` of mcp models: the engine's first value, not calibrated. */
export const MCP_MIN_TOKEN_PROBABILITY = 0.1;

/** Options of the `local` engine: one GGUF file run on the CPU by llama.cpp (node-llama-cpp). */
export const LocalEngineOptionsSchema = z
  .object({
    /** Path of the GGUF model file (layout `terminal-bytes-v1` or `mcp-bytes-v1`). */
    modelPath: z.string().min(1),
    /** Most bytes generated for one command (or tool result); a longer output is cut and labelled. */
    maxTokens: z.number().int().positive().max(8192).default(768),
    /** Limit for one prediction, waiting for a free sequence included. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** CPU threads for llama.cpp. One is fastest for decoding a model this small. */
    threads: z.number().int().positive().max(64).default(1),
    /** Context size in tokens; default and upper bound: the model's training context. */
    contextSize: z.number().int().positive().optional(),
    /** Sessions decoded side by side; each keeps its own KV cache between turns. */
    sequences: z.number().int().positive().max(64).default(1),
    /**
     * Terminal models: check every command against the grammar the model was trained on and route commands
     * outside it (unknown programs, options it never saw, process substitution …) to the fallback or the
     * unsupported answer.
     */
    grammarCheck: z.boolean().default(true),
    /**
     * A generated turn whose least likely byte had a probability below this is routed to the fallback engine
     * when there is one, else kept and labelled `local.low-confidence` (see confidence.ts). 0 turns the check
     * off. Default: the model layout's calibrated value (TERMINAL_MIN_TOKEN_PROBABILITY, MCP_MIN_TOKEN_PROBABILITY).
     */
    minTokenProbability: z.number().min(0).max(1).optional(),
    /**
     * With no fallback engine: `observation` answers a labelled screen saying nothing ran; `error` throws
     * UNSUPPORTED. (mcp models always throw: a tool result has no labelled form.)
     */
    onUnsupported: z.enum(UNSUPPORTED_POLICIES).default('observation'),
    /**
     * mcp models: what takes the place of the turns that leave the context window. `replay` (default): calls
     * that rebuild the server's graph as it stands, with the results the real server gives; `read_graph`: one
     * read_graph call showing the graph; `off`: nothing (dropped turns are gone). See mcp-state.ts.
     */
    mcpStateTurns: z.enum(MCP_STATE_TURN_OPTIONS).default('replay'),
  })
  .strict();

export type LocalEngineOptionsInput = z.input<typeof LocalEngineOptionsSchema>;
export type LocalEngineOptions = z.output<typeof LocalEngineOptionsSchema>;

/** Validates local engine options (CONFIG_INVALID names the bad field). */
export function parseLocalEngineOptions(input: unknown): LocalEngineOptions {
  return parseWith(LocalEngineOptionsSchema, input, 'CONFIG_INVALID', 'local engine options');
}
