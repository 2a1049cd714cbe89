import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderObservationMessage } from '../../../core/messages.js';
import type { BenchRow } from '../../schemas.js';
import { allRows, readRecords } from '../corpus-rows.test-data.js';
import { judgeFreeMetrics } from '../judge-free.js';
import { mcpMetrics } from './mcp.js';
import { searchMetrics } from './search.js';
import { webMetrics } from './web.js';

/** The row with its evaluated ground truth replaced. */
function truthOf(row: BenchRow): string {
  return (row.response[row.turn_idx - 1] ?? '').replace(/^\*\*Environment Observation:\*\*\n/, '');
}

describe('terminal metrics', () => {
  it('a cd predicted with the wrong prompt path is caught as a wrong state; the right prompt is correct', async () => {
    const rows = allRows(await readRecords('corpus/real/terminal.jsonl.gz', 1));
    const cd = rows.find(({ row }) => row.current_prompt.includes('cd fern'));
    assert.ok(cd, 'turn 1 of terminal-files-1 runs `mkdir -p fern/old && cd fern`');
    const truth = truthOf(cd.row);
    assert.match(truth, /:\/workspace\/fern# ?$/);
    const wrong = truth.replace(/:\/workspace\/fern#( ?)$/, ':/workspace#$1');
    const metrics = judgeFreeMetrics(cd.row, wrong);
    assert.equal(metrics.exact, false);
    assert.equal(metrics.stateChange?.changed, true);
    assert.equal(metrics.stateChange?.correct, false);
    assert.ok(metrics.stateChange?.differences.includes('cwd'));
    assert.ok(metrics.checks?.failed.includes('prompt-cwd'), 'the prompt-cwd check fails too');
    assert.equal(metrics.structural?.kind, 'lines');
    assert.ok((metrics.structural?.score ?? 1) < 1);
    assert.equal(judgeFreeMetrics(cd.row, renderObservationMessage(truth)).stateChange?.correct, true);
  });
});

describe('search metrics', () => {
  it('a result list with one entry missing scores a results F1 below 1', async () => {
    const rows = allRows(await readRecords('corpus/real/search.jsonl.gz', 3));
    const search = rows.find(({ row }) => /^\[1\] /m.test(truthOf(row)));
    assert.ok(search);
    const truth = truthOf(search.row);
    const blocks = truth.split(/\n(?=\[\d+\] )/);
    assert.ok(blocks.length >= 3);
    const missing = [...blocks.slice(0, 1), ...blocks.slice(2)].join('\n');
    const metrics = judgeFreeMetrics(search.row, missing);
    assert.equal(metrics.structural?.kind, 'results');
    const entries = blocks.length;
    assert.ok(Math.abs((metrics.structural?.score ?? 0) - (2 * (entries - 1)) / (2 * entries - 1)) < 1e-9);
    assert.equal(metrics.stateChange?.correct, false, 'the pages seen differ');
    assert.deepEqual(metrics.stateChange?.differences, ['pages', 'resultCounts']);
  });

  it('scores the numbered entries by url and title', () => {
    const truth =
      '[1] https://a.example\nTitle: A\nSnippet: x\n\n[2] https://b.example\nTitle: B\nSnippet: y';
    const renamed =
      '[1] https://a.example\nTitle: A\nSnippet: other\n\n[2] https://b.example\nTitle: Bee\nSnippet: y';
    assert.deepEqual(searchMetrics.structural(truth, truth, 'search'), { kind: 'results', score: 1 });
    assert.deepEqual(searchMetrics.structural(truth, renamed, 'search'), { kind: 'results', score: 0.5 });
    assert.equal(searchMetrics.structural('Key not found', 'Key not found', 'search').kind, 'lines');
  });
});

describe('mcp metrics', () => {
  it('JSON results agree by key set and values, recursively; a wrong id changes the state', async () => {
    assert.deepEqual(mcpMetrics.structural('{"a":1,"b":{"c":2,"d":3}}', '{"b":{"d":3,"c":2},"a":1}', 'mcp'), {
      kind: 'json',
      score: 1,
    });
    assert.equal(
      mcpMetrics.structural('{"a":1,"b":{"c":2,"d":3}}', '{"a":1,"b":{"c":9,"d":3}}', 'mcp').score,
      0.75,
    );
    assert.equal(mcpMetrics.structural('{"a":1}', 'done', 'mcp').kind, 'lines');
    const rows = allRows(await readRecords('corpus/real/mcp.jsonl.gz', 60));
    const made = '{"name": "made-up-entity"}';
    const created = rows.find(({ row }) => {
      const metrics = judgeFreeMetrics(row, made);
      return metrics.stateChange?.changed === true && /"name"/.test(truthOf(row));
    });
    assert.ok(created, 'a call whose result names new resources');
    const metrics = judgeFreeMetrics(created.row, made);
    assert.equal(metrics.stateChange?.correct, false);
    assert.ok(metrics.stateChange?.differences.includes('resourceNames'));
  });
});

describe('web metrics', () => {
  it('node-level F1 over role and name; a page with another URL is a wrong state', async () => {
    const rows = allRows(await readRecords('corpus/real/web-browsergym.jsonl.gz', 2));
    const navigation = rows.find(
      ({ row }) =>
        judgeFreeMetrics(row, truthOf(row)).stateChange !== undefined &&
        row.turn_idx >= 2 &&
        /^URL: /.test(truthOf(row)),
    );
    assert.ok(navigation);
    const truth = truthOf(navigation.row);
    const otherUrl = truth.replace(/^URL: \S+/, 'URL: http://elsewhere.test/');
    const metrics = judgeFreeMetrics(navigation.row, otherUrl);
    assert.equal(metrics.structural?.kind, 'nodes');
    assert.equal(metrics.stateChange?.correct, false);
    assert.ok(metrics.stateChange?.differences.includes('url'));
    const lines = truth.split('\n');
    const node = lines.findIndex((line) => /^\s*\[\d+\] link /.test(line));
    assert.ok(node >= 0);
    const dropped = [...lines.slice(0, node), ...lines.slice(node + 1)].join('\n');
    const score = webMetrics.structural(truth, dropped, 'browsergym').score;
    assert.ok(score < 1 && score > 0.5, `one node fewer: ${score}`);
  });
});

describe('mcp rows rebuilt as specs', () => {
  it('name the server the system prompt names, unless the prompt says the server did not start empty', async () => {
    const rows = allRows(await readRecords('corpus/real/mcp.jsonl.gz', 60));
    const memory = rows.find(({ row }) => row.system_str.includes('known to the agent as "server-memory"'));
    assert.ok(memory, 'the real corpus has server-memory sessions');
    const spec = mcpMetrics.specFromRow(memory.row, [], 'mcp');
    assert.deepEqual(spec.initialState, { data: { serverName: 'server-memory' } });
    const withState = {
      ...memory.row,
      system_str: `${memory.row.system_str}\nThese resources exist before the first call: note-1.`,
    };
    assert.equal(mcpMetrics.specFromRow(withState, [], 'mcp').initialState, undefined);
    const unnamed = { ...memory.row, system_str: 'A server.' };
    assert.equal(mcpMetrics.specFromRow(unnamed, [], 'mcp').initialState, undefined);
  });
});
