import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReplyHandoff } from './reply-handoff.js';

describe('ReplyHandoff', () => {
  it('hands each offered turn to one reply and resolves with the next point', async () => {
    const handoff = new ReplyHandoff<string, string, string>();
    const loop = (async () => {
      const first = await handoff.offer('turn 0');
      const second = await handoff.offer(`saw ${first}`);
      handoff.finish(`ended after ${second}`);
    })();
    assert.deepEqual(await handoff.current(), { kind: 'turn', shown: 'turn 0' });
    assert.deepEqual(await handoff.reply(() => 'a', 's'), { kind: 'turn', shown: 'saw a' });
    assert.deepEqual(await handoff.reply(() => 'b', 's'), { kind: 'end', outcome: 'ended after b' });
    await loop;
    assert.equal(handoff.over, true);
    await assert.rejects(
      handoff.reply(() => 'c', 's'),
      { code: 'SESSION_CLOSED' },
    );
  });

  it('refuses a second reply while one is played, and rejects the offer when the loop is aborted', async () => {
    const handoff = new ReplyHandoff<string, string, string>();
    const controller = new AbortController();
    const offered = handoff.offer('turn 0', controller.signal);
    const slow = handoff.reply(() => 'a', 's');
    await assert.rejects(
      handoff.reply(() => 'b', 's'),
      { code: 'SESSION_BUSY' },
    );
    assert.equal(await offered, 'a');
    const next = handoff.offer('turn 1', controller.signal);
    assert.deepEqual(await slow, { kind: 'turn', shown: 'turn 1' });
    controller.abort(new Error('stopped'));
    await assert.rejects(next, /stopped/);
    handoff.fail(new Error('stopped'));
    assert.equal((await handoff.current()).kind, 'failed');
  });
});
