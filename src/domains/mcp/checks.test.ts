import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../core/turn.js';
import { type WorldSpec, WorldSpecSchema } from '../../core/world-spec.js';
import { parseSessionLines } from '../../session/session-file.js';
import { checkMcpObservation } from './checks.js';
import { type McpAction, parseMcpAction } from './dialects/mcp/actions.js';
import { applyMcpTurn, createMcpLedger, type McpLedger } from './ledger.js';

const recordings = parseSessionLines(
  readFileSync(new URL('../../../examples/sessions/mcp.jsonl', import.meta.url), 'utf8'),
  'examples/sessions/mcp.jsonl',
);
const everythingSpec = recordings.find((record) => record.spec.id === 'example-mcp')?.spec as WorldSpec;
const memorySpec = recordings.find((record) => record.spec.id === 'example-mcp-memory')?.spec as WorldSpec;

function statusOf(results: readonly CheckResult[], id: string): CheckResult {
  const result = results.find((entry) => entry.id === id);
  assert.ok(result, `no check ${id}`);
  return result;
}

function check(spec: WorldSpec, input: unknown, observation: string, ledger?: McpLedger): CheckResult[] {
  const action = parseMcpAction(input, spec);
  return checkMcpObservation({
    spec,
    turnIndex: 1,
    action,
    ledger: ledger ?? createMcpLedger(spec),
    observation,
  });
}

describe('mcp checks on real observations', () => {
  it('every recorded observation of a real server passes (no false failures)', () => {
    assert.ok(recordings.length >= 3);
    for (const record of recordings) {
      let ledger = createMcpLedger(record.spec);
      for (const turn of record.turns) {
        const action = turn.action as McpAction;
        const results = checkMcpObservation({
          spec: record.spec,
          turnIndex: turn.index,
          action,
          ledger,
          observation: turn.observation,
        });
        assert.deepEqual(
          results.filter((result) => result.status === 'fail'),
          [],
          `${record.spec.id} turn ${turn.index}`,
        );
        assert.deepEqual(
          results.map((result) => result.id),
          [
            'no-scaffolding',
            'non-empty',
            'json-when-declared',
            'output-schema',
            'error-shape',
            'deleted-stays-deleted',
            'success-claim',
          ],
        );
        ledger = applyMcpTurn(ledger, action, turn.observation, record.spec);
      }
    }
  });

  it('skips the schema checks for tools without outputSchema and for errors', () => {
    const echo = check(everythingSpec, { name: 'echo', arguments: { message: 'x' } }, 'Echo: x');
    assert.equal(statusOf(echo, 'output-schema').status, 'skip');
    assert.equal(statusOf(echo, 'json-when-declared').status, 'skip');
    assert.equal(statusOf(echo, 'error-shape').status, 'skip');
    const failed = check(memorySpec, { name: 'read_graph' }, 'Error: the graph file is locked');
    assert.equal(statusOf(failed, 'json-when-declared').status, 'skip');
    assert.equal(statusOf(failed, 'output-schema').status, 'skip');
    assert.equal(statusOf(failed, 'error-shape').status, 'pass');
  });
});

