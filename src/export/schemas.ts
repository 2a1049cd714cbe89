import { z } from 'zod';

/**
 * One AgentWorldBench row (spec §0.1): one evaluated turn of one trajectory, with `prompt`/`response` covering
 * turns 1..turn_idx. Key order is the spec's; no other keys.
 */
export const BenchRowSchema = z
  .object({
    task: z.string(),
    id: z.number().int().nonnegative(),
    prompt: z.array(z.string()).min(1),
    response: z.array(z.string()).min(1),
    current_prompt: z.string(),
    system_str: z.string(),
    turn_idx: z.number().int().positive(),
    total_turns: z.number().int().positive(),
  })
  .strict();
export type BenchRow = z.infer<typeof BenchRowSchema>;

/** LLaMA-Factory's sharegpt format: strictly alternating human/gpt turns, the system prompt in its own column. */
export const ShareGptRowSchema = z
  .object({
    conversations: z.array(z.object({ from: z.enum(['human', 'gpt']), value: z.string() }).strict()).min(2),
    system: z.string().optional(),
  })
  .strict();
export type ShareGptRow = z.infer<typeof ShareGptRowSchema>;

/** ms-swift's messages format (OpenAI chat roles). */
export const MessagesRowSchema = z
  .object({
    messages: z
      .array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() }).strict())
      .min(2),
  })
  .strict();
export type MessagesRow = z.infer<typeof MessagesRowSchema>;

export const EXPORT_FORMATS = ['bench', 'world-model', 'agent-sft'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_DIALECTS = ['sharegpt', 'messages'] as const;
export type ExportDialect = (typeof EXPORT_DIALECTS)[number];
export const TURN_SELECTIONS = ['sampled', 'all'] as const;
export type TurnSelection = (typeof TURN_SELECTIONS)[number];
