import { z } from 'zod';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import { parseWorldSpec } from '../../session/create-env.js';
import {
  actionJsonSchema,
  isSchemaName,
  jsonSchemaFor,
  unknownSchemaError,
} from '../../session/json-schemas.js';
import { readSpecFile } from '../../session/spec-file.js';
import { TaskSchema } from '../../tasks/task-schema.js';
import { formatError } from '../output.js';

/** `agentworld schema NAME`: prints a JSON Schema emitted from the zod schemas. */
export async function runSchema(name: string, options: { spec?: string }): Promise<number> {
  try {
    let schema: Record<string, unknown>;
    if (name === 'action') {
      if (options.spec === undefined) {
        throw new AgentWorldError(
          'INVALID_REQUEST',
          'The action schema depends on the spec: pass --spec SPEC.',
        );
      }
      schema = actionJsonSchema(parseWorldSpec(await readSpecFile(options.spec)));
    } else if (name === 'task') {
      // A task file is written by people: describe what they may write (defaults make fields optional).
      schema = z.toJSONSchema(TaskSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    } else if (isSchemaName(name)) {
      schema = jsonSchemaFor(name);
    } else {
      throw unknownSchemaError(name);
    }
    process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    return 0;
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
}
