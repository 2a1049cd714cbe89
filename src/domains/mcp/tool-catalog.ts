import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { AgentWorldError } from '../../core/errors.js';
import type { ToolDefinition, WorldSpec } from '../../core/world-spec.js';
import { type SchemaIssue, schemaIssues } from './schema-messages.js';

/** How an observation relates to a tool's declared `outputSchema`. */
export type OutputSchemaMatch =
  /** The tool declares no output schema (or it cannot be compiled). */
  | { readonly kind: 'no-schema' }
  /** The value validates as it is; `structured` is it when it is a JSON object. */
  | { readonly kind: 'valid'; readonly structured: Record<string, unknown> | undefined }
  /**
   * The value is one field of a valid result: `{ [property]: value }` validates. Real servers do this, e.g.
   * server-memory's `create_entities` prints the entity array while its structured result is `{ entities }`.
   */
  | { readonly kind: 'field'; readonly property: string; readonly structured: Record<string, unknown> }
  | { readonly kind: 'invalid'; readonly issues: readonly SchemaIssue[] };

type Draft = 'draft-07' | '2019-09' | '2020-12';

const AJV_OPTIONS: Options = {
  strict: false,
  allErrors: true,
  verbose: true,
  logger: false,
  validateSchema: false,
  validateFormats: true,
};

function draftOf(schema: Record<string, unknown>): Draft {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('2020-12')) return '2020-12';
  if (declared.includes('2019-09')) return '2019-09';
  return 'draft-07';
}

function addFormats(ajv: Ajv | Ajv2019 | Ajv2020): void {
  ajv.addFormat('uri', (value: string) => {
    try {
      return new URL(value).protocol.length > 1;
    } catch {
      return false;
    }
  });
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat(
    'date-time',
    (value: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i.test(value) &&
      !Number.isNaN(Date.parse(value)),
  );
}

function createAjv(draft: Draft): Ajv | Ajv2019 | Ajv2020 {
  const ajv =
    draft === '2020-12'
      ? new Ajv2020(AJV_OPTIONS)
      : draft === '2019-09'
        ? new Ajv2019(AJV_OPTIONS)
        : new Ajv(AJV_OPTIONS);
  addFormats(ajv);
  return ajv;
}

/**
 * The tools of one spec with their JSON Schemas compiled once (lazily, on first use). MCP tool schemas are
 * usually draft-07 (plain Ajv); `$schema` URLs naming 2019-09 or 2020-12 select those dialects. A schema that
 * cannot be compiled is treated as absent: arguments are then passed through unvalidated rather than rejecting
 * every call to a tool of a real server.
 */
export class ToolCatalog {
  readonly tools: readonly ToolDefinition[];
  private readonly byName = new Map<string, ToolDefinition>();
  private readonly ajvByDraft = new Map<Draft, Ajv | Ajv2019 | Ajv2020>();
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor(tools: readonly ToolDefinition[]) {
    this.tools = tools;
    for (const tool of tools) if (!this.byName.has(tool.name)) this.byName.set(tool.name, tool);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  get(name: string): ToolDefinition | undefined {
    return this.byName.get(name);
  }

  /** Argument issues for a call, in the SDK's wording; empty when the arguments are valid. */
  argumentIssues(tool: ToolDefinition, args: Record<string, unknown>): SchemaIssue[] {
    const validate = this.validator(tool, 'input');
    if (validate === undefined || validate(args)) return [];
    return schemaIssues(validate.errors ?? [], tool.inputSchema);
  }

  /**
   * The issues of a structured result against the tool's outputSchema, in the SDK's wording: empty when it
   * validates, undefined when the tool declares no outputSchema (or it cannot be compiled).
   */
  outputIssues(tool: ToolDefinition, value: unknown): SchemaIssue[] | undefined {
    const validate = this.validator(tool, 'output');
    if (validate === undefined) return undefined;
    if (validate(value)) return [];
    return schemaIssues(validate.errors ?? [], tool.outputSchema);
  }

  /** Whether a parsed JSON observation is a valid result of the tool (see OutputSchemaMatch). */
  matchOutput(tool: ToolDefinition, value: unknown): OutputSchemaMatch {
    const validate = this.validator(tool, 'output');
    if (validate === undefined) return { kind: 'no-schema' };
    if (validate(value)) return { kind: 'valid', structured: isPlainObject(value) ? value : undefined };
    const issues = schemaIssues(validate.errors ?? [], tool.outputSchema);
    const properties = tool.outputSchema?.properties;
    if (isPlainObject(properties)) {
      for (const property of Object.keys(properties)) {
        const wrapped = { [property]: value };
        if (validate(wrapped)) return { kind: 'field', property, structured: wrapped };
      }
    }
    return { kind: 'invalid', issues };
  }

  private validator(tool: ToolDefinition, which: 'input' | 'output'): ValidateFunction | undefined {
    const schema = which === 'input' ? tool.inputSchema : tool.outputSchema;
    if (schema === undefined) return undefined;
    const key = `${which}\u0000${tool.name}`;
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let compiled: ValidateFunction | null;
    try {
      const draft = draftOf(schema);
      let ajv = this.ajvByDraft.get(draft);
      if (ajv === undefined) {
        ajv = createAjv(draft);
        this.ajvByDraft.set(draft, ajv);
      }
      // `$schema` is only a dialect marker here and a top-level `$id` would clash between tools.
      const { $schema: _dialect, $id: _id, ...body } = schema;
      compiled = ajv.compile(body);
    } catch {
      compiled = null;
    }
    this.validators.set(key, compiled);
    return compiled ?? undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const catalogs = new WeakMap<readonly ToolDefinition[], ToolCatalog>();

/** The compiled tool catalog of a prepared spec (cached per tool list). INVALID_SPEC when the spec has none. */
export function toolCatalog(spec: WorldSpec): ToolCatalog {
  const tools = spec.tools;
  if (tools === undefined || tools.length === 0) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      spec.toolsFrom === undefined
        ? 'Invalid WorldSpec at $.tools: an mcp world needs tool definitions ("tools") or a server to list them from ("toolsFrom").'
        : 'Invalid WorldSpec at $.tools: the tools of "toolsFrom" have not been fetched yet; create the session with createEnv (it calls prepare()).',
      { details: { path: '$.tools' } },
    );
  }
  let catalog = catalogs.get(tools);
  if (catalog === undefined) {
    catalog = new ToolCatalog(tools);
    catalogs.set(tools, catalog);
  }
  return catalog;
}
