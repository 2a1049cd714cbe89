import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { type ToolDefinition, ToolDefinitionSchema } from '../../../../core/world-spec.js';
import { toolResultOf } from './presentation.js';
import { structuredContentFor } from './structured-content.js';

interface FixtureServer {
  readonly id: string;
  readonly tools: unknown[];
  readonly calls: Array<{ title: string; name: string; result: Record<string, unknown> }>;
}
const FIXTURE = JSON.parse(await readFile('src/domains/mcp/dialects/mcp/fixtures.json', 'utf8')) as {
  servers: FixtureServer[];
};

function realTool(server: string, name: string): ToolDefinition {
  const tool = FIXTURE.servers
    .find((entry) => entry.id === server)
    ?.tools.find((entry) => (entry as { name: string }).name === name);
  assert.ok(tool, `${server} has no tool ${name} in the fixture`);
  return ToolDefinitionSchema.parse(tool);
}

function realCall(server: string, title: string): { name: string; result: Record<string, unknown> } {
  const call = FIXTURE.servers
    .find((entry) => entry.id === server)
    ?.calls.find((entry) => entry.title === title);
  assert.ok(call, `${server} has no call "${title}" in the fixture`);
  return call;
}

describe('structuredContentFor follows how the real servers fill structuredContent', () => {
  const cases: Array<[server: string, title: string]> = [
    ['filesystem', 'text file'],
    ['filesystem', 'directory listing'],
    ['filesystem', 'write a file'],
    ['everything', 'structured tool'],
    ['memory', 'create entities'],
    ['memory', 'open nodes'],
    ['memory', 'delete entities'],
  ];
  for (const [server, title] of cases) {
    it(`${server}: ${title}`, () => {
      const call = realCall(server, title);
      const text = (call.result.content as Array<{ text: string }>)[0]?.text ?? '';
      const outcome = structuredContentFor(realTool(server, call.name), text);
      assert.equal(outcome.kind, 'fits');
      if (outcome.kind === 'fits') {
        assert.equal(JSON.stringify(outcome.value), JSON.stringify(call.result.structuredContent));
      }
    });
  }

  it('names the rule it used', () => {
    const rule = (server: string, tool: string, text: string) => {
      const outcome = structuredContentFor(realTool(server, tool), text);
      return outcome.kind === 'fits' ? outcome.rule : outcome.kind;
    };
    assert.equal(rule('filesystem', 'read_text_file', 'hello\n'), 'text-field');
    assert.equal(
      rule('everything', 'get-structured-content', '{"temperature":1,"conditions":"x","humidity":2}'),
      'json',
    );
    assert.equal(rule('memory', 'create_entities', '[]'), 'json-field');
    assert.equal(rule('memory', 'delete_entities', 'Entities deleted successfully'), 'acknowledgment');
    assert.equal(rule('everything', 'echo', 'Echo: hi'), 'not-needed');
  });

  it('is unfit when neither the JSON nor the text can fill the schema', () => {
    const weather = realTool('everything', 'get-structured-content');
    const prose = structuredContentFor(weather, 'Sunny and warm');
    assert.equal(prose.kind, 'unfit');
    assert.match(prose.kind === 'unfit' ? prose.message : '', /the text is not JSON/);
    const wrong = structuredContentFor(weather, '{"temperature":"hot","conditions":"x","humidity":2}');
    assert.equal(wrong.kind, 'unfit');
    assert.match(
      wrong.kind === 'unfit' ? wrong.message : '',
      /expected number, received string at temperature/,
    );
  });
});

describe('toolResultOf', () => {
  it('gives a recorded real result back unchanged: blocks, structuredContent and the real flag', () => {
    for (const title of ['image file', 'missing file']) {
      const call = realCall('filesystem', title);
      const outcome = toolResultOf(
        { observation: 'ignored', rawResult: call.result },
        realTool('filesystem', call.name),
      );
      assert.deepEqual(outcome, { ok: true, result: call.result });
    }
    const annotated = realCall('everything', 'annotated error message');
    assert.deepEqual(
      toolResultOf({ observation: 'Error: Operation failed', rawResult: annotated.result }, undefined),
      {
        ok: true,
        result: annotated.result,
      },
    );
  });

  it('omits isError when false, sets it on clear error signs, and refuses results that fit no schema', () => {
    const read = realTool('filesystem', 'read_text_file');
    assert.deepEqual(toolResultOf({ observation: 'hi' }, read), {
      ok: true,
      result: { content: [{ type: 'text', text: 'hi' }], structuredContent: { content: 'hi' } },
    });
    assert.deepEqual(toolResultOf({ observation: 'MCP error -32603: boom' }, read), {
      ok: true,
      result: { content: [{ type: 'text', text: 'MCP error -32603: boom' }], isError: true },
    });
    const unfit = toolResultOf({ observation: 'Sunny' }, realTool('everything', 'get-structured-content'));
    assert.equal(unfit.ok, false);
  });
});
