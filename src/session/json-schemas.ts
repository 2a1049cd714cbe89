import { z } from 'zod';
import { AgentWorldError } from '../core/errors.js';
import { ResetResultSchema, SessionRecordSchema, StepResultSchema } from '../core/turn.js';
import { type WorldSpec, WorldSpecSchema } from '../core/world-spec.js';
import { getDomain } from '../domains/index.js';
import { WorldFileSchema } from '../worlds/index.js';

export const SCHEMA_NAMES = ['worldspec', 'session', 'step-result', 'reset-result', 'world-file'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const SCHEMAS: Record<SchemaName, { schema: z.ZodType; io: 'input' | 'output' }> = {
  // A spec is written by people: describe what they may write (defaults make fields optional).
  worldspec: { schema: WorldSpecSchema, io: 'input' },
  session: { schema: SessionRecordSchema, io: 'output' },
  'step-result': { schema: StepResultSchema, io: 'output' },
  'reset-result': { schema: ResetResultSchema, io: 'output' },
  'world-file': { schema: WorldFileSchema, io: 'input' },
};

/** JSON Schema (draft 2020-12) emitted from the zod schema that validates the same data. */
export function jsonSchemaFor(name: SchemaName): Record<string, unknown> {
  const entry = SCHEMAS[name];
  return z.toJSONSchema(entry.schema, { io: entry.io, unrepresentable: 'any' }) as Record<string, unknown>;
}

/** JSON Schema of the actions a spec accepts (its domain's dialect; for tool domains, its tools). */
export function actionJsonSchema(spec: WorldSpec): Record<string, unknown> {
  const schema = getDomain(spec.domain).actionSchema(spec);
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export function isSchemaName(name: string): name is SchemaName {
  return (SCHEMA_NAMES as readonly string[]).includes(name);
}

export function unknownSchemaError(name: string): AgentWorldError {
  return new AgentWorldError(
    'INVALID_REQUEST',
    `Unknown schema "${name}": use ${[...SCHEMA_NAMES, 'task', 'action'].join(', ')}.`,
  );
}
