import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Engine, PredictRequest } from '../../core/engine.js';
import { isAgentWorldError } from '../../core/errors.js';
import { contentHash } from '../../core/hash.js';
import { buildMessages, DEFAULT_TURN_INSTRUCTION } from '../../core/messages.js';
import { type SessionRecord, SessionRecordSchema, type Turn } from '../../core/turn.js';
import { type WorldSpec, WorldSpecSchema } from '../../core/world-spec.js';
import { writeSessionFile } from '../../session/session-file.js';
import { createReplayEngine } from './replay-engine.js';

const root = mkdtempSync(join(tmpdir(), 'agentworld-replay-'));
after(() => rmSync(root, { recursive: true, force: true }));

const shell = WorldSpecSchema.parse({ id: 'shell', domain: 'terminal', task: 'look around' });
const keys = (text: string): unknown => [{ keystrokes: `${text}\n`, duration: 1 }];

/** A recorded session whose turns are (command, output) pairs, as a world model produced them. */
function recording(
  id: string,
  seed: number,
  steps: Array<[string, string]>,
  spec: WorldSpec = shell,
): SessionRecord {
  return SessionRecordSchema.parse({
    format: 'agentworld.session',
    version: 1,
    id,
    createdAt: '2025-01-01T00:00:00.000Z',
    seed,
    spec,
    systemPrompt: 'You simulate a Linux terminal.',
    initialObservation: 'user@box:~$ ',
    turns: steps.map(([command, output], position) => ({
      index: position + 1,
      action: keys(command),
      prompt: `### Turn ${position + 1}\n**Action:**\n${command}`,
      observation: output,
      provenance: {
        source: 'simulated',
        engine: 'lwm',
        model: 'world-model-1',
        promptHash: `recorded-${position}`,
      },
      timing: { startedAt: '2025-01-01T00:00:00.000Z', totalMs: 10, engineMs: 9, overheadMs: 1 },
      usage: { promptTokens: 100, completionTokens: 20, totalTokens: 120 },
      reasoning: 'the directory holds two files',
    })),
  });
}

const recordA = recording('a', 1, [
  ['ls', 'a.txt  b.txt'],
  ['cat a.txt', 'alpha'],
  ['echo done', 'done'],
]);
const recordB = recording('b', 2, [
  ['ls', 'a.txt  b.txt'],
  ['cat b.txt', 'beta'],
]);
// Same actions as A, recorded with another seed and other outputs.
const recordC = recording('c', 3, [
  ['ls', 'notes.md'],
  ['cat a.txt', 'cat: a.txt: No such file or directory'],
]);

/** The request a session would send for the next turn. */
function requestFor(
  spec: WorldSpec,
  seed: number,
  history: readonly Turn[],
  action: unknown,
): PredictRequest {
  const turnIndex = history.length + 1;
  const currentPrompt = `### Turn ${turnIndex}\n**Action:**\n${JSON.stringify(action)}`;
  const messages = buildMessages({
    systemPrompt: 'You simulate a Linux terminal.',
    history,
    currentPrompt,
    turnInstruction: DEFAULT_TURN_INSTRUCTION,
  });
  return {
    spec,
    sessionId: 'live',
    seed,
    turnIndex,
    action,
    messages,
    promptHash: contentHash(messages),
    history,
  };
}

/** Steps an engine through a list of commands the way a session does, keeping the turns it returns. */
async function drive(engine: Engine, spec: WorldSpec, seed: number, commands: string[]): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (const command of commands) {
    const request = requestFor(spec, seed, turns, keys(command));
    const prediction = await engine.predict(request);
    turns.push({
      index: request.turnIndex,
      action: request.action,
      prompt: `### Turn ${request.turnIndex}`,
      observation: prediction.observation,
      provenance: prediction.provenance,
      events: [...prediction.events],
      checks: [],
      timing: { startedAt: new Date().toISOString(), totalMs: 0, engineMs: 0, overheadMs: 0 },
    });
  }
  return turns;
}

async function missOf(
  engine: Engine,
  request: PredictRequest,
): Promise<{ message: string; details: Record<string, unknown> }> {
  try {
    await engine.predict(request);
  } catch (error) {
    assert.ok(isAgentWorldError(error, 'REPLAY_MISS'), `expected REPLAY_MISS, got ${String(error)}`);
    return { message: error.message, details: error.details };
  }
  assert.fail('expected a REPLAY_MISS');
}

