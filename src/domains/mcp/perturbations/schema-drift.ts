import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { callSubject, isPlainRecord, parseJsonValue, stringifyLike } from './mcp-call.js';

export const SchemaDriftParamsSchema = z.strictObject({
  /** The API version the upgraded server reports in every result. */
  version: z.string().min(1).max(20).default('2'),
});
export type SchemaDriftParams = z.infer<typeof SchemaDriftParamsSchema>;

function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (isPlainRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [snakeCase(key), snakeKeys(field)]),
    );
  }
  return value;
}

/**
 * The server was upgraded and its results changed shape: every result is wrapped in a versioned envelope and
 * field names switched to snake_case, so code written against the declared output schema breaks.
 */
export const schemaDrift = definePerturbation<SchemaDriftParams>({
  id: 'schema-drift',
  title: 'Result schema drift',
  description:
    'The server was upgraded: results come wrapped as {"api_version": version, "data": …} with every field ' +
    'name in snake_case, no longer matching the tool definitions the agent was given.',
  params: SchemaDriftParamsSchema,
  overridesChecks: {
    'output-schema':
      'the {"api_version", "data"} envelope with snake_case keys no longer matching the declared schema is the drift itself',
  },
  instruction: ({ version }, context) =>
    `The server now runs API version ${version} and ${callSubject(context)} answers in its new format: one JSON ` +
    `object {"api_version": "${version}", "data": <result>} where the result keeps its content but every field ` +
    'name is in snake_case (for example "entityType" becomes "entity_type"); a plain-text result goes into ' +
    '"data" as {"message": "<text>"}. The tool definitions are not updated.',
  render: ({ version }, { observation }) => {
    const parsed = parseJsonValue(observation);
    const data = parsed.ok ? snakeKeys(parsed.value) : { message: observation };
    return stringifyLike(observation, { api_version: version, data });
  },
  manifested: ({ version }, { observation }) => {
    const parsed = parseJsonValue(observation);
    if (!parsed.ok || !isPlainRecord(parsed.value)) return false;
    const reported = parsed.value.api_version ?? parsed.value.apiVersion;
    return (typeof reported === 'string' || typeof reported === 'number') && String(reported) === version;
  },
});
