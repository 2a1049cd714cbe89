/** Picking a real engine by domain, and `--engine real` on the command line's engine factory. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createEngineFromFlags } from '../../cli/engine-factory.js';
import { isAgentWorldError } from '../../core/errors.js';
import { createEnv, parseWorldSpec } from '../../session/create-env.js';
import {
  createRealEngine,
  RealMcpEngine,
  RealSearchEngine,
  RealSweEngine,
  RealTerminalEngine,
  RealWebEngine,
} from './index.js';

const examples = join(process.cwd(), 'examples');
const terminalSpec = parseWorldSpec(JSON.parse(readFileSync(join(examples, 'terminal.json'), 'utf8')));
const mcpSpec = parseWorldSpec(JSON.parse(readFileSync(join(examples, 'mcp.json'), 'utf8')));
const sweSpec = parseWorldSpec(JSON.parse(readFileSync(join(examples, 'swe-mini-swe-agent.json'), 'utf8')));
const webSpec = parseWorldSpec(JSON.parse(readFileSync(join(examples, 'web-browsergym.json'), 'utf8')));
const searchSpec = parseWorldSpec({
  domain: 'search',
  task: 'Find the apt-get manual page.',
  initialState: { data: { currentDate: '2026-12-07' } },
});

describe('createRealEngine', () => {
  it('gives the terminal, mcp, swe, web and search executors, and says android and os have none', async () => {
    assert.ok(createRealEngine('terminal') instanceof RealTerminalEngine);
    assert.ok(createRealEngine('mcp') instanceof RealMcpEngine);
    assert.ok(createRealEngine('swe') instanceof RealSweEngine);
    assert.ok(createRealEngine('web') instanceof RealWebEngine);
    assert.ok(createRealEngine('search') instanceof RealSearchEngine);
    for (const domain of ['android', 'os'] as const) {
      assert.throws(
        () => createRealEngine(domain),
        (error: unknown) =>
          isAgentWorldError(error, 'UNSUPPORTED') && /no real executor/i.test(error.message),
      );
    }
  });

  it('--engine real runs terminal, mcp, swe, web and search worlds (the mcp server from --real-server)', async () => {
    const engine = await createEngineFromFlags({ engine: 'real', realServer: 'everything' });
    try {
      assert.equal(engine.kind, 'real');
      const terminal = await createEnv(terminalSpec, { engine });
      await terminal.reset({ seed: 1 });
      const screen = await terminal.step([{ keystrokes: 'echo real-engine\n', duration: 30 }]);
      assert.match(screen.observation, /\nreal-engine\n/);
      const mcp = await createEnv(mcpSpec, { engine });
      await mcp.reset({ seed: 1 });
      assert.match((await mcp.step({ name: 'get-sum', arguments: { a: 20, b: 22 } })).observation, /42/);
      const swe = await createEnv(sweSpec, { engine });
      await swe.reset({ seed: 1 });
      const listed = await swe.step({ name: 'bash', arguments: { command: 'pwd && cat calc.py' } });
      assert.match(
        listed.observation,
        /^<returncode>0<\/returncode>\n<output>\n\/testbed\ndef add\(a, b\):\n {4}return a - b\n<\/output>$/,
      );
      const web = await createEnv(webSpec, { engine });
      await web.reset({ seed: 1 });
      const scrolled = await web.step('scroll(0, 200)');
      assert.match(scrolled.observation, /^URL: http:\/\/127\.0\.0\.1:8765\/\nTitle: Corner Library\n/);
      const search = await createEnv(searchSpec, { engine });
      await search.reset({ seed: 1 });
      const hits = await search.step({ name: 'web_search', arguments: { query: 'apt-get install package' } });
      assert.match(hits.observation, /^\[1\] https:\/\/debian\.example\/usr\/share\/man\/man8\/apt-get\.8\n/);
    } finally {
      await engine.close();
    }
  });
});
