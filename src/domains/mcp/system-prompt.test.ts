import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type WorldSpec, WorldSpecSchema } from '../../core/world-spec.js';
import { mcpSystemPrompt } from './system-prompt.js';

const exampleInput = JSON.parse(
  readFileSync(new URL('../../../examples/mcp.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const exampleSpec: WorldSpec = WorldSpecSchema.parse(exampleInput);

describe('mcpSystemPrompt', () => {
  it('has every section in order', () => {
    const prompt = mcpSystemPrompt(exampleSpec);
    const headings = [...prompt.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    assert.deepEqual(headings, [
      'Role',
      'Action Space',
      'Tool Definitions',
      'How to Simulate',
      'Task Given to the Agent',
      'Answer Format',
    ]);
    for (const sub of [
      '### What to return',
      '### State and consistency',
      '### Errors and edge cases',
      '### Nondeterminism',
      '### Never',
      '### This server',
    ]) {
      assert.ok(prompt.includes(sub), sub);
    }
  });

  it('lists each tool with name, description, inputSchema and outputSchema only', () => {
    const prompt = mcpSystemPrompt(exampleSpec);
    const block = prompt.slice(prompt.indexOf('## Tool Definitions'), prompt.indexOf('## How to Simulate'));
    const json = block.slice(block.indexOf('```json\n') + 8, block.lastIndexOf('\n```'));
    const tools = JSON.parse(json) as Array<Record<string, unknown>>;
    assert.equal(tools.length, 13);
    const structured = tools.find((tool) => tool.name === 'get-structured-content');
    assert.deepEqual(Object.keys(structured ?? {}), ['name', 'description', 'inputSchema', 'outputSchema']);
    assert.ok(!block.includes('"annotations"'));
    assert.ok(!block.includes('"taskSupport"'));
  });

  it('is stable: the same spec gives the same bytes', () => {
    assert.equal(
      mcpSystemPrompt(exampleSpec),
      mcpSystemPrompt(WorldSpecSchema.parse(structuredClone(exampleInput))),
    );
  });

  it('keeps our own text crisp (between 40 and 90 lines without the tool list)', () => {
    const spec = WorldSpecSchema.parse({ domain: 'mcp', tools: [{ name: 'ping' }] });
    const prompt = mcpSystemPrompt(spec);
    const withoutTools = prompt.replace(/## Tool Definitions\n```json\n[\s\S]*?\n```\n\n/, '');
    const lines = withoutTools.split('\n').length;
    assert.ok(lines >= 40 && lines <= 90, `${lines} lines`);
  });

  it('adds the hidden server state, initial state, instructions and demonstrations', () => {
    const spec = WorldSpecSchema.parse({
      domain: 'mcp',
      tools: [{ name: 'get_user', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } }],
      initialState: {
        text: 'Two users exist.',
        data: {
          serverName: 'crm',
          resourceIds: ['u_1', 'u_2'],
          serverState: { users: [{ id: 'u_1' }, { id: 'u_2' }] },
        },
      },
      simulationInstructions: 'The database is read-only today.',
      demonstrations: [
        {
          title: 'lookup',
          turns: [
            {
              action: {
                jsonrpc: '2.0',
                id: 1,
                method: 'tools/call',
                params: { name: 'get_user', arguments: { id: 'u_1' } },
              },
              observation: '{"id":"u_1"}',
            },
          ],
        },
      ],
    });
    const prompt = mcpSystemPrompt(spec);
    assert.ok(prompt.includes('The server is known to the agent as "crm".'));
    assert.ok(prompt.includes('These resources exist before the first call: u_1, u_2.'));
    assert.ok(prompt.includes('"users": ['));
    assert.ok(prompt.includes('## Initial State\nTwo users exist.'));
    assert.ok(prompt.includes('## Simulation Instructions\nThe database is read-only today.'));
    assert.ok(
      prompt.includes(
        '### Example 1: lookup\n\n### Turn 1\n**Action:**\n```json\n{\n  "name": "get_user",\n  "arguments": {\n    "id": "u_1"\n  }\n}\n```\n\n**Environment Observation:**\n{"id":"u_1"}',
      ),
      'demonstration actions are shown in the canonical form',
    );
  });

  it('fills a user template by plain replacement', () => {
    const spec = WorldSpecSchema.parse({
      domain: 'mcp',
      tools: [{ name: 'ping' }],
      prompt: { systemTemplate: 'Tools {"literal": true}:\n{tool_definitions}\n{demonstrations}' },
    });
    const prompt = mcpSystemPrompt(spec);
    assert.ok(prompt.startsWith('Tools {"literal": true}:\n```json\n[\n  {\n    "name": "ping"'));
    assert.ok(!prompt.includes('## Role'));
  });
});
