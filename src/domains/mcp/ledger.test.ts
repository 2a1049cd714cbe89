import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../../core/errors.js';
import { contentHash } from '../../core/hash.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { prepareMcpSpec } from './domain.js';
import {
  applyMcpTurn,
  createMcpLedger,
  MAX_RECORDED_CALLS,
  type McpLedger,
  summarizeMcpLedger,
} from './ledger.js';

const spec = WorldSpecSchema.parse({
  domain: 'mcp',
  tools: [{ name: 'create_user' }, { name: 'get_user' }, { name: 'delete_user' }, { name: 'list_users' }],
  initialState: { data: { resourceIds: ['u_admin'] } },
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const entry of Object.values(value)) deepFreeze(entry);
    Object.freeze(value);
  }
  return value;
}

describe('mcp ledger', () => {
  it('starts empty, with the resources the spec names', () => {
    const ledger = createMcpLedger(spec);
    assert.deepEqual(ledger, {
      turns: 0,
      calls: [],
      callsPerTool: {},
      resourceIds: ['u_admin'],
      resourceNames: [],
      deleted: [],
      errors: 0,
    });
  });

  it('records calls, ids and names from JSON observations, per-tool counts and errors', () => {
    let ledger = createMcpLedger(spec);
    ledger = applyMcpTurn(
      ledger,
      { name: 'create_user', arguments: { name: 'Ada' } },
      '{"id":"u_7","name":"Ada","team":{"team_id":42,"name":"Core"},"ownerId":"u_admin"}',
    );
    ledger = applyMcpTurn(
      ledger,
      { name: 'get_user', arguments: { id: 'u_9' } },
      'Error: user u_9 not found',
    );
    assert.equal(ledger.turns, 2);
    assert.deepEqual(ledger.callsPerTool, { create_user: 1, get_user: 1 });
    assert.deepEqual(ledger.resourceIds, ['u_admin', 'u_7', '42']);
    assert.deepEqual(ledger.resourceNames, ['Ada', 'Core']);
    assert.equal(ledger.errors, 1);
    assert.deepEqual(ledger.calls, [
      {
        turn: 1,
        tool: 'create_user',
        argumentsHash: contentHash({ name: 'Ada' }).slice(0, 16),
        error: false,
      },
      { turn: 2, tool: 'get_user', argumentsHash: contentHash({ id: 'u_9' }).slice(0, 16), error: true },
    ]);
  });

  it('marks the targets of a successful delete, and a create brings them back', () => {
    let ledger = createMcpLedger(spec);
    ledger = applyMcpTurn(
      ledger,
      { name: 'delete_user', arguments: { id: 'u_7' } },
      'Error: permission denied',
    );
    assert.deepEqual(ledger.deleted, [], 'a failed delete deletes nothing');
    ledger = applyMcpTurn(
      ledger,
      { name: 'delete_user', arguments: { id: 'u_7', reason: 'left' } },
      'User u_7 deleted.',
    );
    assert.deepEqual(ledger.deleted, ['u_7']);
    ledger = applyMcpTurn(
      ledger,
      { name: 'create_user', arguments: { name: 'Bo' } },
      '{"id":"u_7","name":"Bo"}',
    );
    assert.deepEqual(ledger.deleted, []);
  });

  it('only top-level arguments name what a delete removes', () => {
    const ledger = applyMcpTurn(
      createMcpLedger(spec),
      { name: 'delete_observations', arguments: { deletions: [{ entityName: 'Ada', observations: ['x'] }] } },
      'Observations deleted successfully',
    );
    assert.deepEqual(ledger.deleted, []);
    const byNames = applyMcpTurn(
      createMcpLedger(spec),
      { name: 'delete_entities', arguments: { entityNames: ['Ada', 'Acme'] } },
      'Entities deleted successfully',
    );
    assert.deepEqual(byNames.deleted, ['Ada', 'Acme']);
  });

  it('never changes the ledger it is given (forks share ledgers)', () => {
    const before = deepFreeze(createMcpLedger(spec));
    const snapshot = structuredClone(before);
    const after = applyMcpTurn(
      before,
      { name: 'create_user', arguments: { name: 'Ada' } },
      '{"id":"u_1","name":"Ada"}',
    );
    const again = applyMcpTurn(before, { name: 'delete_user', arguments: { id: 'u_admin' } }, 'deleted');
    assert.deepEqual(before, snapshot);
    assert.notEqual(after, before);
    assert.deepEqual(after.resourceIds, ['u_admin', 'u_1']);
    assert.deepEqual(again.deleted, ['u_admin']);
    assert.deepEqual(after.deleted, []);
  });

  it('keeps only the newest 100 calls', () => {
    let ledger: McpLedger = createMcpLedger(spec);
    for (let index = 0; index < MAX_RECORDED_CALLS + 5; index += 1) {
      ledger = applyMcpTurn(ledger, { name: 'list_users', arguments: { page: index } }, '[]');
    }
    assert.equal(ledger.calls.length, MAX_RECORDED_CALLS);
    assert.equal(ledger.calls[0]?.turn, 6);
    assert.equal(ledger.callsPerTool.list_users, MAX_RECORDED_CALLS + 5);
  });

  it('summarizes to plain JSON', () => {
    const ledger = applyMcpTurn(
      createMcpLedger(spec),
      { name: 'get_user', arguments: { id: 'u_admin' } },
      '{"id":"u_admin"}',
    );
    const summary = summarizeMcpLedger(ledger);
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
    assert.deepEqual(summary, {
      turns: 1,
      errors: 0,
      callsPerTool: { get_user: 1 },
      recentCalls: [
        {
          turn: 1,
          tool: 'get_user',
          argumentsHash: contentHash({ id: 'u_admin' }).slice(0, 16),
          error: false,
        },
      ],
      resourceIds: ['u_admin'],
      resourceNames: [],
      deleted: [],
    });
  });

  it('rejects bad initial data with the path of the key', async () => {
    const bad = WorldSpecSchema.parse({
      domain: 'mcp',
      tools: [{ name: 'x' }],
      initialState: { data: { resourceIds: ['ok', 7] } },
    });
    await assert.rejects(prepareMcpSpec(bad), (error) => {
      assert.ok(isAgentWorldError(error, 'INVALID_SPEC'));
      assert.equal(error.details.path, '$.initialState.data.resourceIds[1]');
      return true;
    });
  });
});
