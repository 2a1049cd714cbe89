import type { CallOptions } from '../core/abort.js';
import { ResultLog, type ResultLogFormat, readResultLog } from '../core/result-log.js';
import { type EpisodeLine, EpisodeLineSchema, episodeKey } from './types.js';

/*
 * A rollout's output: the shared append-only result log (src/core/result-log.ts), one finished episode per line,
 * fsynced before the episode is reported done; lines finished at the same time share one write and one fsync,
 * so 256 episodes finishing at once cost a few fsyncs, not 256 in a row. A crash (kill -9) leaves at most one
 * torn line, at the end: reopening the file warns, cuts it off, and that episode runs again. Resume skips every
 * key (task id, episode index, member) already scored, so no scored episode is ever written twice. An episode
 * committed as an infrastructure failure (never scored) runs again on resume: its old line stays in the file as
 * history, and every reader takes the latest line of each key.
 */

/**
 * Episode lines. A line may follow an infrastructure line of its key (the episode ran again on resume); a line
 * after a scored line of its key is not written by a rollout: the latest is kept, with a warning.
 */
const EPISODE_LOG_FORMAT: ResultLogFormat<EpisodeLine> = {
  schema: EpisodeLineSchema,
  key: episodeKey,
  noun: 'episode line',
  item: 'episode',
  repeatWarning: (earlier, key) =>
    earlier.blame === 'infrastructure'
      ? undefined
      : `scored episode ${key} appears again; the latest line is kept`,
};

/**
 * Reads a rollout output's committed episodes, the latest line of each key, in the order of those lines (a torn
 * last line is skipped with a warning, not cut).
 */
export async function readEpisodeLog(
  path: string,
  options: CallOptions = {},
): Promise<{ readonly episodes: EpisodeLine[]; readonly warnings: string[] }> {
  const { lines, warnings } = await readResultLog(path, EPISODE_LOG_FORMAT, options);
  return { episodes: lines, warnings };
}

/**
 * An open rollout output: what is already committed, and an append that commits one more episode (resolved once
 * its line is on disk).
 */
export class EpisodeLog {
  private constructor(private readonly log: ResultLog<EpisodeLine>) {}

  /** Opens (creating) the output, cutting off a torn last line so the next append starts on a fresh line. */
  static async open(path: string, options: CallOptions = {}): Promise<EpisodeLog> {
    return new EpisodeLog(await ResultLog.open(path, EPISODE_LOG_FORMAT, options));
  }

  get path(): string {
    return this.log.path;
  }

  /** The latest committed line of each key (an infrastructure line is replaced by its rerun), in file order. */
  get committed(): ReadonlyMap<string, EpisodeLine> {
    return this.log.committed;
  }

  get warnings(): readonly string[] {
    return this.log.warnings;
  }

  has(key: string): boolean {
    return this.log.committed.has(key);
  }

  /** Whether the key's latest line is scored (not an infrastructure failure): resume skips it. */
  isDone(key: string): boolean {
    const line = this.log.get(key);
    return line !== undefined && line.blame !== 'infrastructure';
  }

  /** Appends one episode as one line and flushes it to disk; resolves once the line is on disk. */
  append(line: EpisodeLine): Promise<void> {
    return this.log.append(line);
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
