/**
 * Recorded sessions for the policy tests (examples/sessions/*.jsonl, corpus/real/*.jsonl.gz), and a driver that
 * plays a recorded trajectory through a policy: the first observation, then each recorded turn's observation
 * after the policy's reply.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type SessionRecord, SessionRecordSchema } from '../core/turn.js';
import type { Policy, PolicyDecision } from './policy.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseLines(text: string): SessionRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => SessionRecordSchema.parse(JSON.parse(line)));
}

/** The sessions of `examples/sessions/<name>.jsonl`. */
export function exampleSessions(name: string): SessionRecord[] {
  return parseLines(readFileSync(join(ROOT, 'examples', 'sessions', `${name}.jsonl`), 'utf8'));
}

/** The sessions of `corpus/real/<name>.jsonl.gz`. */
export function corpusSessions(name: string): SessionRecord[] {
  return parseLines(
    gunzipSync(readFileSync(join(ROOT, 'corpus', 'real', `${name}.jsonl.gz`))).toString('utf8'),
  );
}

/** The task the session states. */
export function taskOf(record: SessionRecord): string {
  return record.spec.task ?? record.spec.description ?? '';
}

/**
 * Plays the record through the policy: step 0 shows the first observation, step N the observation of recorded
 * turn N (so the policy decides once more than the record has turns); returns each decision. Stops early when
 * the policy says it is done.
 */
export async function playRecord(policy: Policy, record: SessionRecord): Promise<PolicyDecision[]> {
  const decisions: PolicyDecision[] = [];
  for (let step = 0; step <= record.turns.length; step++) {
    const observation = step === 0 ? record.initialObservation : (record.turns[step - 1]?.observation ?? '');
    const decision = await policy.decide({ step, spec: record.spec, observation });
    decisions.push(decision);
    if (decision.done) break;
  }
  return decisions;
}
