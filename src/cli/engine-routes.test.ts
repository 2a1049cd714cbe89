import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import { bundledModelPath } from '../engines/local/bundled-model.js';
import { parseWorldSpec } from '../session/create-env.js';
import { readSpecFile } from '../session/spec-file.js';
import type { EngineFlags } from './engine-factory.js';
import { createServerEngine, engineRouteFor } from './engine-routes.js';

// No model server from the environment or a user's config file: this file runs in a process of its own.
for (const name of Object.keys(process.env)) if (name.startsWith('AGENTWORLD_')) delete process.env[name];
const home = mkdtempSync(join(tmpdir(), 'agentworld-engine-routes-'));
process.env.AGENTWORLD_HOME = home;

const spec = async (name: string) => parseWorldSpec(await readSpecFile(name));
const terminal = await spec('terminal');
const memory = await spec('mcp-memory');
const everything = await spec('mcp');
const search = await spec('search');
const otherShell = parseWorldSpec({
  domain: 'terminal',
  initialState: { data: { user: 'dev', host: 'box', home: '/srv/dev', cwd: '/srv/dev' } },
});

function refusal(pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(isAgentWorldError(error, 'CONFIG_INVALID'), String(error));
    assert.match(error.message, pattern);
    assert.match(error.message, /Pass --model-url and --model/);
    return true;
  };
}

describe('engine routes of a server with no model server configured', () => {
  after(() => rmSync(home, { recursive: true, force: true }));

  it('sends each world to the engine of its domain that needs no server, one engine per model file', () => {
    // Each world gets the hybrid: its domain's twin, then the shipped model of its domain.
    const terminalRoute = engineRouteFor({}, terminal);
    assert.equal(terminalRoute.key, `hybrid:${bundledModelPath('terminal')}`);
    assert.equal(terminalRoute.name, 'hybrid (terminal twin + agentworld-terminal.gguf)');
    const memoryRoute = engineRouteFor({}, memory);
    assert.equal(memoryRoute.key, `hybrid:${bundledModelPath('mcp')}`);
    assert.equal(memoryRoute.name, 'hybrid (mcp twin + agentworld-mcp.gguf)');
    assert.equal(engineRouteFor({ engine: 'local' }, terminal).key, `local:${bundledModelPath('terminal')}`);
    // --engine local: the model of the world's domain; --local-model: that file for every world.
    assert.equal(engineRouteFor({ engine: 'local' }, memory).key, `local:${bundledModelPath('mcp')}`);
    assert.equal(
      engineRouteFor({ engine: 'local' }, otherShell).key,
      `local:${bundledModelPath('terminal')}`,
    );
    assert.equal(engineRouteFor({ engine: 'local', localModel: '/m.gguf' }, memory).key, 'local:/m.gguf');
  });

  it('refuses a world no embedded model fits, saying why and how to configure a model server', () => {
    assert.throws(
      () => engineRouteFor({}, search),
      refusal(
        /^No world model for this world: no embedded model simulates search worlds, and no model server/,
      ),
    );
    assert.throws(
      () => engineRouteFor({}, everything),
      refusal(/^No world model for this world: the embedded mcp model cannot simulate the server /),
    );
    assert.throws(() => engineRouteFor({}, otherShell), refusal(/its shell has home \/srv\/dev for dev/));
  });

  it('routes per session only when the flags leave the engine to the world', async () => {
    const cases: Array<[EngineFlags, string]> = [
      [{}, 'routing'],
      [{ engine: 'local' }, 'routing'],
      [{ modelUrl: 'http://127.0.0.1:9/v1', model: 'm' }, 'lwm'],
      [{ replay: ['examples/sessions/mcp.jsonl'] }, 'replay'],
    ];
    for (const [flags, id] of cases) {
      const engine = await createServerEngine(flags);
      assert.equal(engine.id, id);
      await engine.close();
    }
    // An explicit --engine lwm keeps its meaning: no server, no start.
    await assert.rejects(
      createServerEngine({ engine: 'lwm' }),
      refusal(/^No world model configured \(model/),
    );
  });
});
