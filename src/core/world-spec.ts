import { z } from 'zod';
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

export const FictionalWorldSchema = z.object({
  name: z.string().optional(),
  facts: z.array(z.string()).default([]),
});

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
