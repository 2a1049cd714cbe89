/**
 * A realistic session to write: one terminal session of the server benchmark (the bench spec, the lwm engine
 * answered in-process), stepped `turns` times through the SessionManager into a scratch SQLite store; its record
 * is the template whose turns the store benchmark appends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionRecord } from '../../src/core/turn.js';
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { ANONYMOUS_OWNER } from '../../src/server/sessions/index.js';
import { inProcessModelFetch } from '../engine-overhead/terminal-responder.js';
import { BENCH_ENGINE_CONCURRENCY, benchAction, benchManager } from '../server/bench-manager.js';
import { inProcessDriver } from '../server/step-drivers.js';

export async function sessionTemplate(turns: number): Promise<SessionRecord> {
  const directory = mkdtempSync(join(tmpdir(), 'agentworld-scale-template-'));
  const engine = createLwmEngine(
    { baseUrl: 'http://in-process.invalid/v1', model: 'bench', concurrency: BENCH_ENGINE_CONCURRENCY },
    { fetch: inProcessModelFetch() },
  );
  const { manager, store } = await benchManager(engine, join(directory, 'template.db'));
  try {
    const driver = inProcessDriver(manager);
    const id = await driver.reset(1);
    for (let turn = 1; turn <= turns; turn += 1) await driver.step(id, benchAction(turn));
    return await manager.record(ANONYMOUS_OWNER, id);
  } finally {
    manager.shutdown();
    await store.close();
    await engine.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
