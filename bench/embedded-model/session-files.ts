import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type SessionRecord, SessionRecordSchema, type Turn } from '../../src/core/turn.js';

/**
 * The family the generator drew a turn from (its `datagen.family` event); else, for a session of the real corpus
 * (`terminal-<family>-<n>`), the session's family; else `unknown`.
 */
export function familyOf(turn: Turn, record?: Pick<SessionRecord, 'id'>): string {
  const event = turn.events.find((candidate) => candidate.type === 'datagen.family');
  const family = event?.data?.family;
  if (typeof family === 'string') return family;
  const corpus = record === undefined ? undefined : /^[a-z]+-(.+)-\d+$/.exec(record.id)?.[1];
  return corpus === undefined ? 'unknown' : `corpus:${corpus}`;
}

/** The session files named: files as given, folders as their `.jsonl` / `.jsonl.gz` shards in name order. */
function jsonlFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name.endsWith('.jsonl') || name.endsWith('.jsonl.gz')) files.push(join(path, name));
      }
    } else files.push(path);
  }
  return files;
}

/** The first `limit` sessions with at least one turn, in file order. */
export function loadSessions(paths: readonly string[], limit: number): SessionRecord[] {
  const sessions: SessionRecord[] = [];
  for (const file of jsonlFiles(paths)) {
    const raw = readFileSync(file);
    const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    for (const line of text.split('\n')) {
      if (sessions.length >= limit) return sessions;
      if (line.trim() === '') continue;
      const record = SessionRecordSchema.parse(JSON.parse(line));
      if (record.turns.length > 0) sessions.push(record);
    }
  }
  return sessions;
}
