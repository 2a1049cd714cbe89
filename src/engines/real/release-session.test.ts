/** A closed session frees what its real engine held for it: the sandbox, the server process, the repository. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Engine } from '../../core/engine.js';
import { createEnv, parseWorldSpec } from '../../session/create-env.js';
import { createCacheEngine } from '../cache/index.js';
import { createRealMcpEngine, createRealTerminalEngine, parseRealMcpServer, RealSweEngine } from './index.js';

function example(name: string) {
  return parseWorldSpec(JSON.parse(readFileSync(join(process.cwd(), 'examples', name), 'utf8')));
}

interface Counted extends Engine {
  readonly openSessions: number;
}

async function closeAfterOneStep(engine: Engine, specFile: string, action: unknown): Promise<void> {
  const env = await createEnv(example(specFile), { engine });
  await env.reset({ seed: 1 });
  await env.step(action);
  const branch = env.fork();
  await branch.step(action);
  await env.close();
  await branch.close();
}

const storeDirectory = mkdtempSync(join(tmpdir(), 'agentworld-release-'));
after(() => rmSync(storeDirectory, { recursive: true, force: true }));

describe('releaseSession on real engines', () => {
  const cases: Array<{ name: string; engine: () => Counted; spec: string; action: unknown }> = [
    {
      name: 'terminal',
      engine: () => createRealTerminalEngine(),
      spec: 'terminal.json',
      action: [{ keystrokes: 'echo released\n', duration: 5 }],
    },
    {
      name: 'mcp (server-everything)',
      engine: () => createRealMcpEngine({ server: parseRealMcpServer('everything') }),
      spec: 'mcp.json',
      action: { name: 'echo', arguments: { message: 'released' } },
    },
    {
      name: 'swe',
      engine: () => new RealSweEngine(),
      spec: 'swe-mini-swe-agent.json',
      action: { name: 'bash', arguments: { command: 'cat calc.py' } },
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.name}: closing a session and its fork frees both`, async () => {
      const engine = testCase.engine();
      try {
        const env = await createEnv(example(testCase.spec), { engine });
        await env.reset({ seed: 1 });
        await env.step(testCase.action);
        assert.equal(engine.openSessions, 1);
        await env.close();
        assert.equal(engine.openSessions, 0);
        // Through a wrapper (the cache forwards it), a session and its fork.
        await closeAfterOneStep(
          createCacheEngine({
            inner: engine,
            store: join(storeDirectory, `${testCase.name.split(' ')[0]}.db`),
            mode: 'write-only',
            closeInner: false,
          }),
          testCase.spec,
          testCase.action,
        );
        assert.equal(engine.openSessions, 0);
      } finally {
        await engine.close();
      }
    });
  }
});
