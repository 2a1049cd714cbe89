import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import { type SessionRecord, SessionRecordSchema } from '../../core/turn.js';
import { createHybridEngine, createTwinFor } from '../hybrid/index.js';
import { createReplayEngine } from '../replay/index.js';
import { findBundledModel } from './bundled-model.js';
import { LOW_CONFIDENCE_EVENT } from './confidence.js';
import { createLocalEngine, type LocalEngine } from './local-engine.js';
import { nodeLlamaCppInstalled } from './node-llama-cpp-probe.js';
import { TERMINAL_MIN_TOKEN_PROBABILITY } from './options.js';

const installed = await nodeLlamaCppInstalled();
const shippedTerminal = findBundledModel('terminal');

const spec = {
  id: 'datagen-terminal',
  domain: 'terminal',
  task: 'Work in /workspace.',
  initialState: { data: { cwd: '/workspace', user: 'root', host: '4382ff4f52d1', home: '/root' } },
} as const;
const prompt = 'root@4382ff4f52d1:/workspace# ';
const typed = (command: string): unknown => [{ keystrokes: `${command}\n`, duration: 1 }];

/**
 * The first three turns of a real bash session of the project's generator (`npm run datagen -- --seed 7003`,
 * session 24: a calibration session, never trained on). The third is `grep -r`, whose file order the model
 * guesses: the shipped model answers it wrongly, unsure of one byte.
 */
const real: readonly [string, string][] = [
  [
    'for file in ramp polar bomb; do touch "$file.log"; done',
    `${prompt}for file in ramp polar bomb; do touch "$file.log"; done\n${prompt}`,
  ],
  [
    'cp bulk.bak hole_main.list',
    `${prompt}cp bulk.bak hole_main.list\ncp: cannot stat 'bulk.bak': No such file or directory\n${prompt}`,
  ],
  [
    'grep -rc vehicle . | sort',
    `${prompt}grep -rc vehicle . | sort\n./bomb.log:0\n./polar.log:0\n./ramp.log:0\n${prompt}`,
  ],
];

const record: SessionRecord = SessionRecordSchema.parse({
  format: 'agentworld.session',
  version: 1,
  id: 'calibration-s7003-24',
  createdAt: '2026-01-01T00:00:00.000Z',
  seed: 1,
  spec,
  systemPrompt: '',
  initialObservation: prompt,
  turns: real.map(([command, observation], index) => ({
    index: index + 1,
    action: typed(command),
    prompt: `### Turn ${index + 1}`,
    observation,
    provenance: { source: 'real', engine: 'real-bash', promptHash: '' },
    timing: { startedAt: '2026-01-01T00:00:00.000Z', totalMs: 1, engineMs: 1, overheadMs: 0 },
  })),
});

/** Turn `index` of the recorded session, with the recorded history before it. */
function requestFor(index: number): PredictRequest {
  return {
    spec: record.spec,
    sessionId: record.id,
    seed: 1,
    turnIndex: index + 1,
    action: record.turns[index]?.action,
    messages: [],
    promptHash: '',
    history: record.turns.slice(0, index),
  };
}

