/** Real recorded sessions the verifier tests score: the shipped examples and the real corpus. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SessionRecord } from '../../core/turn.js';
import { SessionRecordSchema } from '../../core/turn.js';
import { type Task, type TaskInput, TaskSchema } from '../task-schema.js';

const root = process.cwd();

function parseLines(text: string): SessionRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
}

/** The first session of `examples/sessions/<name>.jsonl`. */
export function exampleSession(name: string): SessionRecord {
  const record = parseLines(readFileSync(join(root, 'examples', 'sessions', `${name}.jsonl`), 'utf8'))[0];
  if (record === undefined) throw new Error(`no session in examples/sessions/${name}.jsonl`);
  return record;
}

/** The corpus session (`corpus/real/<file>.jsonl.gz`) whose spec id is `specId`. */
export function corpusSession(file: string, specId: string): SessionRecord {
  const text = gunzipSync(readFileSync(join(root, 'corpus', 'real', `${file}.jsonl.gz`))).toString('utf8');
  const record = parseLines(text).find((item) => item.spec.id === specId);
  if (record === undefined) throw new Error(`no session ${specId} in corpus/real/${file}.jsonl.gz`);
  return record;
}

/** A task around a recorded session's world, with these verifiers. */
export function taskFor(record: SessionRecord, verifiers: TaskInput['verifiers']): Task {
  return TaskSchema.parse({
    id: 'test-task',
    instruction: record.spec.task ?? 'do the task',
    spec: record.spec as unknown as Record<string, unknown>,
    verifiers,
  });
}

/** The same record without its turns: the empty episode. */
export function withoutTurns(record: SessionRecord): SessionRecord {
  return { ...record, turns: [] };
}
