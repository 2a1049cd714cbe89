import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BenchRow } from '../schemas.js';
import { allRows, readRecords } from './corpus-rows.test-data.js';
import { judgeFreeMetrics } from './judge-free.js';
import { rowTurnContext } from './turn-context.js';
import { TurnContextCache } from './turn-context-cache.js';

/** The session files (their first 20 sessions, as judge-free.test.ts reads them). */
const SOURCES = [
  'corpus/real/terminal.jsonl.gz',
  'corpus/real/mcp.jsonl.gz',
  'corpus/real/search.jsonl.gz',
  'corpus/real/swe.jsonl.gz',
  'corpus/real/web-browsergym.jsonl.gz',
  'corpus/real/web-playwright-mcp.jsonl.gz',
  'examples/sessions/android.jsonl',
  'examples/sessions/os.jsonl',
  'examples/sessions/terminal.jsonl',
];

/** The rows in an order that visits each trajectory out of turn order (every seventh row, then the next …). */
function strided(rows: readonly BenchRow[], stride: number): BenchRow[] {
  const order: BenchRow[] = [];
  for (let offset = 0; offset < stride; offset++) {
    for (let index = rows.length - 1 - offset; index >= 0; index -= stride)
      order.push(rows[index] as BenchRow);
  }
  return order;
}

/**
 * A prediction unlike the ground truth: the previous turn's observation (or nothing on turn 1), its first 2,000
 * characters (the edit distance of two long pages would cost more than everything this test compares).
 */
function stalePrediction(row: BenchRow): string {
  return (row.turn_idx >= 2 ? (row.response[row.turn_idx - 2] ?? '') : '').slice(0, 2000);
}

describe('the turn context cache', () => {
  for (const source of SOURCES) {
    it(`${source}: every row's metrics are identical with no cache, a large cache in order, and a small one out of order`, async () => {
      const rows = allRows(await readRecords(source, 20)).map(({ row }) => row);
      assert.ok(rows.length > 0);
      const uncached = new Map(
        rows.map((row) => [
          row,
          JSON.stringify(judgeFreeMetrics(row, stalePrediction(row), { cache: null })),
        ]),
      );
      const passes: ReadonlyArray<readonly [TurnContextCache, readonly BenchRow[]]> = [
        [new TurnContextCache(), rows],
        [new TurnContextCache({ maxEntries: 4, maxCharacters: 2_000_000 }), strided(rows, 7)],
      ];
      for (const [cache, order] of passes) {
        for (const row of order) {
          const cached = JSON.stringify(judgeFreeMetrics(row, stalePrediction(row), { cache }));
          assert.equal(cached, uncached.get(row), `${row.task}:${row.id}:${row.turn_idx}`);
        }
        assert.ok(cache.size > 0 && cache.size <= cache.limits.maxEntries);
      }
    });
  }

  it('a later row of a trajectory resumes from an earlier row’s ledger and rebuilds the same context', async () => {
    const rows = allRows(await readRecords('corpus/real/terminal.jsonl.gz', 1)).map(({ row }) => row);
    const third = rows.find((row) => row.turn_idx === 3);
    const fourth = rows.find((row) => row.turn_idx === 4);
    assert.ok(third && fourth);
    const cache = new TurnContextCache();
    rowTurnContext(third, cache);
    assert.equal(cache.size, 1, 'the ledger after turn 2 is held');
    const resumed = rowTurnContext(fourth, cache);
    assert.equal(cache.size, 2, 'the ledger after turn 3 is held too');
    assert.deepEqual(resumed, rowTurnContext(fourth, null));
    assert.deepEqual(rowTurnContext(fourth, cache), resumed, 'an exact hit');
  });

  it('holds no prefix longer than its character limit', async () => {
    const rows = allRows(await readRecords('corpus/real/terminal.jsonl.gz', 1)).map(({ row }) => row);
    const cache = new TurnContextCache({ maxEntries: 16, maxCharacters: 1 });
    for (const row of rows) rowTurnContext(row, cache);
    assert.equal(cache.size, 0);
  });
});
