import { Ajv, type ValidateFunction } from 'ajv';
import { AgentWorldError } from '../../../../core/errors.js';
import type { ToolDefinition } from '../../../../core/world-spec.js';

const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Compiles a user tool's `inputSchema` (MCP schemas are draft-07; a `$schema` line naming another draft is
 * ignored so plain keywords still apply). Throws INVALID_SPEC when the schema itself is broken.
 */
export function compileToolSchema(tool: ToolDefinition): ValidateFunction {
  const cached = compiled.get(tool.inputSchema);
  if (cached !== undefined) return cached;
  const { $schema: _ignored, ...schema } = tool.inputSchema;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AgentWorldError('INVALID_SPEC', `Tool ${tool.name} has an unusable inputSchema: ${reason}`, {
      cause: error,
    });
  }
  compiled.set(tool.inputSchema, validate);
  return validate;
}

/** Checks arguments against a user tool's JSON Schema; failure is INVALID_ARGUMENTS with a `$.arguments…` path. */
export function validateUserToolArguments(tool: ToolDefinition, args: Record<string, unknown>): void {
  const validate = compileToolSchema(tool);
  if (validate(args)) return;
  const error = validate.errors?.[0];
  const pointer = error?.instancePath ?? '';
  let path = `$.arguments${pointerToPath(pointer)}`;
  const missing =
    error?.params && 'missingProperty' in error.params ? error.params.missingProperty : undefined;
  const extra =
    error?.params && 'additionalProperty' in error.params ? error.params.additionalProperty : undefined;
  if (typeof missing === 'string') path += `.${missing}`;
  if (typeof extra === 'string') path += `.${extra}`;
  const message = error?.message ?? 'does not match the input schema';
  throw new AgentWorldError('INVALID_ARGUMENTS', `Invalid ${tool.name} arguments at ${path}: ${message}`, {
    details: { path, issues: validate.errors ?? [] },
  });
}

function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
}
