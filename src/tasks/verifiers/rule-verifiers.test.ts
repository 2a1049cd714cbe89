/** The rule verifiers (file-content, tool-called, final-answer, page-reached) on real recorded sessions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextFromRecord, createScoreEpisode } from '../score-episode.js';
import type { TaskInput } from '../task-schema.js';
import { answerMatches, firstNumber } from './final-answer.js';
import { corpusSession, exampleSession, taskFor, withoutTurns } from './sessions.test-data.js';

const score = createScoreEpisode();

async function scoreOf(
  record: ReturnType<typeof exampleSession>,
  verifiers: TaskInput['verifiers'],
  finalAnswer?: string,
) {
  return score(contextFromRecord(taskFor(record, verifiers), record, finalAnswer));
}

describe('file-content', () => {
  it('swe: reads the content a file tool wrote, and says when a shell command made it unknown', async () => {
    const record = exampleSession('swe');
    const initial = await scoreOf(withoutTurns(record), [
      { type: 'file-content', path: '/testbed/calc.py', contains: 'return a - b' },
    ]);
    assert.equal(initial.reward, 1, initial.verifiers[0]?.detail);
    // The recorded fix is `sed -i …`: a program changed the file, the ledger cannot know its content.
    const after = await scoreOf(record, [
      { type: 'file-content', path: '/testbed/calc.py', contains: 'a + b' },
    ]);
    assert.equal(after.reward, 0);
    assert.match(after.verifiers[0]?.detail ?? '', /does not know the content.*real-check/);
  });

  it('terminal: a file created by a command exists; its content is for real-check', async () => {
    const record = corpusSession('terminal', 'corpus-terminal-files-1');
    const exists = await scoreOf(record, [{ type: 'file-content', path: '/workspace/fern/glacier.txt' }]);
    assert.equal(exists.reward, 1, exists.verifiers[0]?.detail);
    const none = await scoreOf(withoutTurns(record), [
      { type: 'file-content', path: '/workspace/fern/glacier.txt' },
    ]);
    assert.equal(none.reward, 0);
    const content = await scoreOf(record, [
      { type: 'file-content', path: '/workspace/fern/glacier.txt', contains: 'maple' },
    ]);
    assert.equal(content.reward, 0);
    assert.match(content.verifiers[0]?.detail ?? '', /does not follow file contents; use a real-check/);
  });
});

describe('tool-called', () => {
  it('terminal: command words from the keystrokes, commandRegex on the command line, atMost', async () => {
    const record = corpusSession('terminal', 'corpus-terminal-files-1');
    const result = await scoreOf(record, [
      { type: 'tool-called', tool: 'printf', commandRegex: 'glacier\\.txt' },
      { type: 'tool-called', tool: 'diff' },
      { type: 'tool-called', tool: 'cat', atLeast: 2 },
    ]);
    assert.equal(result.reward, 1, JSON.stringify(result.verifiers));
    const never = await scoreOf(record, [{ type: 'tool-called', tool: 'rm', atLeast: 0, atMost: 0 }]);
    assert.equal(never.reward, 1);
    const tooMany = await scoreOf(record, [{ type: 'tool-called', tool: 'cat', atMost: 1 }]);
    assert.equal(tooMany.reward, 0);
    assert.match(tooMany.verifiers[0]?.detail ?? '', /cat called 2 time\(s\) \(turns 3, 9\)/);
  });

  it('mcp and web: tool names with a subset match of the arguments', async () => {
    const mcp = exampleSession('mcp');
    const sum = await scoreOf(mcp, [{ type: 'tool-called', tool: 'get-sum', arguments: { a: 2 } }]);
    assert.equal(sum.reward, 1);
    const wrong = await scoreOf(mcp, [{ type: 'tool-called', tool: 'get-sum', arguments: { a: 3 } }]);
    assert.equal(wrong.reward, 0);
    const web = exampleSession('web');
    const fill = await scoreOf(web, [
      { type: 'tool-called', tool: 'fill', arguments: { value: 'Ada Lovelace' } },
    ]);
    assert.equal(fill.reward, 1, fill.verifiers[0]?.detail);
  });
});

describe('final-answer', () => {
  it('exact, numeric, regex and contains, with case handling', async () => {
    const record = exampleSession('mcp');
    const answer = 'The sum is 7.0 apples';
    const result = await scoreOf(
      record,
      [
        { type: 'final-answer', match: 'numeric', expected: '7' },
        { type: 'final-answer', match: 'contains', expected: 'SUM IS' },
        { type: 'final-answer', match: 'regex', expected: '\\d+\\.0 apples$' },
        { type: 'final-answer', match: 'exact', expected: 'the sum is  7.0 apples ' },
      ],
      answer,
    );
    assert.equal(result.reward, 1, JSON.stringify(result.verifiers));
    const strict = await scoreOf(
      record,
      [{ type: 'final-answer', match: 'contains', expected: 'SUM IS', caseSensitive: true }],
      answer,
    );
    assert.equal(strict.reward, 0);
    const missing = await scoreOf(record, [{ type: 'final-answer', match: 'exact', expected: 'x' }]);
    assert.match(missing.verifiers[0]?.detail ?? '', /no final answer/);
    assert.equal(firstNumber('about 1,234.5 metres'), 1234.5);
    const near = { type: 'final-answer' as const, match: 'numeric' as const, expected: '828', tolerance: 1 };
    assert.equal(answerMatches({ ...near, caseSensitive: false, weight: 1 }, '828.9 m'), true);
    assert.equal(answerMatches({ ...near, caseSensitive: false, weight: 1 }, '830 m'), false);
  });
});

describe('page-reached', () => {
  it("reads the web ledger's visited URLs and the final page", async () => {
    const record = exampleSession('web');
    const reached = await scoreOf(record, [
      { type: 'page-reached', url: 'http://127.0.0.1:8765/contact.html' },
      { type: 'page-reached', urlRegex: 'sent\\.html\\?name=Ada', contains: 'Message sent' },
    ]);
    assert.equal(reached.reward, 1, JSON.stringify(reached.verifiers));
    const start = await scoreOf(withoutTurns(record), [{ type: 'page-reached', urlRegex: 'sent\\.html' }]);
    assert.equal(start.reward, 0);
    assert.match(start.verifiers[0]?.detail ?? '', /visited: http:\/\/127\.0\.0\.1:8765\//);
  });
});

describe('scoreEpisode', () => {
  it('is the weighted mean; success only when every verifier passed', async () => {
    const record = exampleSession('mcp');
    const result = await scoreOf(record, [
      { type: 'tool-called', tool: 'echo', weight: 3 },
      { type: 'tool-called', tool: 'no-such-tool' },
    ]);
    assert.equal(result.reward, 0.75);
    assert.equal(result.success, false);
    assert.deepEqual(
      result.verifiers.map((item) => [item.type, item.passed, item.weight]),
      [
        ['tool-called', true, 3],
        ['tool-called', false, 1],
      ],
    );
  });
});
