/** `--engine hybrid` as the CLI builds it (src/cli/engine-factory.ts): which model side, and refused worlds. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createEngineFromFlags } from '../../cli/engine-factory.js';
import { createServerEngine } from '../../cli/engine-routes.js';
import { isAgentWorldError } from '../../core/errors.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { readSpecFile } from '../../session/spec-file.js';
import { nodeLlamaCppInstalled } from '../local/node-llama-cpp-probe.js';
import type { HybridEngine } from './hybrid-engine.js';

// No model server from the environment or a user's config file: this file runs in a process of its own.
for (const name of Object.keys(process.env)) if (name.startsWith('AGENTWORLD_')) delete process.env[name];
const home = mkdtempSync(join(tmpdir(), 'agentworld-hybrid-cli-'));
process.env.AGENTWORLD_HOME = home;

const terminal = parseWorldSpec(await readSpecFile('terminal'));
const search = parseWorldSpec(await readSpecFile('search'));
const llamaInstalled = await nodeLlamaCppInstalled();

describe('--engine hybrid in the CLI', () => {
  after(() => rmSync(home, { recursive: true, force: true }));

  it('refuses a world whose domain has no twin, naming the domains that have one', async () => {
    await assert.rejects(createEngineFromFlags({ engine: 'hybrid' }, { spec: search }), (error: unknown) => {
      assert.ok(isAgentWorldError(error, 'CONFIG_INVALID'));
      assert.match(
        error.message,
        /needs a twin of the world's domain, and search has none \(twins exist for: terminal, mcp\)/,
      );
      return true;
    });
  });

  it('takes lwm as its model side when a model server is configured', async () => {
    const flags = { engine: 'hybrid', modelUrl: 'http://127.0.0.1:9/v1', model: 'm' };
    for (const engine of [
      (await createEngineFromFlags(flags, { spec: terminal })) as HybridEngine,
      (await createServerEngine(flags)) as HybridEngine,
    ]) {
      assert.equal(engine.id, 'hybrid');
      assert.equal(engine.modelEngine.id, 'lwm');
      assert.equal(engine.model, 'm');
      await engine.close();
    }
  });

  it('takes the embedded model as its model side without a model server', {
    skip: !llamaInstalled,
  }, async () => {
    const engine = (await createEngineFromFlags({ engine: 'hybrid' }, { spec: terminal })) as HybridEngine;
    try {
      assert.equal(engine.modelEngine.id, 'local');
      assert.equal(engine.identity().conditioning, 'none');
    } finally {
      await engine.close();
    }
  });
});
