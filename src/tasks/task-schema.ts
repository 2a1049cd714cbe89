import { z } from 'zod';
import { PerturbationRuleSchema } from '../core/perturbation.js';

/**
 * A task: a world to act in, what the agent is asked, how its episode is scored, and how the perturbations
 * grow over training (the curriculum). The single source of truth for task files (JSON or YAML), the types the
 * code uses and the JSON Schema `agentworld schema task` prints.
 */

const weight = z.number().positive().default(1).describe('share of the reward (weights are normalised)');

/** A file in the world's final state has this content (terminal and swe ledgers, or the real sandbox). */
export const FileContentVerifierSchema = z.strictObject({
  type: z.literal('file-content'),
  path: z.string().min(1).describe('absolute path in the world'),
  equals: z.string().optional(),
  contains: z.string().optional(),
  regex: z.string().optional(),
  /** The file must not exist (nothing else may be given). */
  absent: z.boolean().optional(),
  weight,
});

/** The agent called a tool (mcp, search, swe tool dialects) or ran a shell command (terminal, swe bash). */
export const ToolCalledVerifierSchema = z.strictObject({
  type: z.literal('tool-called'),
  /** A tool name, or for shells the command word (`git`, `python3`). */
  tool: z.string().min(1),
  /** Arguments the call must include (a subset match, deep-equal per key); for shells a regex on the command line. */
  arguments: z.record(z.string(), z.unknown()).optional(),
  commandRegex: z.string().optional(),
  /** At least this many matching calls (default 1); `0` with `atMost: 0` means "never called". */
  atLeast: z.number().int().nonnegative().default(1),
  atMost: z.number().int().nonnegative().optional(),
  weight,
});

/** The agent's final answer (its last message: Terminus' completion analysis, send_msg_to_user, a search answer). */
export const FinalAnswerVerifierSchema = z.strictObject({
  type: z.literal('final-answer'),
  match: z.enum(['exact', 'numeric', 'regex', 'contains']),
  expected: z.string(),
  /** For `numeric`: the largest accepted absolute difference (default 0). */
  tolerance: z.number().nonnegative().default(0),
  caseSensitive: z.boolean().default(false),
  weight,
});

/** The browser reached a page (web ledger's visited URLs). */
export const PageReachedVerifierSchema = z.strictObject({
  type: z.literal('page-reached'),
  url: z.string().optional(),
  urlRegex: z.string().optional(),
  /** The page's title or tree must also contain this text. */
  contains: z.string().optional(),
  weight,
});

/**
 * After the episode, its actions are replayed on the real engine (terminal, swe) and this command runs in that
 * sandbox, as Terminal-Bench's tests do: exit status 0 (or `expectExit`) passes.
 */
export const RealCheckVerifierSchema = z.strictObject({
  type: z.literal('real-check'),
  command: z.string().min(1),
  expectExit: z.number().int().default(0),
  timeoutSeconds: z.number().positive().max(600).default(60),
  weight,
});

/** An LLM judge over an OpenAI-compatible endpoint scores the trajectory against a rubric, 0 to 1. */
export const RubricVerifierSchema = z.strictObject({
  type: z.literal('rubric'),
  rubric: z.string().min(1),
  /** Judge model (default: the run's `--judge-model`). */
  model: z.string().optional(),
  /** Score at or above which the verifier counts as passed (default 0.5). */
  passThreshold: z.number().min(0).max(1).default(0.5),
  weight,
});

export const VerifierSpecSchema = z.discriminatedUnion('type', [
  FileContentVerifierSchema,
  ToolCalledVerifierSchema,
  FinalAnswerVerifierSchema,
  PageReachedVerifierSchema,
  RealCheckVerifierSchema,
  RubricVerifierSchema,
]);
export type VerifierSpec = z.infer<typeof VerifierSpecSchema>;
export type VerifierType = VerifierSpec['type'];

/** One stage of the perturbation curriculum: from this episode index on, these rules are in force. */
export const CurriculumStageSchema = z.strictObject({
  fromEpisode: z.number().int().nonnegative().default(0),
  perturbations: z.array(PerturbationRuleSchema).default([]),
});

export const TaskBudgetsSchema = z.strictObject({
  maxTurns: z.number().int().positive().optional(),
  /** Policy tokens (prompt + completion) over the episode. */
  maxTokens: z.number().int().positive().optional(),
  maxSeconds: z.number().positive().optional(),
});

export const TaskSchema = z.strictObject({
  format: z.literal('agentworld.task').default('agentworld.task'),
  version: z.literal(1).default(1),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-"')
    .describe('unique task id'),
  title: z.string().optional(),
  /** What the agent is asked; becomes the spec's `task`. */
  instruction: z.string().min(1),
  /** The world: an inline WorldSpec, a bundled example name, or `{ "file": "…" }` relative to the task file. */
  spec: z.union([
    z.string().min(1),
    z.strictObject({ file: z.string().min(1) }),
    z.record(z.string(), z.unknown()),
  ]),
  verifiers: z.array(VerifierSpecSchema).min(1),
  curriculum: z.array(CurriculumStageSchema).default([]),
  budgets: TaskBudgetsSchema.default({}),
  /**
   * A known solution: the actions (in the world's dialect) a competent agent sends. `agentworld task validate`
   * plays it and requires the maximum reward.
   */
  solution: z.array(z.unknown()).optional(),
  /** The final answer the solution gives, when a verifier reads one. */
  solutionAnswer: z.string().optional(),
  tags: z.array(z.string()).default([]),
});
export type Task = z.infer<typeof TaskSchema>;
export type TaskInput = z.input<typeof TaskSchema>;
