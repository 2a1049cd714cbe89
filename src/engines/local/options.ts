import { z } from 'zod';
import { parseWith } from '../../core/validation.js';

/** What the engine answers for an action the embedded model cannot simulate and no fallback engine takes. */
export const UNSUPPORTED_POLICIES = ['observation', 'error'] as const;

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
     * when there is one, else kept and labelled `local.low-confidence`. 0 turns the check off.
     */
    minTokenProbability: z.number().min(0).max(1).default(0.1),
    /**
     * With no fallback engine: `observation` answers a labelled screen saying nothing ran; `error` throws
     * UNSUPPORTED. (mcp models always throw: a tool result has no labelled form.)
     */
    onUnsupported: z.enum(UNSUPPORTED_POLICIES).default('observation'),
  })
  .strict();

export type LocalEngineOptionsInput = z.input<typeof LocalEngineOptionsSchema>;
export type LocalEngineOptions = z.output<typeof LocalEngineOptionsSchema>;

/** Validates local engine options (CONFIG_INVALID names the bad field). */
export function parseLocalEngineOptions(input: unknown): LocalEngineOptions {
  return parseWith(LocalEngineOptionsSchema, input, 'CONFIG_INVALID', 'local engine options');
}
