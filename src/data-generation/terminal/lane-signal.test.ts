import assert from 'node:assert/strict';
import { getEventListeners, getMaxListeners } from 'node:events';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { laneSignal } from './lane-signal.js';

/** The MaxListenersExceededWarning texts Node emits while `work` runs (warnings arrive a tick later). */
async function leakWarnings(work: () => void): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error): void => {
    if (warning.name === 'MaxListenersExceededWarning') seen.push(warning.message);
  };
  process.on('warning', listener);
  try {
    work();
    await nextTurn();
    await nextTurn();
  } finally {
    process.off('warning', listener);
  }
  return seen;
}

describe('laneSignal', () => {
  it('lets every lane wait on it at once without a leak warning, and no more than that', async () => {
    const outer = new AbortController();
    const shared = laneSignal(outer.signal, 16);
    const quiet = await leakWarnings(() => {
      for (let lane = 0; lane < 16; lane++) shared.signal.addEventListener('abort', () => undefined);
    });
    assert.deepEqual(quiet, []);
    // A leak (a listener per turn) still warns: the allowance is Node's 10 plus one per lane, no more.
    assert.equal(getMaxListeners(shared.signal), 10 + 16);
    assert.equal(getMaxListeners(new AbortController().signal), 10);
    shared.dispose();
  });

  it('aborts with the caller’s reason, holds one listener on the caller’s signal, and lets it go', () => {
    const outer = new AbortController();
    const shared = laneSignal(outer.signal, 4);
    assert.equal(getEventListeners(outer.signal, 'abort').length, 1);
    const reason = new Error('stop');
    outer.abort(reason);
    assert.equal(shared.signal.aborted, true);
    assert.equal(shared.signal.reason, reason);

    const second = new AbortController();
    const released = laneSignal(second.signal, 4);
    released.dispose();
    assert.equal(getEventListeners(second.signal, 'abort').length, 0);
    second.abort();
    assert.equal(released.signal.aborted, false);
  });

  it('starts aborted when the caller’s signal already is, and works without one', () => {
    const outer = new AbortController();
    outer.abort(new Error('already'));
    assert.equal(laneSignal(outer.signal, 2).signal.aborted, true);
    const alone = laneSignal(undefined, 2);
    assert.equal(alone.signal.aborted, false);
    alone.dispose();
  });
});
