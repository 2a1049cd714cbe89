import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import type { SessionRecord } from '../../core/turn.js';
import { readRealCorpus } from '../../corpus/index.js';
import { readSessionFile } from '../../session/session-file.js';
import { TransitionIndex } from './transition-index.js';

function isSessionFileName(name: string): boolean {
  return name.endsWith('.jsonl') || name.endsWith('.jsonl.gz');
}

/** The sessions under one path: a corpus folder (with manifest.json), a folder of session files, or one file. */
async function sessionsAt(path: string, options: CallOptions): Promise<SessionRecord[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new AgentWorldError('CONFIG_INVALID', `Retrieval corpus ${path}: no such file or folder.`, {
      cause: error,
      details: { path },
    });
  }
  if (!isDirectory) return readSessionFile(path, options);
  const names = (await readdir(path)).sort();
  if (names.includes('manifest.json')) return readRealCorpus({ directory: path, signal: options.signal });
  const sessions: SessionRecord[] = [];
  for (const name of names.filter(isSessionFileName)) {
    sessions.push(...(await readSessionFile(join(path, name), options)));
  }
  return sessions;
}

/** Recorded sessions read for retrieval, and those left out as repeats of a session id already read. */
export interface RetrievalSessions {
  readonly sessions: SessionRecord[];
  readonly repeatedIds: string[];
}

/** Reads the sessions of every path in order; a session id seen before is read once (the first). */
export async function readRetrievalSessions(
  paths: readonly string[],
  options: CallOptions = {},
): Promise<RetrievalSessions> {
  const seen = new Set<string>();
  const sessions: SessionRecord[] = [];
  const repeatedIds: string[] = [];
  for (const path of paths) {
    throwIfAborted(options.signal);
    for (const session of await sessionsAt(path, options)) {
      if (seen.has(session.id)) {
        repeatedIds.push(session.id);
        continue;
      }
      seen.add(session.id);
      sessions.push(session);
    }
  }
  return { sessions, repeatedIds };
}

/**
 * The retrieval index of the recorded sessions under the paths (see `RetrievalOptions.corpusPaths`). No
 * session with a turn at all is CONFIG_INVALID: retrieval from nothing is a mistake worth hearing about.
 */
export async function loadTransitionIndex(
  paths: readonly string[],
  options: CallOptions = {},
): Promise<TransitionIndex> {
  const { sessions } = await readRetrievalSessions(paths, options);
  const index = TransitionIndex.fromSessions(sessions);
  if (index.size === 0) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `The retrieval corpus (${paths.join(', ')}) holds no recorded turn.`,
      { details: { paths: [...paths] } },
    );
  }
  return index;
}