describe('replay engine', () => {
  it('answers a recorded path with the recorded observations, uncharged, with replay provenance', async () => {
    const engine = createReplayEngine({ sessions: [recordA, recordB, recordC] });
    const turns = await drive(engine, shell, 1, ['ls', 'cat a.txt', 'echo done']);
    assert.deepEqual(
      turns.map((turn) => turn.observation),
      ['a.txt  b.txt', 'alpha', 'done'],
    );
    const request = requestFor(shell, 1, turns.slice(0, 1), keys('cat a.txt'));
    const prediction = await engine.predict(request);
    assert.deepEqual(prediction.provenance, {
      source: 'replayed',
      engine: 'replay',
      model: 'world-model-1',
      promptHash: request.promptHash,
      origin: { source: 'simulated', engine: 'lwm', model: 'world-model-1' },
    });
    assert.equal(prediction.usage, undefined);
    assert.equal(prediction.reasoning, undefined);
    assert.equal(prediction.events[0]?.type, 'replay.hit');
    assert.equal(prediction.events[0]?.data?.recordedSessionId, 'a');
    assert.equal(engine.stats().hits, 4);
  });

  it('follows the branch of the requested actions', async () => {
    const engine = createReplayEngine({ sessions: [recordA, recordB] });
    const turns = await drive(engine, shell, 2, ['ls', 'cat b.txt']);
    assert.equal(turns[1]?.observation, 'beta');
  });

  it('prefers the recording with the same seed, then the one whose earlier observations match', async () => {
    const engine = createReplayEngine({ sessions: [recordA, recordC] });
    const withSeedThree = await drive(engine, shell, 3, ['ls', 'cat a.txt']);
    assert.deepEqual(
      withSeedThree.map((turn) => turn.observation),
      ['notes.md', 'cat: a.txt: No such file or directory'],
    );
    // A seed nobody recorded: turn 1 falls back to the first recording …
    const unknownSeed = await drive(engine, shell, 99, ['ls', 'cat a.txt']);
    assert.deepEqual(
      unknownSeed.map((turn) => turn.observation),
      ['a.txt  b.txt', 'alpha'],
    );
    // … but a history that saw C's first observation continues with C's second.
    const seenC = (await drive(engine, shell, 3, ['ls'])).map((turn) => ({ ...turn }));
    const next = await engine.predict(requestFor(shell, 99, seenC, keys('cat a.txt')));
    assert.equal(next.observation, 'cat: a.txt: No such file or directory');
    assert.equal(next.events[0]?.data?.observationsMatch, true);
  });

  it('a miss at the requested turn names the spec, the turn, and the recorded action', async () => {
    const engine = createReplayEngine({ sessions: [recordA] });
    const turns = await drive(engine, shell, 1, ['ls']);
    const miss = await missOf(engine, requestFor(shell, 1, turns, keys('rm -rf /')));
    assert.match(miss.message, /spec "shell" \(terminal\) at turn 2/);
    assert.match(miss.message, /diverge at this turn: recorded action .*cat a\.txt.* vs requested .*rm -rf/);
    assert.equal(miss.details.specId, 'shell');
    assert.equal(miss.details.turnIndex, 2);
    assert.equal(miss.details.divergedAtTurn, 2);
    assert.equal(engine.stats().misses, 1);
  });

  it('a history that left the recordings earlier is reported at that turn, with alternatives counted', async () => {
    const engine = createReplayEngine({ sessions: [recordA, recordB] });
    const foreign = await drive(
      createReplayEngine({ sessions: [recording('x', 1, [['pwd', '/home/user']])] }),
      shell,
      1,
      ['pwd'],
    );
    const miss = await missOf(engine, requestFor(shell, 1, foreign, keys('ls')));
    assert.match(miss.message, /earlier, at turn 1 of the history/);
    assert.match(miss.message, /recorded action .*"ls\\n".*vs requested .*pwd/);
    assert.equal(miss.details.divergedAtTurn, 1);

    const afterLs = await drive(engine, shell, 1, ['ls']);
    const branch = await missOf(engine, requestFor(shell, 1, afterLs, keys('whoami')));
    assert.match(branch.message, /and 1 other recorded action\)/);
  });

  it('a request past the end of the recordings says where they end', async () => {
    const engine = createReplayEngine({ sessions: [recordB] });
    const turns = await drive(engine, shell, 2, ['ls', 'cat b.txt']);
    const miss = await missOf(engine, requestFor(shell, 2, turns, keys('exit')));
    assert.match(miss.message, /end at turn 2; nothing was recorded for turn 3/);
  });

  it('an unrecorded spec lists the recorded ones; content matching tells edited specs apart', async () => {
    const other = WorldSpecSchema.parse({ id: 'other', domain: 'terminal' });
    const byId = createReplayEngine({ sessions: [recordA] });
    const miss = await missOf(byId, requestFor(other, 1, [], keys('ls')));
    assert.match(
      miss.message,
      /No recorded session has spec "other" \(terminal\).*Recorded specs: "shell" \(terminal\)/,
    );

    const edited = WorldSpecSchema.parse({ id: 'shell', domain: 'terminal', task: 'a different task' });
    assert.equal((await byId.predict(requestFor(edited, 1, [], keys('ls')))).observation, 'a.txt  b.txt');
    const byContent = createReplayEngine({ sessions: [recordA] }, { match: 'content' });
    await missOf(byContent, requestFor(edited, 1, [], keys('ls')));
    assert.equal((await byContent.predict(requestFor(shell, 1, [], keys('ls')))).observation, 'a.txt  b.txt');
    assert.notDeepEqual(byContent.identity(), byId.identity());
  });

  it('hashes about two turns per step however long the history is', async () => {
    const commands = Array.from({ length: 300 }, (_, index) => `echo ${index}`);
    const long = recording(
      'long',
      5,
      commands.map((command, index) => [command, String(index)]),
    );
    const engine = createReplayEngine({ sessions: [long] });
    const turns = await drive(engine, shell, 5, commands);
    assert.equal(turns[299]?.observation, '299');
    const perStep = engine.stats().turnsHashed / commands.length;
    assert.ok(perStep <= 2, `hashed ${perStep} turns per step`);
    // Copies of the turns are new objects: their history is hashed once, then remembered again.
    const copies = turns.map((turn) => ({ ...turn }));
    const before = engine.stats().turnsHashed;
    await missOf(engine, requestFor(shell, 5, copies, keys('exit')));
    assert.equal(engine.stats().turnsHashed - before, 301);
    await missOf(engine, requestFor(shell, 5, copies, keys('logout')));
    assert.equal(engine.stats().turnsHashed - before, 302);
  });

  it('loads JSONL files, lists distinct specs, and has an identity tied to the recordings', async () => {
    const other = recording(
      'o',
      1,
      [['ls', 'x']],
      WorldSpecSchema.parse({ id: 'other', domain: 'terminal' }),
    );
    const first = join(root, 'one.jsonl');
    const second = join(root, 'two.jsonl');
    await writeSessionFile(first, [recordA, recordB]);
    await writeSessionFile(second, [other]);
    const engine = await createReplayEngine({ files: [first, second] });
    assert.deepEqual(
      engine.listSpecs().map((spec) => spec.id),
      ['shell', 'other'],
    );
    assert.deepEqual(engine.stats().sessions, 3);
    const again = await createReplayEngine({ files: [first, second] });
    assert.deepEqual(again.identity(), engine.identity());
    assert.equal(engine.identity().engine, 'replay');
    const fewer = await createReplayEngine({ files: [first] });
    assert.notDeepEqual(fewer.identity(), engine.identity());
    await assert.rejects(createReplayEngine({ files: [join(root, 'missing.jsonl')] }), (error) =>
      isAgentWorldError(error, 'INVALID_REQUEST'),
    );
  });

  it('rejects a history that does not fit the turn index, and any call after close', async () => {
    const engine = createReplayEngine({ sessions: [recordA] });
    const request = { ...requestFor(shell, 1, [], keys('ls')), turnIndex: 3 };
    await assert.rejects(engine.predict(request), (error) => isAgentWorldError(error, 'INVALID_REQUEST'));
    await engine.close();
    await assert.rejects(engine.predict(requestFor(shell, 1, [], keys('ls'))), (error) =>
      isAgentWorldError(error, 'ENGINE_UNAVAILABLE'),
    );
  });
});
