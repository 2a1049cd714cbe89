import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SessionRecord, SessionRecordSchema } from '../../src/core/turn.js';
import type { WorldSpecInput } from '../../src/core/world-spec.js';

/** Absolute path of a file under the repository's `examples/` folder. */
export function examplePath(relative: string): string {
  return fileURLToPath(new URL(`../../examples/${relative}`, import.meta.url));
}

/** One of the bundled WorldSpecs (`terminal`, `mcp`, `search`), read as the raw JSON value. */
export function exampleSpec(name: 'terminal' | 'mcp' | 'search'): WorldSpecInput {
  return JSON.parse(readFileSync(examplePath(`${name}.json`), 'utf8')) as WorldSpecInput;
}

/** The recorded sessions of `examples/sessions/<name>.jsonl`, validated. */
export function recordedSessions(name: 'terminal' | 'mcp'): SessionRecord[] {
  return readFileSync(examplePath(`sessions/${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
}
