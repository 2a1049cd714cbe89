/**
 * Reading bench files line by line (`bench score`, `bench turing`, `bench report`): each non-blank line is
 * sorted by its `format` and validated by that format's schema, or skipped with the reason.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AgentWorldError } from '../core/errors.js';
import { issuesOf } from '../core/validation.js';
import {
  INFER_LINE_FORMAT,
  type InferLine,
  InferLineSchema,
  JUDGED_LINE_FORMAT,
  type JudgedLine,
  JudgedLineSchema,
} from './schemas.js';

/** A line of an infer or a judged file. */
export type PredictionLine = InferLine | JudgedLine;

/** The schemas of infer and judged lines, by format. */
export const PREDICTION_LINE_SCHEMAS = {
  [INFER_LINE_FORMAT]: InferLineSchema,
  [JUDGED_LINE_FORMAT]: JudgedLineSchema,
} as const;

/** A bench file's text; a missing file is INVALID_REQUEST, any other failure STORE_ERROR. */
export async function readBenchFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as { code?: unknown } | null)?.code === 'ENOENT';
    throw new AgentWorldError(
      missing ? 'INVALID_REQUEST' : 'STORE_ERROR',
      missing ? `No such file: ${path}` : `Could not read ${path}: ${String(error)}`,
      { cause: error },
    );
  }
}

/** A line of a bench file (numbered from 1): the validated line, or why it was skipped. */
export type BenchFileLine<Line> =
  | { readonly number: number; readonly line: Line }
  | { readonly number: number; readonly skipped: string };

/**
 * The non-blank lines of `text`, each parsed by the schema its `format` names in `schemas`; a line that is not
 * JSON, has another format (`not <expected> (format …)`) or fails its schema is skipped with the reason.
 */
export function* benchFileLines<Schemas extends Readonly<Record<string, z.ZodType>>>(
  text: string,
  schemas: Schemas,
  expected: string,
): Generator<BenchFileLine<z.infer<Schemas[keyof Schemas]>>> {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = (lines[index] as string).replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const number = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      yield { number, skipped: `not JSON (${error instanceof Error ? error.message : String(error)})` };
      continue;
    }
    const format = (value as { format?: unknown } | null)?.format;
    const schema = typeof format === 'string' && Object.hasOwn(schemas, format) ? schemas[format] : undefined;
    if (schema === undefined) {
      yield { number, skipped: `not ${expected} (format ${JSON.stringify(format)})` };
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) yield { number, line: parsed.data as z.infer<Schemas[keyof Schemas]> };
    else {
      const first = issuesOf(parsed.error)[0];
      yield { number, skipped: `invalid at ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}` };
    }
  }
}
