import { z } from 'zod';
import {
  checkUniqueEntityIds,
  findWorldQuestion,
  WorldRetrievalSchema,
  WorldTargetSchema,
  worldContentShape,
} from '../worlds/world-file.js';
import { PerturbationRuleSchema } from './perturbation.js';

export const DOMAIN_IDS = ['mcp', 'search', 'terminal', 'swe', 'android', 'web', 'os'] as const;
export const DomainIdSchema = z.enum(DOMAIN_IDS);
export type DomainId = z.infer<typeof DomainIdSchema>;

/** A JSON Schema object, as MCP tool definitions carry them. */
export const JsonSchemaObjectSchema = z.record(z.string(), z.unknown());

/** A tool definition in MCP's `tools/list` shape. */
export const ToolDefinitionSchema = z
  .object({
    name: z.string().min(1).max(128),
    title: z.string().optional(),
    description: z.string().optional(),
    inputSchema: JsonSchemaObjectSchema.default({ type: 'object', properties: {} }),
    outputSchema: JsonSchemaObjectSchema.optional(),
    annotations: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type ToolDefinition = z.infer<typeof ToolDefinitionSchema>;

/** A real MCP server started over stdio, whose `tools/list` supplies the tool definitions. */
export const McpServerCommandSchema = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().optional(),
});
export type McpServerCommand = z.infer<typeof McpServerCommandSchema>;

/** One worked example turn shown to the world model. */
export const DemonstrationTurnSchema = z.object({
  state: z.string().optional(),
  action: z.unknown(),
  observation: z.string(),
});

export const DemonstrationSchema = z.object({
  title: z.string().optional(),
  turns: z.array(DemonstrationTurnSchema).min(1),
});
export type Demonstration = z.infer<typeof DemonstrationSchema>;

export const InitialStateSchema = z.object({
  /** What the world looks like before the first action, as text the world model reads. */
  text: z.string().optional(),
  /** Structured facts a domain reads (terminal: cwd, user, host; mcp: resources …). */
  data: z.record(z.string(), z.unknown()).default({}),
});

export const PromptOptionsSchema = z.object({
  /**
   * A system-prompt template of your own (for example an official per-domain template file). The placeholders
   * `{tool_definitions}` and `{demonstrations}` are filled by plain string replacement; the initial state and
   * simulation instructions are appended as their own headed sections.
   */
  systemTemplate: z.string().optional(),
  /** Replaces the instruction appended to the newest user message. */
  turnInstruction: z.string().optional(),
});

/**
 * The fictional world a spec is set in (see src/worlds): inline content — the early `{ name, facts }` form is
 * its smallest case — or `{ file }`, a world file that `readSpecFile` resolves relative to the spec file and
 * inlines (keeping the path as written in `source`). `target` and `retrieval` belong to the spec, so they may
 * sit beside `file`.
 */
export const FictionalWorldSchema = z
  .object({
    /** A world file, relative to the spec file; replaced by its content when the spec is read. */
    file: z.string().min(1).optional(),
    /** Where inlined content came from (set by `readSpecFile`). */
    source: z.string().optional(),
    version: z.literal(1).optional(),
    name: z.string().optional(),
    ...worldContentShape,
    /** What the agent is looking for; a search world hints at it but never hands it over whole. */
    target: WorldTargetSchema.optional(),
    retrieval: WorldRetrievalSchema.optional(),
  })
  .superRefine((world, context) => {
    if (world.file !== undefined) {
      const inline =
        world.source !== undefined ||
        world.version !== undefined ||
        world.name !== undefined ||
        world.description !== undefined ||
        world.entities.length > 0 ||
        world.facts.length > 0 ||
        world.table !== undefined ||
        world.questions.length > 0;
      if (inline) {
        context.addIssue({
          code: 'custom',
          path: ['file'],
          message:
            'a world given by `file` takes its content from that file; only `target` and `retrieval` may sit beside it',
        });
      }
      return;
    }
    checkUniqueEntityIds(world.entities, context);
    // A question given as text may be free text when the target states its own answer.
    const question = world.target?.question;
    const needsMatch = typeof question === 'number' || world.target?.answer === undefined;
    if (question !== undefined && needsMatch && findWorldQuestion(world.questions, question) === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['target', 'question'],
        message:
          typeof question === 'number'
            ? `the world has ${world.questions.length} questions; there is no question ${question}`
            : 'no question of the world has this text',
      });
    }
  });
export type FictionalWorld = z.infer<typeof FictionalWorldSchema>;

export const WorldSpecSchema = z.object({
  version: z.literal(1).default(1),
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits, ".", "_", ":" and "-" only')
    .default('world'),
  description: z.string().optional(),
  domain: DomainIdSchema,
  dialect: z.string().optional(),
  task: z.string().optional(),
  initialState: InitialStateSchema.default({ data: {} }),
  tools: z.array(ToolDefinitionSchema).optional(),
  toolsFrom: McpServerCommandSchema.optional(),
  demonstrations: z.array(DemonstrationSchema).default([]),
  simulationInstructions: z.string().optional(),
  world: FictionalWorldSchema.optional(),
  /** Perturbation rules: which catalog entry of the domain to inject, with which parameters, and when. */
  perturbations: z.array(PerturbationRuleSchema).default([]),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  maxTurns: z.number().int().positive().max(10_000).default(200),
  prompt: PromptOptionsSchema.default({}),
});

export type WorldSpec = z.infer<typeof WorldSpecSchema>;
export type WorldSpecInput = z.input<typeof WorldSpecSchema>;
