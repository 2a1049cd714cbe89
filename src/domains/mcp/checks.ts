import type { CheckContext } from '../../core/domain.js';
import type { CheckResult } from '../../core/turn.js';
import type { ToolDefinition } from '../../core/world-spec.js';
import { nonEmptyCheck, scaffoldingCheck } from '../shared/index.js';
import { actionTexts, specKnownTexts, successClaimCheck } from '../shared/success-claim-check.js';
import type { McpAction } from './dialects/mcp/index.js';
import { structuredContentFor, toolResultOf } from './dialects/mcp/index.js';
import { hasClearErrorSign, mayBeErrorMessage } from './error-signs.js';
import type { McpLedger } from './ledger.js';
import {
  deepReferences,
  isCreateTool,
  isDeleteTool,
  isIdKey,
  isNameKey,
  parseJsonObservation,
} from './resource-refs.js';
import { renderSchemaIssue } from './schema-messages.js';
import { isPlainObject, toolCatalog } from './tool-catalog.js';

export type McpCheckContext = CheckContext<McpAction, McpLedger>;

const pass = (id: string): CheckResult => ({ id, status: 'pass' });
const skip = (id: string): CheckResult => ({ id, status: 'skip' });
const fail = (id: string, message: string): CheckResult => ({ id, status: 'fail', message });

