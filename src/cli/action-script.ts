import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { AgentWorldError } from '../core/errors.js';

/** One scripted action and where it came from (for error messages). */
export interface ScriptedAction {
  readonly action: unknown;
  /** `FILE:LINE` (or `FILE[INDEX]` for a JSON array file). */
  readonly where: string;
}

/**
 * The actions of `agentworld record --actions FILE`: JSONL (one JSON action per line, blank lines and lines
 * starting with `#` skipped), or, for a `.json` file or a file whose first line is not JSON on its own, one JSON
 * array of actions. `-` reads JSONL from stdin as it arrives, so a live agent can feed it. Lines are parsed only
 * when their turn comes, so a malformed line stops the recording there, after the turns before it were
 * committed. Every session of a multi-session recording replays the same actions (read once, kept in memory).
 */
export class ActionScript {
  private readonly seen: ScriptedAction[] = [];
  private iterator: AsyncIterator<ScriptedAction> | undefined;
  private exhausted = false;

  private constructor(private readonly source: () => AsyncGenerator<ScriptedAction>) {}

  static open(path: string): ActionScript {
    return new ActionScript(() => readActions(path));
  }

  /** The action of turn `index` (0-based), or undefined after the last one. Throws on a malformed line. */
  async at(index: number): Promise<ScriptedAction | undefined> {
    while (this.seen.length <= index && !this.exhausted) {
      this.iterator ??= this.source();
      const next = await this.iterator.next();
      if (next.done === true) this.exhausted = true;
      else this.seen.push(next.value);
    }
    return this.seen[index];
  }
}

async function* readActions(path: string): AsyncGenerator<ScriptedAction> {
  const name = path === '-' ? 'stdin' : path;
  if (path !== '-' && (path.endsWith('.json') || (await looksLikeJsonArray(path)))) {
    yield* readArrayFile(path);
    return;
  }
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber += 1;
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      yield {
        action: parseAction(line, `${name}:${lineNumber}`, { file: name, line: lineNumber }),
        where: `${name}:${lineNumber}`,
      };
    }
  } catch (error) {
    throw readError(name, error);
  } finally {
    lines.close();
  }
}

/** A pretty-printed JSON array: its first non-blank line is not a JSON value on its own. */
async function looksLikeJsonArray(path: string): Promise<boolean> {
  let head: string;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(65536);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw readError(path, error);
  }
  const first = head
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
  if (first === undefined || !first.startsWith('[')) return false;
  try {
    JSON.parse(first);
    return false;
  } catch {
    return true;
  }
}

async function* readArrayFile(path: string): AsyncGenerator<ScriptedAction> {
  let text: string;
  try {
    const { readFile } = await import('node:fs/promises');
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw readError(path, error);
  }
  const value = parseAction(text, path, { file: path });
  if (!Array.isArray(value)) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `${path}: a .json actions file holds one JSON array of actions.`,
      {
        details: { file: path },
      },
    );
  }
  for (const [index, action] of value.entries()) yield { action, where: `${path}[${index}]` };
}

function parseAction(text: string, where: string, details: Record<string, unknown>): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `${where}: not a JSON action (${error instanceof Error ? error.message : String(error)}); write one action per line in the world's dialect.`,
      { cause: error, details },
    );
  }
}

function readError(path: string, error: unknown): AgentWorldError {
  if (error instanceof AgentWorldError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return new AgentWorldError(
    'INVALID_REQUEST',
    code === 'ENOENT'
      ? `Actions file not found: ${path}`
      : `Could not read actions from ${path}: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error, details: { file: path } },
  );
}
