import type { ToolDefinition } from '../../../../core/world-spec.js';
import { renderSchemaIssue, type SchemaIssue } from '../../schema-messages.js';
import { isPlainObject, ToolCatalog } from '../../tool-catalog.js';

/**
 * How a result without a real `structuredContent` gets one, for a tool that declares an outputSchema (the SDK
 * client rejects a successful result of such a tool that has none, or one that fails the schema).
 *
 * Real servers fill structuredContent in one of a few ways, and the text they send follows from it:
 * - `json`: the text is the JSON of the structured result (server-everything's `get-structured-content`,
 *   server-memory's `open_nodes`); the MCP spec recommends this.
 * - `json-field`: the text is the JSON of one field (server-memory's `create_entities` prints the entity array,
 *   its structured result is `{ entities }`).
 * - `text-field`: the schema's only required field is a string and the text is its value (every tool of
 *   server-filesystem: text `hello\n`, structured `{ content: "hello\n" }`).
 * - `acknowledgment`: the schema requires one string and otherwise only booleans, and the text is the string
 *   (server-memory's `delete_entities`: text `Entities deleted successfully`, structured
 *   `{ success: true, message: … }`); the booleans are `true`, as a result that is not an error reports.
 * (A real result keeps its own structuredContent: server-filesystem's `read_media_file` puts its image block
 * there, `{ content: [<the image block>] }`, which no text could give.) The rules are tried in this order and the first candidate that validates against the schema wins, so JSON
 * text is read as JSON even for a one-string schema. A result none of them fits is `unfit`.
 */
export type StructuredContentRule = 'json' | 'json-field' | 'text-field' | 'acknowledgment';

export type StructuredContentOutcome =
  /** The tool declares no outputSchema (or it cannot be compiled): no structuredContent is sent. */
  | { readonly kind: 'not-needed' }
  | { readonly kind: 'fits'; readonly rule: StructuredContentRule; readonly value: Record<string, unknown> }
  | { readonly kind: 'unfit'; readonly message: string; readonly issues: readonly SchemaIssue[] };

const singleToolCatalogs = new WeakMap<ToolDefinition, ToolCatalog>();

function catalogFor(tool: ToolDefinition): ToolCatalog {
  let catalog = singleToolCatalogs.get(tool);
  if (catalog === undefined) {
    catalog = new ToolCatalog([tool]);
    singleToolCatalogs.set(tool, catalog);
  }
  return catalog;
}

function typesOf(schema: unknown): string[] {
  if (!isPlainObject(schema)) return [];
  const type = schema.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((entry): entry is string => typeof entry === 'string') : [];
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}

interface Candidate {
  readonly rule: StructuredContentRule;
  readonly value: unknown;
}

/** The candidates of the text rules, in the schema's property order. */
function textCandidates(outputSchema: Record<string, unknown>, text: string): Candidate[] {
  const properties = isPlainObject(outputSchema.properties) ? outputSchema.properties : {};
  const names = Object.keys(properties);
  const strings = names.filter((name) => typesOf(properties[name]).includes('string'));
  const candidates: Candidate[] = strings.map((name) => ({ rule: 'text-field', value: { [name]: text } }));
  for (const name of strings) {
    const others = names.filter((other) => other !== name);
    if (others.length > 0 && others.every((other) => typesOf(properties[other]).includes('boolean'))) {
      const value = Object.fromEntries(names.map((entry) => [entry, entry === name ? text : true]));
      candidates.push({ rule: 'acknowledgment', value });
    }
  }
  return candidates;
}

/**
 * The structuredContent of a successful result of `tool` whose text is `text` (see StructuredContentRule).
 * Error results need none: do not call this for them.
 */
export function structuredContentFor(
  tool: ToolDefinition | undefined,
  text: string,
): StructuredContentOutcome {
  const outputSchema = tool?.outputSchema;
  if (tool === undefined || outputSchema === undefined) return { kind: 'not-needed' };
  const catalog = catalogFor(tool);
  let firstIssues: SchemaIssue[] | undefined;
  const json = parseJson(text);
  if (json.ok) {
    const match = catalog.matchOutput(tool, json.value);
    if (match.kind === 'no-schema') return { kind: 'not-needed' };
    if (match.kind === 'valid' && match.structured !== undefined) {
      return { kind: 'fits', rule: 'json', value: match.structured };
    }
    if (match.kind === 'field') return { kind: 'fits', rule: 'json-field', value: match.structured };
    if (match.kind === 'invalid') firstIssues = [...match.issues];
  }
  for (const candidate of textCandidates(outputSchema, text)) {
    const issues = catalog.outputIssues(tool, candidate.value);
    if (issues === undefined) return { kind: 'not-needed' };
    if (issues.length === 0 && isPlainObject(candidate.value)) {
      return { kind: 'fits', rule: candidate.rule, value: candidate.value };
    }
  }
  if (catalog.outputIssues(tool, {}) === undefined) return { kind: 'not-needed' };
  const issues = firstIssues ?? [];
  const [first, ...rest] = issues;
  const detail =
    first === undefined
      ? 'the text is not JSON, and the schema has no single text field to hold it'
      : `its JSON does not match: ${renderSchemaIssue(first)}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`;
  return {
    kind: 'unfit',
    message: `the result of tool "${tool.name}" cannot be given structuredContent that fits its outputSchema: ${detail}`,
    issues,
  };
}
