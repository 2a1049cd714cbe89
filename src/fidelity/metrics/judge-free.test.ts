import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRows, readRecords } from './corpus-rows.test-data.js';
import { judgeFreeMetrics } from './judge-free.js';
import { rowTurnContext } from './turn-context.js';

/** Session files, and whether their first sessions hold turns that change the state. */
const SOURCES: ReadonlyArray<readonly [string, boolean]> = [
  ['corpus/real/terminal.jsonl.gz', true],
  ['corpus/real/mcp.jsonl.gz', true],
  ['corpus/real/search.jsonl.gz', true],
  ['corpus/real/swe.jsonl.gz', true],
  ['corpus/real/web-browsergym.jsonl.gz', true],
  ['corpus/real/web-playwright-mcp.jsonl.gz', true],
  ['examples/sessions/android.jsonl', true],
  ['examples/sessions/os.jsonl', true],
  ['examples/sessions/terminal.jsonl', true],
];

describe('judgeFreeMetrics on rows exported from real sessions', () => {
  for (const [source, changes] of SOURCES) {
    it(`${source}: the ground truth scores exact, 1 and correct; a stale prediction is wrong exactly where the state changed`, async () => {
      const rows = allRows(await readRecords(source, 20));
      assert.ok(rows.length > 0);
      let changed = 0;
      for (const { record, row } of rows) {
        const context = rowTurnContext(row);
        assert.ok(context, `${row.task}:${row.turn_idx}: context rebuilt from the row`);
        assert.equal(context.dialect, record.spec.dialect ?? context.domain.defaultDialect);
        const self = judgeFreeMetrics(row, row.response[row.turn_idx - 1] ?? '');
        assert.equal(self.exact, true);
        assert.equal(self.editSimilarity, 1);
        assert.equal(self.structural?.score, 1, `${row.task}:${row.turn_idx} structural`);
        assert.deepEqual(self.checks?.failed, []);
        assert.equal(self.stateChange?.correct, true);
        // A stale prediction: what the world showed before the turn (the previous observation, or the initial screen).
        const stale = context.previousObservation;
        const metrics = judgeFreeMetrics(row, stale);
        if (metrics.stateChange?.changed === true) {
          changed++;
          assert.equal(metrics.stateChange.correct, false, `${row.task}:${row.turn_idx}: stale caught`);
          assert.ok(metrics.stateChange.differences.length > 0);
        }
      }
      assert.equal(changed > 0, changes, 'turns that change state');
    });
  }
});
