import type { z } from 'zod';
import { AgentWorldError, type ErrorCode } from './errors.js';

export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** `$.a[0].b` style path of a zod issue. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '$';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  }
  return text;
}

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Parses with a zod schema; failure is an AgentWorldError whose message names the bad field's path. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  code: ErrorCode,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new AgentWorldError(code, `Invalid ${what} at ${summary}${more}`, {
    details: { issues, path: first?.path },
  });
}