describe('mcp checks catch wrong observations', () => {
  const weather = { name: 'get-structured-content', arguments: { location: 'Chicago' } };

  it('output-schema fails on JSON that does not match the declared schema', () => {
    const results = check(
      everythingSpec,
      weather,
      '{"temperature":"hot","conditions":"Sunny","humidity":40}',
    );
    const result = statusOf(results, 'output-schema');
    assert.equal(result.status, 'fail');
    assert.match(result.message ?? '', /expected number, received string at temperature/);
    const extra = check(
      everythingSpec,
      weather,
      '{"temperature":20,"conditions":"Sunny","humidity":40,"wind":3}',
    );
    assert.equal(statusOf(extra, 'output-schema').status, 'fail');
  });

  it('output-schema accepts one field of a valid result, as server-memory prints it', () => {
    const entities = '[{"name":"Ada","entityType":"person","observations":[]}]';
    const input = {
      name: 'create_entities',
      arguments: { entities: [{ name: 'Ada', entityType: 'person', observations: [] }] },
    };
    assert.equal(statusOf(check(memorySpec, input, entities), 'output-schema').status, 'pass');
    assert.equal(statusOf(check(memorySpec, input, '[{"name":"Ada"}]'), 'output-schema').status, 'fail');
  });

  it('json-when-declared fails on prose or broken JSON where the schema wants JSON', () => {
    const prose = check(everythingSpec, weather, 'It is 36 degrees and drizzling in Chicago.');
    assert.equal(statusOf(prose, 'json-when-declared').status, 'fail');
    const broken = check(everythingSpec, weather, '{"temperature":36,"conditions":"Light rain"');
    const result = statusOf(broken, 'json-when-declared');
    assert.equal(result.status, 'fail');
    assert.match(result.message ?? '', /malformed JSON/);
    const deleteMessage = check(
      memorySpec,
      { name: 'delete_entities', arguments: { entityNames: ['Ada'] } },
      'Entities deleted successfully',
    );
    assert.equal(statusOf(deleteMessage, 'json-when-declared').status, 'pass');
  });

  it('error-shape fails on an error marker with no message', () => {
    for (const observation of ['Error:', 'MCP error -32603:', 'status: error']) {
      const result = statusOf(
        check(everythingSpec, { name: 'echo', arguments: { message: 'x' } }, observation),
        'error-shape',
      );
      assert.equal(result.status, 'fail', observation);
    }
    const fine = check(
      everythingSpec,
      { name: 'echo', arguments: { message: 'x' } },
      'status: error\nmessage: quota exceeded',
    );
    assert.equal(statusOf(fine, 'error-shape').status, 'pass');
  });

  it('deleted-stays-deleted fails when a deleted entity comes back in a read', () => {
    let ledger = createMcpLedger(memorySpec);
    ledger = applyMcpTurn(
      ledger,
      { name: 'delete_entities', arguments: { entityNames: ['Acme'] } },
      'Entities deleted successfully',
    );
    const open = { name: 'open_nodes', arguments: { names: ['Acme'] } };
    const ghost = check(
      memorySpec,
      open,
      '{"entities":[{"name":"Acme","entityType":"company","observations":[]}],"relations":[]}',
      ledger,
    );
    const result = statusOf(ghost, 'deleted-stays-deleted');
    assert.equal(result.status, 'fail');
    assert.match(result.message ?? '', /"Acme"/);
    assert.equal(
      statusOf(check(memorySpec, open, '{"entities":[],"relations":[]}', ledger), 'deleted-stays-deleted')
        .status,
      'pass',
    );
    const unrelated = check(
      memorySpec,
      { name: 'open_nodes', arguments: { names: ['Ada'] } },
      '{"entities":[],"relations":[]}',
      ledger,
    );
    assert.equal(statusOf(unrelated, 'deleted-stays-deleted').status, 'skip');
  });

  it('the shared checks run too', () => {
    const results = check(
      everythingSpec,
      { name: 'echo', arguments: { message: 'x' } },
      '<predicted_observation>Echo: x',
    );
    assert.equal(statusOf(results, 'no-scaffolding').status, 'fail');
    assert.equal(
      statusOf(check(everythingSpec, { name: 'echo', arguments: { message: 'x' } }, '  \n'), 'non-empty')
        .status,
      'fail',
    );
  });

  it('never throws, even for a spec without tools', () => {
    const bare = WorldSpecSchema.parse({ domain: 'mcp' });
    const results = checkMcpObservation({
      spec: bare,
      turnIndex: 1,
      action: { name: 'x', arguments: {} },
      ledger: createMcpLedger(bare),
      observation: '{}',
    });
    assert.equal(statusOf(results, 'output-schema').status, 'skip');
    assert.equal(statusOf(results, 'non-empty').status, 'pass');
  });
});