/** Runs one check; a check that throws is reported as skipped, never thrown. */
function safely(id: string, run: () => CheckResult): CheckResult {
  try {
    return run();
  } catch (error) {
    return {
      id,
      status: 'skip',
      message: `check could not run: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function toolOf(context: McpCheckContext): ToolDefinition | undefined {
  return toolCatalog(context.spec).get(context.action.name);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function typesOf(schema: unknown): string[] {
  if (!isPlainObject(schema)) return [];
  const type = schema.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((entry): entry is string => typeof entry === 'string') : [];
}

/**
 * Whether the output schema describes an acknowledgment a server may print as plain text: it has a top-level
 * string field (the message) and requires nothing but strings and booleans (server-memory's delete tools
 * declare `{ success: boolean, message: string }` and print only the message).
 */
function allowsPlainText(outputSchema: Record<string, unknown>): boolean {
  const properties = outputSchema.properties;
  if (!isPlainObject(properties)) return false;
  const hasString = Object.values(properties).some((property) => typesOf(property).includes('string'));
  const required = Array.isArray(outputSchema.required) ? outputSchema.required : [];
  const requiresData = required.some((name) => {
    const types = typesOf(typeof name === 'string' ? properties[name] : undefined);
    return types.some((type) => type !== 'string' && type !== 'boolean' && type !== 'null');
  });
  return hasString && !requiresData;
}

/**
 * `json-when-declared`: a tool with an outputSchema answers in JSON. Skipped for error-like texts. Plain prose is accepted for schemas whose structured result can hold it (a single text field, see
 * structured-content.ts) and for acknowledgment-shaped schemas (see allowsPlainText); text that starts like
 * JSON must parse.
 */
export function jsonWhenDeclaredCheck(context: McpCheckContext): CheckResult {
  const id = 'json-when-declared';
  const tool = toolOf(context);
  const outputSchema = tool?.outputSchema;
  if (outputSchema === undefined || mayBeErrorMessage(context.observation)) return skip(id);
  const text = context.observation.trim();
  const parsed = parseJson(text);
  if (parsed.ok || structuredContentFor(tool, context.observation).kind === 'fits') return pass(id);
  if (text.startsWith('{') || text.startsWith('['))
    return fail(id, `observation is malformed JSON: ${parsed.reason}`);
  if (allowsPlainText(outputSchema)) return pass(id);
  return fail(id, `tool "${context.action.name}" declares an outputSchema but the observation is not JSON`);
}

/**
 * `output-schema`: a successful result of a tool with an outputSchema can be sent with structuredContent that
 * validates, as a client that validates (the SDK's) requires. With the real result (`rawResult`), its own
 * `isError` and structuredContent are checked; otherwise the text's (see toolResultOf: skipped for an
 * error-signed text, which needs none; otherwise the structured-content rules must find one that fits). A failure here is also what the MCP
 * surface reports instead of a result the client would reject.
 */
export function outputSchemaCheck(context: McpCheckContext): CheckResult {
  const id = 'output-schema';
  const tool = toolOf(context);
  if (tool?.outputSchema === undefined) return skip(id);
  const real = context.rawResult;
  if (real !== undefined) {
    if (real.isError === true) return skip(id);
    const issues = toolCatalog(context.spec).outputIssues(tool, real.structuredContent ?? null);
    if (issues === undefined) return skip(id);
    if (!isPlainObject(real.structuredContent)) return fail(id, 'the real result has no structuredContent');
    const [first] = issues;
    return first === undefined
      ? pass(id)
      : fail(id, `the real structuredContent does not match the outputSchema: ${renderSchemaIssue(first)}`);
  }
  if (hasClearErrorSign(context.observation)) return skip(id);
  const outcome = toolResultOf(context, tool);
  return outcome.ok ? pass(id) : fail(id, outcome.message);
}

const ERROR_MARKER =
  /^(?:MCP error -?\d+|status:\s*error|error|[A-Za-z_][\w.]*(?:Error|Exception))\b\s*[:\-–]?\s*/i;

/** `error-shape`: an error-looking observation says what went wrong (more than a bare `Error:` marker). */
export function errorShapeCheck(context: McpCheckContext): CheckResult {
  const id = 'error-shape';
  const text = context.observation.trim();
  if (!hasClearErrorSign(text)) return skip(id);
  if (text.startsWith('{')) return pass(id);
  const rest = text.replace(ERROR_MARKER, '');
  if (!/[\p{L}\p{N}]/u.test(rest)) return fail(id, 'error observation has no message after its error marker');
  return pass(id);
}

/** Whether a JSON value shows `resource` as a live object (in an id or name field). */
function showsResource(json: unknown, resources: ReadonlySet<string>): string | undefined {
  let found: string | undefined;
  let visited = 0;
  const walk = (node: unknown, depth: number): void => {
    if (found !== undefined || depth > 32 || visited > 20_000 || node === null || typeof node !== 'object')
      return;
    visited += 1;
    if (Array.isArray(node)) {
      for (const entry of node) walk(entry, depth + 1);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if ((isIdKey(key) || isNameKey(key)) && (typeof value === 'string' || typeof value === 'number')) {
        if (resources.has(String(value))) {
          found = String(value);
          return;
        }
      }
      walk(value, depth + 1);
    }
  };
  walk(json, 0);
  return found;
}

/**
 * `deleted-stays-deleted`: a call that refers to a resource an earlier call deleted must not get it back as a
 * live object. Skipped unless the call names a deleted resource; create and delete tools are skipped (a
 * resource may be created again, and deleting twice may succeed quietly).
 */
export function deletedStaysDeletedCheck(context: McpCheckContext): CheckResult {
  const id = 'deleted-stays-deleted';
  const { action, ledger, observation } = context;
  if (ledger.deleted.length === 0 || isCreateTool(action.name) || isDeleteTool(action.name)) return skip(id);
  const deleted = new Set(ledger.deleted);
  const referenced = deepReferences(action.arguments, { ids: true, names: true, paths: true }).filter(
    (entry) => deleted.has(entry),
  );
  if (referenced.length === 0) return skip(id);
  if (mayBeErrorMessage(observation)) return pass(id);
  const json = parseJsonObservation(observation);
  if (json === undefined) return pass(id);
  const shown = showsResource(json, new Set(referenced));
  return shown === undefined
    ? pass(id)
    : fail(id, `observation shows "${shown}", which an earlier call deleted`);
}

/** All checks of one mcp observation; never throws. */
export function checkMcpObservation(context: McpCheckContext): CheckResult[] {
  return [
    safely('no-scaffolding', () => scaffoldingCheck(context.observation)),
    safely('non-empty', () => nonEmptyCheck(context.observation)),
    safely('json-when-declared', () => jsonWhenDeclaredCheck(context)),
    safely('output-schema', () => outputSchemaCheck(context)),
    safely('error-shape', () => errorShapeCheck(context)),
    safely('deleted-stays-deleted', () => deletedStaysDeletedCheck(context)),
    successClaimCheck({
      actionTexts: actionTexts(context.action.arguments),
      observation: context.observation,
      knownTexts: [
        ...specKnownTexts(context.spec),
        ...context.ledger.resourceIds,
        ...context.ledger.resourceNames,
      ],
    }),
  ];
}
