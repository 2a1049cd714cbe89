import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { readSpecFile } from '../../session/spec-file.js';

/** A spec name a client may send: letters, digits, `-` and `_` (never a path, so no file outside is read). */
const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The raw WorldSpec a client asked for: an inline object as it is, or a name — one of the server's own named
 * specs, else a bundled example (`examples/<name>.json`). Validate the result with `parseWorldSpec`.
 */
export async function resolveSpecInput(
  input: unknown,
  namedSpecs: Readonly<Record<string, unknown>>,
  options: CallOptions = {},
): Promise<unknown> {
  if (typeof input !== 'string') return input;
  if (!SPEC_NAME.test(input)) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Spec name "${input.slice(0, 80)}" is not valid: send a bundled example name (e.g. terminal) or an inline WorldSpec object.`,
      { details: { path: '$.spec' } },
    );
  }
  if (Object.hasOwn(namedSpecs, input)) return namedSpecs[input];
  return readSpecFile(input, options.signal === undefined ? {} : { signal: options.signal });
}
