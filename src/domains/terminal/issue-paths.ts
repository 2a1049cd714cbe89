import type { z } from 'zod';
import { formatPath, type Issue } from '../../core/validation.js';

/** Zod issues as `$.a[0].b` paths; an unknown key is reported at its own path (`$[0].foo`), not its parent's. */
export function issuesWithKeys(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => {
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    return {
      path: formatPath(key === undefined ? issue.path : [...issue.path, key]),
      message: issue.message,
    };
  });
}
