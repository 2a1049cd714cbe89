import { readFile } from 'node:fs/promises';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import type { SessionRecord } from '../core/turn.js';
import { ANONYMOUS_OWNER } from '../server/sessions/owner.js';
import { SessionRepository } from '../server/sessions/session-repository.js';
import type { Store } from '../store/store.js';
import { parseSessionLines, writeSessionFile } from './session-file.js';

/**
 * Where `agentworld record` commits a session, turn by turn: the store (SQLite or PostgreSQL; the env server's
 * session tables, one row per turn, each insert its own transaction) and a JSONL file holding exactly one complete
 * record per session, replaced atomically (temporary file, fsync, rename) after every turn. A crash therefore
 * leaves every committed turn in both, the file never holds a torn line, and nothing is written twice: the
 * store refuses a turn index it already has, and the file swaps the session's one line in place.
 */
export class RecordingSink {
  private readonly repository: SessionRepository | undefined;

  constructor(
    store: Store | undefined,
    private readonly outPath: string | undefined,
  ) {
    this.repository = store === undefined ? undefined : new SessionRepository(store);
  }

  /** Checks that the output file (when it exists) is a readable session file, before anything is recorded. */
  async check(options: CallOptions = {}): Promise<void> {
    await this.records(options);
  }

  /** Stores a new session (after its reset, usually with no turns). */
  async begin(record: SessionRecord, options: CallOptions = {}): Promise<void> {
    await this.repository?.create(record, ANONYMOUS_OWNER, Date.now(), options);
    await this.writeFile(record, options);
  }

  /** Commits the session's newest turn. */
  async commitTurn(record: SessionRecord, options: CallOptions = {}): Promise<void> {
    const turn = record.turns.at(-1);
    if (turn === undefined)
      throw new AgentWorldError('INTERNAL', `Session ${record.id} has no turn to commit.`);
    await this.repository?.appendTurn(record.id, turn, Date.now(), options);
    await this.writeFile(record, options);
  }

  /** Marks the session complete (closed) in both. */
  async finish(record: SessionRecord, options: CallOptions = {}): Promise<void> {
    await this.repository?.markClosed(record.id, Date.now(), options);
    await this.writeFile(record, options);
  }

  private async writeFile(record: SessionRecord, options: CallOptions): Promise<void> {
    if (this.outPath === undefined) return;
    const others = await this.records(options);
    const index = others.findIndex((other) => other.id === record.id);
    const records = [...others];
    if (index === -1) records.push(record);
    else records[index] = record;
    await writeSessionFile(this.outPath, records, options);
  }

  /** The records of the output file as it is now (other writers' records are kept). */
  private async records(options: CallOptions): Promise<SessionRecord[]> {
    if (this.outPath === undefined) return [];
    throwIfAborted(options.signal);
    let text: string;
    try {
      text = await readFile(this.outPath, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === 'ENOENT') return [];
      throw new AgentWorldError(
        'STORE_ERROR',
        `Could not read ${this.outPath}: ${(error as Error).message}`,
        {
          cause: error,
          details: { file: this.outPath },
        },
      );
    }
    return parseSessionLines(text, this.outPath);
  }
}
