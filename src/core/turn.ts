import { z } from 'zod';
import { WorldSpecSchema } from './world-spec.js';

export const PROVENANCE_SOURCES = [
  'simulated',
  'real',
  'replayed',
  'cached',
  'injected',
  'repaired',
] as const;
export const ProvenanceSourceSchema = z.enum(PROVENANCE_SOURCES);
export type ProvenanceSource = z.infer<typeof ProvenanceSourceSchema>;

/** Where an observation came from. */
export const ProvenanceSchema = z.object({
  source: ProvenanceSourceSchema,
  /** The engine that answered (e.g. `lwm`, `replay`, `cache`). */
  engine: z.string(),
  /** The model id, when a model produced (or originally produced) the observation. */
  model: z.string().optional(),
  /** sha256 of the exact messages sent (or that would have been sent) to the world model. */
  promptHash: z.string(),
  /**
   * For engines that combine a deterministic twin with a world model (`hybrid`): which side answered this turn
   * (`neither`: the twin declined and the model could not simulate it either; the observation says so), the
   * engine or twin id and model of that side, and why. Absent for every other engine and in older recordings.
   */
  answeredBy: z
    .object({
      side: z.enum(['twin', 'model', 'neither']),
      engine: z.string(),
      model: z.string().optional(),
      reason: z.string(),
    })
    .optional(),
  /** For `cached` and `replayed`: how the observation was first made. */
  origin: z
    .object({ source: ProvenanceSourceSchema, engine: z.string(), model: z.string().optional() })
    .optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** Something notable that happened while making a turn: a retry, a cache hit, an injection, a failed check. */
export const SessionEventSchema = z.object({
  type: z.string(),
  message: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type SessionEvent = z.infer<typeof SessionEventSchema>;

export const CheckStatusSchema = z.enum(['pass', 'fail', 'skip']);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

/** The outcome of one deterministic check on an observation. */
export const CheckResultSchema = z.object({
  id: z.string(),
  status: CheckStatusSchema,
  message: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const UsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  cachedPromptTokens: z.number().int().nonnegative().optional(),
  reasoningTokens: z.number().int().nonnegative().optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

export const TimingSchema = z.object({
  startedAt: z.string(),
  /** Wall time of the whole step. */
  totalMs: z.number().nonnegative(),
  /** Time spent waiting for the engine. */
  engineMs: z.number().nonnegative(),
  /** Time spent inside AgentWorld itself (prompt build, ledger, checks, store). */
  overheadMs: z.number().nonnegative(),
});
export type Timing = z.infer<typeof TimingSchema>;

/**
 * Shadow mode (src/shadow): what a second engine (usually a world model) answered to the same request as the
 * engine the agent saw, compared with it. The agent never sees `observation` here.
 */
export const ShadowComparisonSchema = z.object({
  /** The shadow engine's id. */
  engine: z.string(),
  /** Where the shadow's observation came from; absent when the shadow failed. */
  provenance: ProvenanceSchema.optional(),
  /** The shadow's (simulated) observation; absent when the shadow failed. */
  observation: z.string().optional(),
  /** Why the shadow gave no observation (its error code and message); the turn itself went on. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** The domain's checks (and the shadow engine's own) on the shadow's observation. */
  checks: z.array(CheckResultSchema).default([]),
  /** Whether the shadow's observation equals the primary's byte for byte. */
  exactMatch: z.boolean(),
  /** 1 − Levenshtein distance / longer length, in [0, 1]; 0 when the shadow failed. */
  similarity: z.number().min(0).max(1),
  /** A bounded structural diff, primary → shadow, in the form the domain's observations suit. */
  diff: z
    .object({
      kind: z.enum(['lines', 'json', 'nodes']),
      entries: z.array(
        z.object({
          op: z.enum(['add', 'remove', 'change']),
          /** Where: `line 3`, `node 12`, or a JSON path such as `$.items[0].title`. */
          at: z.string(),
          primary: z.string().optional(),
          shadow: z.string().optional(),
        }),
      ),
      /** Entries left out past the cap. */
      omitted: z.number().int().nonnegative(),
    })
    .optional(),
  /** Time the shadow engine took. */
  engineMs: z.number().nonnegative().optional(),
});
export type ShadowComparison = z.infer<typeof ShadowComparisonSchema>;

export const TurnSchema = z.object({
  /** 1-based, as in `### Turn N`. */
  index: z.number().int().positive(),
  /** The action as the agent sent it, after validation. */
  action: z.unknown(),
  /** The exact user message of this turn as sent in history (without the trailing instruction). */
  prompt: z.string(),
  observation: z.string(),
  provenance: ProvenanceSchema,
  events: z.array(SessionEventSchema).default([]),
  checks: z.array(CheckResultSchema).default([]),
  timing: TimingSchema,
  usage: UsageSchema.optional(),
  /** The world model's reasoning, kept for analysis; never shown to the agent. */
  reasoning: z.string().optional(),
  /**
   * The result exactly as the real tool sent it, when it carries more than `observation` (an MCP
   * CallToolResult: typed content blocks, structuredContent, the real `isError` flag). Set by real engines and
   * given back by replay; absent for predictions and in recordings made before it existed.
   */
  rawResult: z.record(z.string(), z.unknown()).optional(),
  /** Shadow mode: a second engine's answer to the same request, compared with `observation` (src/shadow). */
  shadow: ShadowComparisonSchema.optional(),
});
export type Turn = z.infer<typeof TurnSchema>;

export const StepInfoSchema = z.object({
  sessionId: z.string(),
  turn: TurnSchema,
  ledger: z.record(z.string(), z.unknown()),
});

/** Gymnasium's split: `terminated` = the world reached an end state; `truncated` = a turn limit cut it off. */
export const StepResultSchema = z.object({
  observation: z.string(),
  reward: z.number(),
  terminated: z.boolean(),
  truncated: z.boolean(),
  info: StepInfoSchema,
});
export type StepResult = z.infer<typeof StepResultSchema>;

export const ResetResultSchema = z.object({
  observation: z.string(),
  info: z.object({
    sessionId: z.string(),
    seed: z.number().int(),
    domain: z.string(),
    dialect: z.string(),
    ledger: z.record(z.string(), z.unknown()),
  }),
});
export type ResetResult = z.infer<typeof ResetResultSchema>;

export const SESSION_FORMAT = 'agentworld.session';
export const SESSION_FORMAT_VERSION = 1;

/** One session as stored on disk: one JSON object per line of a `.jsonl` file. */
export const SessionRecordSchema = z.object({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(SESSION_FORMAT_VERSION),
  id: z.string(),
  parentId: z.string().optional(),
  forkedAtTurn: z.number().int().nonnegative().optional(),
  createdAt: z.string(),
  seed: z.number().int(),
  spec: WorldSpecSchema,
  systemPrompt: z.string(),
  initialObservation: z.string(),
  turns: z.array(TurnSchema),
  closed: z.boolean().default(false),
  /** Free-form labels, e.g. where a recorded session came from. */
  labels: z.record(z.string(), z.string()).default({}),
});
export type SessionRecord = z.infer<typeof SessionRecordSchema>;
