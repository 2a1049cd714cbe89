/**
 * The retrieval wrapper around real engines: `lwm` on the scripted OpenAI-compatible server (what the prompt
 * carries, what history keeps) and `local` with the shipped terminal model (the demonstrations enter its byte
 * sequence), both retrieving from the shipped real terminal corpus.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { PredictRequest } from '../../core/engine.js';
import { type ChatMessage, DEFAULT_TURN_INSTRUCTION, hashMessages } from '../../core/messages.js';
import type { SessionRecord } from '../../core/turn.js';
import { readRealCorpus, realCorpusDirectory } from '../../corpus/index.js';
import { createEnv } from '../../session/create-env.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../testing/index.js';
import { createTerminalTwin } from '../../twins/terminal/index.js';
import { createHybridEngine } from '../hybrid/hybrid-engine.js';
import { TWIN_STATE_HEADING } from '../hybrid/twin-conditioning.js';
import { findBundledModel } from '../local/bundled-model.js';
import { createLocalEngine, type LocalEngine } from '../local/local-engine.js';
import { nodeLlamaCppInstalled } from '../local/node-llama-cpp-probe.js';
import { createLwmEngine } from '../lwm/lwm-engine.js';
import { DEMONSTRATIONS_HEADING, utf8Bytes } from './demonstration-block.js';
import { loadTransitionIndex } from './load-index.js';
import { createRetrievalEngine, RETRIEVAL_EVENT } from './retrieval-engine.js';
import type { TransitionIndex } from './transition-index.js';

const TERMINAL_CORPUS = join(realCorpusDirectory(), 'terminal.jsonl.gz');
const keys = (text: string): unknown => [{ keystrokes: `${text}\n`, duration: 1 }];

let index: TransitionIndex;
before(async () => {
  index = await loadTransitionIndex([TERMINAL_CORPUS]);
});

function retrievalIds(
  events: readonly { type: string; data?: Record<string, unknown> | undefined }[],
): string[] {
  const event = events.find((candidate) => candidate.type === RETRIEVAL_EVENT);
  assert.ok(event, 'no retrieval event');
  return event.data?.ids as string[];
}

describe('retrieval with lwm (scripted OpenAI-compatible server)', () => {
  let server: ScriptedModelServer;
  before(async () => {
    server = await startScriptedModelServer();
  });
  after(() => server.close());
  beforeEach(() => server.resetStats());

  const makeEngine = (k: number) =>
    createRetrievalEngine({
      inner: createLwmEngine({ baseUrl: server.url, model: server.model, maxRetries: 0 }),
      index,
      k,
    });

  it('the newest user message carries the demonstrations; the recorded prompt and history do not', async () => {
    const engine = makeEngine(2);
    try {
      const env = await createEnv({ domain: 'terminal', task: 'Compare two files.' }, { engine });
      await env.reset({ seed: 3 });
      const first = await env.step(keys('wc -lc notes.txt old/notes.txt'));
      const ids = retrievalIds(first.info.turn.events);
      assert.equal(ids.length, 2);
      const sent = server.completionBodies[0]?.messages as ChatMessage[];
      const newest = sent[sent.length - 1]?.content ?? '';
      assert.ok(newest.startsWith(first.info.turn.prompt), 'the turn prompt comes first, unchanged');
      assert.ok(newest.includes(`**${DEMONSTRATIONS_HEADING}:**`), newest);
      assert.ok(newest.endsWith(`\n\n${DEFAULT_TURN_INSTRUCTION}`), 'the turn instruction stays last');
      for (const id of ids) {
        assert.ok(newest.includes(`(${id})`), `${id} is not in the prompt`);
        const transition = index.transitions.find((candidate) => candidate.id === id);
        assert.match(transition?.actionText ?? '', /^wc -lc /);
        assert.ok(newest.includes(transition?.observation.split('\n')[1] ?? '-'), 'its observation is shown');
      }
      assert.equal(first.info.turn.provenance.promptHash, hashMessages(sent), 'the hash is of what was sent');
      assert.equal(first.info.turn.prompt.includes(DEMONSTRATIONS_HEADING), false);

      const second = await env.step(keys('ls -R'));
      assert.equal(retrievalIds(second.info.turn.events).length, 2);
      const later = server.completionBodies[1]?.messages as ChatMessage[];
      const history = later.filter((message) => message.role === 'user').slice(0, -1);
      assert.deepEqual(
        history.map((message) => message.content),
        [first.info.turn.prompt],
        'history keeps the recorded prompt byte for byte',
      );
      assert.equal(
        later.filter((message) => message.content.includes(DEMONSTRATIONS_HEADING)).length,
        1,
        'only the newest message has demonstrations',
      );
      assert.deepEqual(engine.stats(), {
        predictions: 2,
        conditioned: 2,
        demonstrations: 4,
        addedBytes: engine.stats().addedBytes,
      });
      assert.ok(engine.stats().addedBytes > 0);
    } finally {
      await engine.close();
    }
  });

  it('the block stays within its byte budget', async () => {
    const budget = 700;
    const engine = createRetrievalEngine({
      inner: createLwmEngine({ baseUrl: server.url, model: server.model, maxRetries: 0 }),
      index,
      k: 8,
      maxDemonstrationBytes: budget,
      maxObservationBytes: 200,
    });
    try {
      const env = await createEnv({ domain: 'terminal', task: 'Look around.' }, { engine });
      await env.reset({ seed: 1 });
      const step = await env.step(keys('cat /etc/os-release'));
      const event = step.info.turn.events.find((candidate) => candidate.type === RETRIEVAL_EVENT);
      const added = event?.data?.addedBytes as number;
      assert.ok(added > 0 && added <= budget + 2, `added ${added} bytes`);
      const sent = server.completionBodies[0]?.messages as ChatMessage[];
      const newest = sent[sent.length - 1]?.content ?? '';
      const plain = `${step.info.turn.prompt}\n\n${DEFAULT_TURN_INSTRUCTION}`;
      assert.equal(utf8Bytes(newest) - utf8Bytes(plain), added);
    } finally {
      await engine.close();
    }
  });
});

describe('retrieval on the model side of the hybrid engine', () => {
  let server: ScriptedModelServer;
  before(async () => {
    server = await startScriptedModelServer();
  });
  after(() => server.close());

  it('a turn the twin declines reaches the model with the twin note and the demonstrations', async () => {
    const model = createRetrievalEngine({
      inner: createLwmEngine({ baseUrl: server.url, model: server.model, maxRetries: 0 }),
      index,
      k: 2,
    });
    const engine = createHybridEngine({ twin: createTerminalTwin(), model });
    try {
      const env = await createEnv({ domain: 'terminal', task: 'Check the repository.' }, { engine });
      await env.reset({ seed: 2 });
      const twinTurn = await env.step(keys('pwd'));
      assert.equal(twinTurn.info.turn.provenance.answeredBy?.side, 'twin');
      assert.equal(server.completionBodies.length, 0, 'the twin answered without the model');
      const modelTurn = await env.step(keys('git status'));
      assert.equal(modelTurn.info.turn.provenance.answeredBy?.side, 'model');
      const ids = retrievalIds(modelTurn.info.turn.events);
      assert.ok(ids.length > 0);
      const sent = server.completionBodies[0]?.messages as ChatMessage[];
      const newest = sent[sent.length - 1]?.content ?? '';
      const twinAt = newest.indexOf(`**${TWIN_STATE_HEADING}:**`);
      const demonstrationsAt = newest.indexOf(`**${DEMONSTRATIONS_HEADING}:**`);
      assert.ok(twinAt > 0 && demonstrationsAt > twinAt, 'the twin note, then the demonstrations');
      assert.ok(newest.endsWith(DEFAULT_TURN_INSTRUCTION));
      for (const id of ids) assert.match(id, /^terminal-git-/);
    } finally {
      await engine.close();
    }
  });
});

const modelPath = findBundledModel('terminal');
const installed = await nodeLlamaCppInstalled();

describe('retrieval with local (the shipped terminal model)', { concurrency: false }, () => {
  if (modelPath === undefined || !installed) {
    it('needs models/agentworld-terminal.gguf and node-llama-cpp', (context) => {
      context.skip(modelPath === undefined ? 'no shipped terminal model' : 'node-llama-cpp is not installed');
    });
    return;
  }
  let local: LocalEngine;
  let record: SessionRecord;
  before(async () => {
    local = await createLocalEngine({ modelPath });
    const sessions = await readRealCorpus({ parts: ['terminal'] });
    const found = sessions.find((candidate) => candidate.id === 'terminal-files-1');
    assert.ok(found);
    record = found;
  });
  after(() => local.close());

  const request = (position: number): PredictRequest => ({
    spec: record.spec,
    sessionId: record.id,
    seed: record.seed,
    turnIndex: position + 1,
    action: record.turns[position]?.action,
    messages: [],
    promptHash: '',
    history: record.turns.slice(0, position),
  });

  for (const placement of ['before-history', 'before-turn'] as const) {
    it(`the demonstrations enter the model's byte sequence (${placement}), from other sessions only`, async () => {
      const position = 2; // `cat glacier.txt`: one command, one decoded turn
      const plain = await local.predict(request(position));
      const engine = createRetrievalEngine({ inner: local, index, k: 2, placement });
      assert.equal(engine.id, 'local');
      assert.equal(engine.channel, 'terminal-turns');
      const given = await engine.predict(request(position));
      const ids = retrievalIds(given.events);
      assert.equal(ids.length, 2);
      for (const id of ids) assert.equal(id.startsWith(`${record.id}#`), false);
      // Every demonstration turn is its echo, its target and `</s>`: the model read exactly those bytes more.
      const demonstrationBytes = ids
        .flatMap((id) => index.transitions.find((candidate) => candidate.id === id)?.layoutTurns ?? [])
        .reduce((sum, turn) => sum + utf8Bytes(turn.echo) + utf8Bytes(turn.target) + 1, 0);
      const event = given.events.find((candidate) => candidate.type === RETRIEVAL_EVENT);
      assert.equal(event?.data?.addedBytes, demonstrationBytes);
      assert.equal(event?.data?.channel, 'terminal-turns');
      assert.equal(
        (given.usage?.promptTokens ?? 0) - (plain.usage?.promptTokens ?? 0),
        demonstrationBytes,
        'prompt tokens grew by the demonstration bytes',
      );
      assert.equal(given.provenance.engine, 'local');
      assert.equal(given.provenance.model, local.model);
      const echo = (record.turns[position]?.observation ?? '').split('\n')[0] ?? '-';
      assert.ok(given.observation.startsWith(echo));
    });
  }
});
