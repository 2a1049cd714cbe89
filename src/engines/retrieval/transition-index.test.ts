/**
 * The transition index over the shipped real corpus (corpus/real, recorded against the real engines): which
 * transitions a new step finds, that its own session never comes back, and how the corpus paths are read.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import type { SessionRecord } from '../../core/turn.js';
import { readRealCorpus, realCorpusDirectory } from '../../corpus/index.js';
import { loadTransitionIndex } from './load-index.js';
import { parseRetrievalOptions } from './options.js';
import { queryOf, transitionsOfSession } from './transition.js';
import { TransitionIndex } from './transition-index.js';

let corpus: SessionRecord[];
let index: TransitionIndex;
before(async () => {
  corpus = await readRealCorpus();
  index = TransitionIndex.fromSessions(corpus);
});

function session(id: string): SessionRecord {
  const found = corpus.find((record) => record.id === id);
  assert.ok(found, `the real corpus has no session ${id}`);
  return found;
}

describe('transition index over the real corpus', () => {
  it('holds every recorded turn, by domain and dialect', () => {
    assert.equal(
      index.size,
      corpus.reduce((sum, record) => sum + record.turns.length, 0),
    );
    assert.equal(index.worlds()['terminal/terminus'], 1053);
    assert.ok((index.worlds()['mcp/mcp'] ?? 0) > 0);
  });

  it('a terminal step finds the same step of other sessions of its family, never its own session', () => {
    const record = session('terminal-files-1');
    const position = record.turns.findIndex((turn) => JSON.stringify(turn.action).includes('wc -lc'));
    assert.ok(position > 0);
    const query = queryOf(record.spec, record.turns.slice(0, position), record.turns[position]?.action);
    assert.deepEqual(query.tools, ['wc']);
    const matches = index.nearest(query, { k: 3, excludeSessionId: record.id });
    assert.equal(matches.length, 3);
    for (const match of matches) {
      assert.notEqual(match.transition.sessionId, record.id);
      assert.match(match.transition.sessionId, /^terminal-files-/);
      assert.match(match.transition.actionText, /^wc -lc /);
      assert.equal(match.transition.domain, 'terminal');
      // The screen fits the embedded model's layout: one turn, its echo the prompt and the command.
      const turns = match.transition.layoutTurns ?? [];
      assert.equal(turns.length, 1);
      assert.ok(match.transition.observation.startsWith(turns[0]?.echo ?? '-'));
    }
    const scores = matches.map((match) => match.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    // Without the exclusion the session's own turn is the best match: the exclusion is what keeps it out.
    const unfiltered = index.nearest(query, { k: 1 });
    assert.equal(unfiltered[0]?.transition.id, `${record.id}#${position + 1}`);
  });

  it('only transitions of the query world come back, ranked the same way every time', () => {
    const record = corpus.find((candidate) => candidate.spec.domain === 'mcp');
    assert.ok(record);
    const turn = record.turns[1];
    assert.ok(turn);
    const query = queryOf(record.spec, record.turns.slice(0, 1), turn.action);
    const first = index.nearest(query, { k: 5, excludeSessionId: record.id });
    assert.ok(first.length > 0);
    for (const match of first) assert.equal(match.transition.domain, 'mcp');
    const tool = (turn.action as { name: string }).name;
    assert.equal(first[0]?.transition.tools[0], tool);
    const again = index.nearest(query, { k: 5, excludeSessionId: record.id });
    assert.deepEqual(
      again.map((match) => match.transition.id),
      first.map((match) => match.transition.id),
    );
  });

  it('the state before a transition is the ledger summary of the turns before it', () => {
    const transitions = transitionsOfSession(session('terminal-files-1'));
    assert.match(transitions[0]?.stateText ?? '', /"cwd":"\/workspace"/);
    // The first command made a folder and went into it.
    assert.match(transitions[1]?.stateText ?? '', /"cwd":"\/workspace\/fern"/);
    assert.equal(transitions[1]?.id, 'terminal-files-1#2');
  });
});

describe('reading a retrieval corpus', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'agentworld-retrieval-'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it('a corpus folder, one session file, and a repeated path read once', async () => {
    const whole = await loadTransitionIndex([realCorpusDirectory()]);
    assert.equal(whole.size, index.size);
    const terminal = join(realCorpusDirectory(), 'terminal.jsonl.gz');
    const part = await loadTransitionIndex([terminal, terminal]);
    assert.equal(part.size, 1053);
    assert.deepEqual(Object.keys(part.worlds()), ['terminal/terminus']);
  });

  it('a corpus with no recorded turn, or a missing path, is CONFIG_INVALID', async () => {
    const empty = join(directory, 'empty.jsonl');
    await writeFile(empty, '\n');
    await assert.rejects(loadTransitionIndex([empty]), (error) => isAgentWorldError(error, 'CONFIG_INVALID'));
    await assert.rejects(loadTransitionIndex([join(directory, 'nowhere.jsonl')]), (error) =>
      isAgentWorldError(error, 'CONFIG_INVALID'),
    );
  });

  it('options: defaults, and a bad k named by its path', () => {
    const options = parseRetrievalOptions({ corpusPaths: ['corpus/real'] });
    assert.equal(options.k, 3);
    assert.equal(options.maxDemonstrationBytes, undefined, 'chosen by the channel');
    assert.equal(options.maxObservationBytes, 600);
    assert.throws(
      () => parseRetrievalOptions({ corpusPaths: ['corpus/real'], k: 0 }),
      (error) => isAgentWorldError(error, 'CONFIG_INVALID') && /\$\.k/.test(error.message),
    );
  });
});
