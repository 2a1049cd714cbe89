import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO_ROOT, runCli } from './run-cli.js';

function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'examples', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

describe('agentworld schema', { concurrency: 2 }, () => {
  it('worldspec is a JSON Schema (2020-12) that accepts the three example specs and rejects a broken one', async () => {
    const run = await runCli(['schema', 'worldspec']);
    assert.equal(run.code, 0, run.stderr);
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.match(String(schema.$schema), /2020-12/);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    for (const name of ['terminal', 'mcp', 'search']) {
      assert.equal(validate(example(name)), true, `${name}: ${JSON.stringify(validate.errors)}`);
    }
    const broken = { ...example('terminal'), domain: 'aquarium' };
    assert.equal(validate(broken), false);
    const { domain: _dropped, ...withoutDomain } = example('search');
    assert.equal(validate(withoutDomain), false);
  });

  it('the default schema is worldspec', async () => {
    const [named, unnamed] = await Promise.all([runCli(['schema', 'worldspec']), runCli(['schema'])]);
    assert.equal(unnamed.code, 0);
    assert.equal(unnamed.stdout, named.stdout);
  });

  it('action --spec examples/mcp.json lists the tool names of that world', async () => {
    const run = await runCli(['schema', 'action', '--spec', 'examples/mcp.json']);
    assert.equal(run.code, 0, run.stderr);
    const schema = JSON.parse(run.stdout) as { properties: { name: { enum: string[] } } };
    const tools = (example('mcp').tools as Array<{ name: string }>).map((tool) => tool.name);
    assert.ok(tools.length > 3);
    assert.deepEqual([...schema.properties.name.enum].sort(), [...tools].sort());
    const validate = new Ajv2020({ strict: false }).compile(schema);
    assert.equal(validate({ name: 'echo', arguments: { message: 'hi' } }), true);
    assert.equal(validate({ name: 'no-such-tool', arguments: {} }), false);
  });

  it('an unknown schema name, or "action" without --spec, exits 1 with a clear message', async () => {
    const [unknown, noSpec] = await Promise.all([
      runCli(['schema', 'spaceship']),
      runCli(['schema', 'action']),
    ]);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /Unknown schema "spaceship"/);
    for (const name of ['worldspec', 'session', 'step-result', 'reset-result', 'action']) {
      assert.ok(unknown.stderr.includes(name), `the message lists ${name}`);
    }
    assert.equal(noSpec.code, 1);
    assert.match(noSpec.stderr, /--spec/);
  });
});
