import type { ErrorObject } from 'ajv';

/**
 * Turns ajv errors into the messages a real MCP server prints for bad tool arguments. Servers built on the
 * official TypeScript SDK validate arguments with zod and report each issue as `<message> at <dot path>`
 * (`Invalid input: expected number, received string at a`), so the wording here follows zod's.
 */
export interface SchemaIssue {
  /** `$.a[0].b` path inside the validated value. */
  readonly path: string;
  /** Dot path as the SDK prints it (`a[0].b`); empty for the root. */
  readonly dotPath: string;
  readonly message: string;
}

/** One issue as the SDK renders it: the message, then ` at <dot path>` unless it concerns the root. */
export function renderSchemaIssue(issue: SchemaIssue): string {
  return issue.dotPath.length === 0 ? issue.message : `${issue.message} at ${issue.dotPath}`;
}

/** zod's name for a value's type, as used in `received …`. */
export function describeValueType(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

function expectedTypeName(type: unknown): string | undefined {
  const types = Array.isArray(type) ? type : typeof type === 'string' ? type.split(',') : [];
  const first = types.find((entry): entry is string => typeof entry === 'string' && entry !== 'null');
  if (first === undefined) return undefined;
  return first === 'integer' ? 'int' : first;
}

function listValues(values: unknown): string {
  return Array.isArray(values) ? values.map((value) => JSON.stringify(value)).join('|') : '';
}

const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  uri: 'Invalid URL',
  url: 'Invalid URL',
  email: 'Invalid email address',
  uuid: 'Invalid UUID',
  'date-time': 'Invalid ISO datetime',
  date: 'Invalid ISO date',
};

function decodePointer(pointer: string): string[] {
  if (pointer.length === 0) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function toPaths(segments: readonly string[]): { path: string; dotPath: string } {
  let path = '$';
  let dotPath = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) {
      path += `[${segment}]`;
      dotPath += `[${segment}]`;
    } else {
      path += `.${segment}`;
      dotPath += dotPath.length === 0 ? segment : `.${segment}`;
    }
  }
  return { path, dotPath };
}

function propertySchema(parentSchema: unknown, property: string): Record<string, unknown> | undefined {
  if (parentSchema === null || typeof parentSchema !== 'object') return undefined;
  const properties = (parentSchema as { properties?: unknown }).properties;
  if (properties === null || typeof properties !== 'object') return undefined;
  const schema = (properties as Record<string, unknown>)[property];
  return schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>) : undefined;
}

function messageOf(error: ErrorObject): { segments: string[]; message: string } {
  const segments = decodePointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const limit = params.limit;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const schema = propertySchema(error.parentSchema, missing);
      const expected = expectedTypeName(schema?.type);
      const message =
        expected === undefined && Array.isArray(schema?.enum)
          ? `Invalid option: expected one of ${listValues(schema?.enum)}`
          : `Invalid input: expected ${expected ?? 'value'}, received undefined`;
      return { segments: [...segments, missing], message };
    }
    case 'type':
      return {
        segments,
        message: `Invalid input: expected ${expectedTypeName(params.type) ?? 'value'}, received ${describeValueType(error.data)}`,
      };
    case 'enum':
      return { segments, message: `Invalid option: expected one of ${listValues(params.allowedValues)}` };
    case 'const':
      return { segments, message: `Invalid input: expected ${JSON.stringify(params.allowedValue)}` };
    case 'minimum':
      return { segments, message: `Too small: expected number to be >=${String(limit)}` };
    case 'exclusiveMinimum':
      return { segments, message: `Too small: expected number to be >${String(limit)}` };
    case 'maximum':
      return { segments, message: `Too big: expected number to be <=${String(limit)}` };
    case 'exclusiveMaximum':
      return { segments, message: `Too big: expected number to be <${String(limit)}` };
    case 'minLength':
      return { segments, message: `Too small: expected string to have >=${String(limit)} characters` };
    case 'maxLength':
      return { segments, message: `Too big: expected string to have <=${String(limit)} characters` };
    case 'minItems':
      return { segments, message: `Too small: expected array to have >=${String(limit)} items` };
    case 'maxItems':
      return { segments, message: `Too big: expected array to have <=${String(limit)} items` };
    case 'minProperties':
      return { segments, message: `Too small: expected object to have >=${String(limit)} properties` };
    case 'maxProperties':
      return { segments, message: `Too big: expected object to have <=${String(limit)} properties` };
    case 'additionalProperties':
      return { segments, message: `Unrecognized key: ${JSON.stringify(params.additionalProperty)}` };
    case 'pattern':
      return { segments, message: `Invalid string: must match pattern /${String(params.pattern)}/` };
    case 'format': {
      const format = String(params.format);
      return { segments, message: FORMAT_MESSAGES[format] ?? `Invalid string: must be a valid ${format}` };
    }
    case 'multipleOf':
      return { segments, message: `Invalid number: must be a multiple of ${String(params.multipleOf)}` };
    case 'uniqueItems':
      return { segments, message: 'Invalid input: array items must be unique' };
    case 'anyOf':
    case 'oneOf':
      return { segments, message: 'Invalid input' };
    default:
      return { segments, message: `Invalid input: ${error.message ?? `failed "${error.keyword}"`}` };
  }
}

/**
 * Converts ajv errors (collected with `allErrors` and `verbose`) into SDK-style issues: errors inside the
 * branches of a failed `anyOf`/`oneOf` are folded into that one error, only the first issue per path is kept,
 * and top-level issues follow the order of the schema's `properties` (as zod reports them).
 */
export function schemaIssues(errors: readonly ErrorObject[], rootSchema: unknown): SchemaIssue[] {
  const branchPaths = errors
    .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
    .map((error) => `${error.schemaPath}/`);
  const kept = errors.filter(
    (error) => !branchPaths.some((prefix) => error.schemaPath.startsWith(prefix)) && error.keyword !== 'if',
  );
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const error of kept) {
    const { segments, message } = messageOf(error);
    const { path, dotPath } = toPaths(segments);
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, dotPath, message });
  }
  const properties =
    rootSchema !== null && typeof rootSchema === 'object'
      ? Object.keys(((rootSchema as { properties?: unknown }).properties as object | undefined) ?? {})
      : [];
  const rank = (issue: SchemaIssue): number => {
    const head = issue.dotPath.split(/[.[]/)[0] ?? '';
    const index = properties.indexOf(head);
    return index === -1 ? properties.length : index;
  };
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.index - b.index)
    .map((entry) => entry.issue);
}
