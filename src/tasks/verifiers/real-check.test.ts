/** real-check: the episode's actions replayed on the real engine (bash / a git repository in bubblewrap). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import { contextFromRecord, createScoreEpisode } from '../score-episode.js';
import { exitStatusOf } from './real-check.js';
import { corpusSession, exampleSession, taskFor, withoutTurns } from './sessions.test-data.js';

const score = createScoreEpisode();

describe('real-check', { concurrency: 2 }, () => {
  it('swe: the recorded fix makes `python3 -m unittest` pass in the real sandbox; the unfixed repository fails', async () => {
    const record = corpusSession('swe', 'corpus-swe-mini-swe-agent-wrong-operator-1');
    const task = taskFor(record, [{ type: 'real-check', command: 'python3 -m unittest' }]);
    const fixed = await score(contextFromRecord(task, record));
    assert.equal(fixed.reward, 1, fixed.verifiers[0]?.detail);
    assert.match(fixed.verifiers[0]?.detail ?? '', /exited 0 \(expected 0\) after 7 replayed action/);
    const unfixed = await score(contextFromRecord(task, withoutTurns(record)));
    assert.equal(unfixed.reward, 0);
    assert.match(unfixed.verifiers[0]?.detail ?? '', /exited 1 \(expected 0\).*FAILED/s);
  });

  it('terminal: reads the file the episode wrote, in the same sandbox after its keystrokes; expectExit', async () => {
    const record = corpusSession('terminal', 'corpus-terminal-files-1');
    const check = `test "$(cat /workspace/fern/glacier.txt)" = "$(printf 'maple\\nlark\\nolive\\njade')"`;
    const task = taskFor(record, [
      { type: 'real-check', command: check },
      { type: 'real-check', command: 'test -e /workspace/fern/old', expectExit: 1 },
    ]);
    const result = await score(contextFromRecord(task, record));
    assert.equal(result.reward, 1, JSON.stringify(result.verifiers));
    const empty = await score(contextFromRecord(task, withoutTurns(record)));
    assert.equal(empty.verifiers[0]?.passed, false);
  });

  it('terminal: a program the agent left running does not swallow the check', async () => {
    const record = corpusSession('terminal', 'corpus-terminal-files-1');
    const last = record.turns.at(-1);
    assert.ok(last !== undefined);
    // `cat` with no file waits for input: the check is typed after C-c, at the prompt.
    const waiting = { ...last, index: last.index + 1, action: [{ keystrokes: 'cat\n', duration: 0.2 }] };
    const extended = { ...record, turns: [...record.turns, waiting] };
    const task = taskFor(record, [{ type: 'real-check', command: 'test -f /workspace/fern/glacier.txt' }]);
    const result = await score(contextFromRecord(task, extended));
    assert.equal(result.reward, 1, result.verifiers[0]?.detail);
  });

  it('an engine that cannot start is an infra error (ENGINE_UNAVAILABLE), never a 0 score', async () => {
    const record = exampleSession('swe');
    const task = taskFor(record, [{ type: 'real-check', command: 'true' }]);
    const broken: Engine = {
      id: 'real',
      kind: 'real',
      identity: () => ({}),
      predict: async () => {
        throw new AgentWorldError('ENGINE_UNAVAILABLE', 'bwrap is missing');
      },
      close: async () => undefined,
    };
    const scoring = createScoreEpisode({ createRealEngine: () => broken });
    await assert.rejects(scoring(contextFromRecord(task, record)), (error: unknown) => {
      assert.ok(isAgentWorldError(error, 'ENGINE_UNAVAILABLE'));
      assert.equal(error.retryable, true);
      assert.match(error.message, /replaying action 1 of 6.*bwrap is missing/);
      return true;
    });
  });

  it('reads the last exit marker, never the typed printf', () => {
    assert.equal(exitStatusOf(`$ printf '\\n__AW_EXIT_%s__\\n' "$?"\n\n__AW_EXIT_3__\n$ `), 3);
    assert.equal(exitStatusOf(`$ printf '\\n__AW_EXIT_%s__\\n' "$?"`), undefined);
  });
});