describe('low-confidence turns of the shipped terminal model', {
  skip:
    (!installed && 'node-llama-cpp is not installed') ||
    (shippedTerminal === undefined && 'no shipped model'),
}, () => {
  const engines: Engine[] = [];
  async function engine(minTokenProbability?: number, fallback?: Engine): Promise<LocalEngine> {
    const created = await createLocalEngine(
      {
        modelPath: shippedTerminal as string,
        ...(minTokenProbability === undefined ? {} : { minTokenProbability }),
      },
      fallback === undefined ? {} : { fallback },
    );
    engines.push(created);
    return created;
  }
  after(async () => {
    for (const created of engines) await created.close();
  });

  it('uses the calibrated threshold unless told otherwise, and names it in its identity', async () => {
    const calibrated = await engine();
    assert.equal(calibrated.minTokenProbability, TERMINAL_MIN_TOKEN_PROBABILITY);
    assert.equal(calibrated.identity().minTokenProbability, TERMINAL_MIN_TOKEN_PROBABILITY);
    const chosen = await engine(0.25);
    assert.equal(chosen.minTokenProbability, 0.25);
    assert.equal(chosen.identity().minTokenProbability, 0.25);
  });

  it('at the calibrated default, flags the turn it gets wrong and not the ones it gets right', async () => {
    const calibrated = await engine();
    let wrong = 0;
    for (const [index, turn] of record.turns.entries()) {
      const prediction = await calibrated.predict(requestFor(index));
      const flag = prediction.events.find((event) => event.type === LOW_CONFIDENCE_EVENT);
      const right = prediction.observation === turn.observation;
      if (!right) wrong++;
      assert.equal(flag !== undefined, !right, `turn ${index}: ${JSON.stringify(prediction.observation)}`);
      if (flag !== undefined) {
        assert.ok(Number(flag.data?.minProbability) < TERMINAL_MIN_TOKEN_PROBABILITY);
        assert.equal(flag.data?.threshold, TERMINAL_MIN_TOKEN_PROBABILITY);
        // Kept and labelled: the model's own answer, its provenance the local engine's.
        assert.equal(prediction.provenance.engine, 'local');
      }
    }
    assert.equal(
      wrong,
      1,
      'the shipped model gets the grep -r turn wrong (pick another turn after retraining)',
    );
  });

  it('hands a flagged turn to the fallback engine, saying why; a threshold of 0 flags nothing', async () => {
    const withFallback = await engine(undefined, createReplayEngine({ sessions: [record] }));
    const answered = await withFallback.predict(requestFor(2));
    assert.equal(answered.observation, record.turns[2]?.observation);
    assert.equal(answered.provenance.engine, 'replay');
    const event = answered.events[0];
    assert.equal(event?.type, 'local.fallback');
    assert.match(String(event?.data?.reason), /^low confidence \(a byte at probability 0\.\d+ < /);
    const lowConfidence = event?.data?.lowConfidence as { minProbability: number; threshold: number };
    assert.equal(lowConfidence.threshold, TERMINAL_MIN_TOKEN_PROBABILITY);
    assert.ok(lowConfidence.minProbability < lowConfidence.threshold);
    assert.equal(withFallback.stats().fallbacks, 1);
    // A turn it is sure of stays the model's.
    const sure = await withFallback.predict(requestFor(0));
    assert.equal(sure.provenance.engine, 'local');
    assert.equal(withFallback.stats().fallbacks, 1);

    const unchecked = await engine(0, createReplayEngine({ sessions: [record] }));
    const kept = await unchecked.predict(requestFor(2));
    assert.equal(kept.provenance.engine, 'local');
    assert.ok(
      !kept.events.some((entry) => entry.type === LOW_CONFIDENCE_EVENT || entry.type === 'local.fallback'),
    );
  });

  it('inside the hybrid engine, a flagged model turn is labelled and its provenance names the model side', async () => {
    const local = await engine();
    const hybrid = createHybridEngine({ twin: await createTwinFor('terminal'), model: local });
    engines.push(hybrid);
    // The twin declines randomness; the model writes some number, and cannot be sure of its digits.
    const prediction = await hybrid.predict({ ...requestFor(0), action: typed('echo $RANDOM'), history: [] });
    assert.equal(prediction.provenance.engine, 'hybrid');
    assert.equal(prediction.provenance.answeredBy?.side, 'model');
    assert.match(String(prediction.provenance.answeredBy?.reason), /randomness/);
    assert.match(prediction.observation, /^root@4382ff4f52d1:\/workspace# echo \$RANDOM\n/);
    const types = prediction.events.map((event) => event.type);
    assert.deepEqual(types, ['hybrid.model', LOW_CONFIDENCE_EVENT], JSON.stringify(prediction.events));
  });
});
