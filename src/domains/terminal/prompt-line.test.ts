import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MATCHER_CACHE_LIMIT, promptMatcher, promptMatcherCacheSize } from './prompt-line.js';

describe('prompt matchers', () => {
  it('recognise prompts of the template with any user, host and directory', () => {
    const matcher = promptMatcher('{user}@{host}:{cwd}{symbol} ');
    const match = matcher.exec('alice@box:~/src$ ls -la');
    assert.equal(match?.groups?.user, 'alice');
    assert.equal(match?.groups?.cwd, '~/src');
    assert.equal(match?.groups?.command, 'ls -la');
    assert.equal(matcher.exec('total 12'), null);
  });

  it('keep a bounded cache however many templates clients send', () => {
    const kept = promptMatcher('[{user}] {cwd}{symbol} ');
    for (let index = 0; index < MATCHER_CACHE_LIMIT * 3; index += 1) {
      promptMatcher(`t${index} {user}@{host}:{cwd}{symbol} `);
      if (index % 100 === 0) assert.equal(promptMatcher('[{user}] {cwd}{symbol} '), kept);
    }
    assert.equal(promptMatcherCacheSize(), MATCHER_CACHE_LIMIT);
    assert.equal(promptMatcher('[{user}] {cwd}{symbol} '), kept, 'a template in use stays cached');
  });
});
