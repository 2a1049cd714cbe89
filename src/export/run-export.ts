import type { ProvenanceSource } from '../core/turn.js';
import { agentSftChat } from './agent-sft.js';
import { AtomicJsonlWriter } from './atomic-jsonl-writer.js';
import { benchRows } from './bench.js';
import { chatRow } from './chat-dialects.js';
import { readSessions } from './read-sessions.js';
import type { ExportDialect, ExportFormat, TurnSelection } from './schemas.js';
import { selectTurns } from './turn-selection.js';
import { worldModelChats } from './world-model.js';

export interface ExportOptions {
  readonly format: ExportFormat;
  /** For world-model and agent-sft (default sharegpt). */
  readonly dialect?: ExportDialect | undefined;
  /** Default: sampled for bench, all for world-model; agent-sft exports whole sessions. */
  readonly turns?: TurnSelection | undefined;
  readonly provenance?: readonly ProvenanceSource[] | undefined;
  /**
   * bench and world-model: keep this fraction (0..1) of the exported turns, a uniform random subsample drawn
   * per turn from (seed, session id, turn), as the paper subsamples 50 % of its expanded turns; default all.
   * agent-sft exports whole sessions and ignores it.
   */
  readonly subsample?: number | undefined;
  /** The subsample's seed (default 0). */
  readonly seed?: number | undefined;
  readonly out: string;
  readonly inputs: readonly string[];
  /** Called after each session with the bytes of input read so far (all files together). */
  readonly onProgress?: ((bytes: number) => void) | undefined;
}

export interface ExportSummary {
  readonly sessions: number;
  readonly rows: number;
}

/**
 * Streams the sessions of the input files into one JSONL file of the chosen format. A damaged input line fails
 * the whole export (its error names file:line) and leaves `out` untouched: rows go to a temporary file that is
 * renamed over `out` only when every input was read.
 */
export async function exportSessions(options: ExportOptions): Promise<ExportSummary> {
  const dialect = options.dialect ?? 'sharegpt';
  const turns = options.turns ?? (options.format === 'bench' ? 'sampled' : 'all');
  const writer = await AtomicJsonlWriter.open(options.out);
  let sessions = 0;
  let rows = 0;
  let doneFiles = 0;
  let lastFile: string | undefined;
  let lastBytes = 0;
  try {
    for await (const { record, file, bytes } of readSessions(options.inputs)) {
      if (lastFile !== undefined && file !== lastFile) doneFiles += lastBytes;
      lastFile = file;
      lastBytes = bytes;
      const filter = {
        turns,
        provenance: options.provenance,
        subsample: options.subsample,
        seed: options.seed,
      };
      const values: unknown[] = [];
      if (options.format === 'bench') {
        values.push(...benchRows(record, selectTurns(record, filter)));
      } else if (options.format === 'world-model') {
        for (const chat of worldModelChats(record, selectTurns(record, filter)))
          values.push(chatRow(chat, dialect));
      } else {
        const chat = agentSftChat(
          record,
          new Set(selectTurns(record, { turns: 'all', provenance: options.provenance })),
        );
        if (chat !== undefined) values.push(chatRow(chat, dialect));
      }
      for (const value of values) await writer.write(value);
      rows += values.length;
      sessions += 1;
      options.onProgress?.(doneFiles + bytes);
    }
    await writer.commit();
  } catch (error) {
    await writer.discard();
    throw error;
  }
  return { sessions, rows };
}
