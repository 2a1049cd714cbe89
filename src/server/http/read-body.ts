import type { Context } from 'hono';
import type { z } from 'zod';
import { AgentWorldError } from '../../core/errors.js';
import { parseWith } from '../../core/validation.js';

/** Parses the request body as JSON and validates it; malformed JSON and bad fields are INVALID_REQUEST. */
export async function readJsonBody<T extends z.ZodType>(context: Context, schema: T): Promise<z.infer<T>> {
  const text = await context.req.text();
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `The request body is not valid JSON: ${(error as Error).message}`,
      {
        details: { path: '$' },
      },
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AgentWorldError('INVALID_REQUEST', 'The request body must be a JSON object.', {
      details: { path: '$' },
    });
  }
  return parseWith(schema, value, 'INVALID_REQUEST', 'request');
}
